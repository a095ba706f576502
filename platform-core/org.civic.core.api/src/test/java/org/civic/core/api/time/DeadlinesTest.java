package org.civic.core.api.time;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;

import org.junit.Test;

/** The examples of platform-config.md (PC-10, PC-12, PC-13, PC-14) and of the line specs' clocks. */
public class DeadlinesTest {

    /** PC-13's calendar: weekends off; May Day and National Day off; four make-up working days. */
    private static final SimpleCalendar PC13 = SimpleCalendar.builder()
            .initialise(YearMonth.of(2024, 1), YearMonth.of(2024, 12))
            .nonWorking(d("2024-05-01"), d("2024-05-02"), d("2024-05-03"), d("2024-05-04"), d("2024-05-05"))
            .nonWorking(d("2024-10-01"), d("2024-10-02"), d("2024-10-03"), d("2024-10-04"), d("2024-10-05"),
                    d("2024-10-06"), d("2024-10-07"))
            .working(d("2024-04-28"), d("2024-05-11"), d("2024-09-29"), d("2024-10-12"))
            .build();

    /** The 110, clue and supervision fixtures: Monday–Friday in March 2026, office 09:00–12:00, 13:00–17:00. */
    private static final SimpleCalendar MARCH_2026 = SimpleCalendar.builder()
            .initialise(YearMonth.of(2026, 2), YearMonth.of(2026, 4))
            .officeHours(OfficeHours.parse("09:00-12:00,13:00-17:00"))
            .build();

    private final Deadlines pc13 = new Deadlines(PC13);
    private final Deadlines march = new Deadlines(MARCH_2026);

    @Test
    public void workingDaysBeforeAndFirstWorkingDayOfMonth() {
        // Supervision due-soon: 3 working days before Monday 2026-03-09 is Wednesday 03-04.
        assertEquals(d("2026-03-04"), march.nthWorkingDayBefore(d("2026-03-09"), 3));
        assertEquals(d("2026-03-06"), march.nthWorkingDayBefore(d("2026-03-09"), 1));
        // Across May Day: 05-01..05-05 are off; before 05-06 come Tuesday 04-30, Monday 04-29, then the
        // make-up working Sunday 04-28.
        assertEquals(d("2024-04-30"), pc13.nthWorkingDayBefore(d("2024-05-06"), 1));
        assertEquals(d("2024-04-28"), pc13.nthWorkingDayBefore(d("2024-05-06"), 3));
        // Monthly reminder: 2026-04-01 is a Wednesday; 2026-03-01 a Sunday; October 2024 starts with a week off.
        assertEquals(d("2026-04-01"), march.firstWorkingDayOf(YearMonth.of(2026, 4)));
        assertEquals(d("2026-03-02"), march.firstWorkingDayOf(YearMonth.of(2026, 3)));
        assertEquals(d("2024-10-08"), pc13.firstWorkingDayOf(YearMonth.of(2024, 10)));
        try {
            march.nthWorkingDayBefore(d("2026-03-09"), 0);
            fail("n = 0 must be refused");
        } catch (IllegalArgumentException expected) {
            // expected
        }
    }

    @Test
    public void pc13WorkingAndCalendarDays() {
        assertEquals(d("2024-05-09"), pc13.nthWorkingDayAfter(d("2024-04-29"), 5));
        assertEquals(t("2024-05-09T23:59:59+08:00"), pc13.plusWorkingDays(d("2024-04-29"), 5));
        assertEquals(d("2024-10-11"), pc13.nthWorkingDayAfter(d("2024-09-23"), 10));
        assertEquals(d("2024-06-03"), pc13.plusCalendarDays(d("2024-03-04"), 90));
        assertEquals(d("2024-03-14"), pc13.plusCalendarDays(d("2024-03-04"), 10));
    }

    @Test
    public void pc14WorkingHours() {
        assertEquals(t("2024-03-06T11:00:00+08:00"), pc13.plusWorkingTime(t("2024-03-04T10:00:00+08:00"), Duration.ofHours(16)));
        assertEquals(t("2024-04-28T11:00:00+08:00"), pc13.plusWorkingTime(t("2024-04-26T16:00:00+08:00"), Duration.ofHours(4)));
        assertEquals(t("2024-03-04T14:20:00+08:00"), pc13.plusWorkingTime(t("2024-03-04T11:50:00+08:00"), Duration.ofHours(1)));
        Deadlines summer = new Deadlines(SimpleCalendar.builder().initialise(YearMonth.of(2024, 3), YearMonth.of(2024, 3))
                .officeHours(OfficeHours.parse("09:00-12:00,13:00-17:00")).build());
        assertEquals(t("2024-03-04T13:50:00+08:00"), summer.plusWorkingTime(t("2024-03-04T11:50:00+08:00"), Duration.ofHours(1)));
    }

