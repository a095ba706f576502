package org.civic.core.api.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ClockDef.DeadlineRule;

/** Turns a {@link DeadlineRule} into an instant on a region's working calendar. */
public final class DeadlineRules {

    private DeadlineRules() {
    }

    public static Instant apply(Deadlines d, DeadlineRule rule, Instant from) {
        LocalDate day = from.atZone(PlatformClock.ZONE).toLocalDate();
        return switch (rule.kind()) {
            case OFFICE_MINUTES -> d.plusWorkingTime(from, Duration.ofMinutes(rule.amount()));
            case MINUTES -> from.plus(Duration.ofMinutes(rule.amount()));
            case WORKING_DAYS -> d.plusWorkingDays(day, rule.amount());
            case WORKING_DAYS_OFFICE_END -> d.endOfLastOfficePeriod(d.nthWorkingDayAfter(day, rule.amount()));
            case WORKING_DAYS_SAME_TIME -> d.plusWorkingDaysSameTime(from, rule.amount());
            case CALENDAR_DAYS -> d.plusCalendarDays(day, rule.amount()).atTime(LocalTime.of(23, 59, 59))
                    .atZone(PlatformClock.ZONE).toInstant();
        };
    }
}