    @Test
    public void pc10OctoberHasNineteenWorkingDays() {
        int working = 0;
        for (LocalDate day = d("2024-10-01"); day.getMonthValue() == 10; day = day.plusDays(1)) {
            if (PC13.isWorkingDay(day)) {
                working++;
            }
        }
        // 23 weekdays, minus 1-4 and 7 October (National Day), plus Saturday 12 October (调休).
        assertEquals(19, working);
    }

    @Test
    public void pc12MissingMonthRefusesTheComputation() {
        SimpleCalendar only2025 = SimpleCalendar.builder().initialise(YearMonth.of(2024, 1), YearMonth.of(2025, 12)).build();
        try {
            new Deadlines(only2025).plusWorkingDays(d("2025-12-22"), 10);
            fail("computed across an uninitialised month");
        } catch (CalendarNotInitialisedException e) {
            assertEquals("CALENDAR_NOT_INITIALISED:2026-01", e.code());
            assertEquals(409, e.status());
        }
    }

    @Test
    public void linkage110SignAndHandlingClocks() {
        // Sign-in within 2 office hours (linkage-110.md §6.1).
        assertEquals(t("2026-03-02T12:00:00+08:00"), march.plusWorkingTime(t("2026-03-02T10:00:00+08:00"), Duration.ofHours(2)));
        assertEquals(t("2026-03-09T10:30:00+08:00"), march.plusWorkingTime(t("2026-03-06T16:30:00+08:00"), Duration.ofHours(2)));
        // Outside office hours counting starts at the next office minute.
        assertEquals(t("2026-03-09T11:00:00+08:00"), march.plusWorkingTime(t("2026-03-07T20:00:00+08:00"), Duration.ofHours(2)));
        assertEquals(t("2026-03-02T13:00:00+08:00"), march.plusWorkingTime(t("2026-03-02T12:30:00+08:00"), Duration.ZERO));
        // Default handling deadline: end of the last office period of the 3rd working day after dispatch (§6.2).
        assertEquals(t("2026-03-05T17:00:00+08:00"), march.endOfLastOfficePeriod(march.nthWorkingDayAfter(d("2026-03-02"), 3)));
        // Red card 3 working days after the yellow, same time of day.
        assertEquals(t("2026-03-10T17:00:00+08:00"), march.plusWorkingDaysSameTime(t("2026-03-05T17:00:00+08:00"), 3));
    }

    @Test
    public void linkage110DisputePauseShiftsTheDeadline() {
        Duration left = march.workingTimeBetween(t("2026-03-03T10:00:00+08:00"), t("2026-03-05T17:00:00+08:00"));
        assertEquals(Duration.ofMinutes(1200), left);
        assertEquals(t("2026-03-09T14:00:00+08:00"), march.plusWorkingTime(t("2026-03-04T15:00:00+08:00"), left));
        assertEquals(left.negated(), march.workingTimeBetween(t("2026-03-05T17:00:00+08:00"), t("2026-03-03T10:00:00+08:00")));
        assertEquals(Duration.ZERO, march.workingTimeBetween(t("2026-03-07T09:00:00+08:00"), t("2026-03-08T17:00:00+08:00")));
    }

    @Test
    public void clueAndSupervisionSameTimeOfDay() {
        assertEquals(t("2026-03-09T16:00:00+08:00"), march.plusWorkingDaysSameTime(t("2026-03-06T16:00:00+08:00"), 1));
        assertEquals(t("2026-03-16T09:00:00+08:00"), march.plusWorkingDaysSameTime(t("2026-03-02T09:00:00+08:00"), 10));
        // Supervision: overdue from 00:00 the day after the deadline date, red 3 working days later.
        assertEquals(t("2026-03-13T00:00:00+08:00"), march.plusWorkingDaysSameTime(t("2026-03-10T00:00:00+08:00"), 3));
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static Instant t(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }
}
