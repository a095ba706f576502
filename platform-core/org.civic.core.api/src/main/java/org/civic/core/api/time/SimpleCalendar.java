package org.civic.core.api.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A working calendar held in memory: initialised months default to Monday–Friday WORKING, weekends
 * NON_WORKING, with per-date overrides for public holidays and make-up working days (调休).
 */
public final class SimpleCalendar implements WorkingCalendar {

    private final Set<YearMonth> months;
    private final Map<LocalDate, DayType> overrides;
    private final OfficeHours officeHours;

    private SimpleCalendar(Set<YearMonth> months, Map<LocalDate, DayType> overrides, OfficeHours officeHours) {
        this.months = Set.copyOf(months);
        this.overrides = Map.copyOf(overrides);
        this.officeHours = officeHours;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DayType dayType(LocalDate date) {
        if (!months.contains(YearMonth.from(date))) {
            throw new CalendarNotInitialisedException(YearMonth.from(date));
        }
        DayType override = overrides.get(date);
        if (override != null) {
            return override;
        }
        return defaultType(date);
    }

    @Override
    public OfficeHours officeHours() {
        return officeHours;
    }

    /** What initialising a month gives a day: Monday–Friday WORKING, Saturday and Sunday NON_WORKING. */
    public static DayType defaultType(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? DayType.NON_WORKING : DayType.WORKING;
    }

    /** Builds a {@link SimpleCalendar}. */
    public static final class Builder {
        private final Set<YearMonth> months = new HashSet<>();
        private final Map<LocalDate, DayType> overrides = new HashMap<>();
        private OfficeHours officeHours = OfficeHours.DEFAULT;

        /** Initialises every month from {@code first} to {@code last}, both included. */
        public Builder initialise(YearMonth first, YearMonth last) {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
            return this;
        }

        public Builder nonWorking(LocalDate... dates) {
            for (LocalDate d : dates) {
                overrides.put(d, DayType.NON_WORKING);
            }
            return this;
        }

        public Builder working(LocalDate... dates) {
            for (LocalDate d : dates) {
                overrides.put(d, DayType.WORKING);
            }
            return this;
        }

        public Builder day(LocalDate date, DayType type) {
            overrides.put(date, type);
            return this;
        }

        public Builder officeHours(OfficeHours hours) {
            this.officeHours = hours;
            return this;
        }

        public SimpleCalendar build() {
            return new SimpleCalendar(months, overrides, officeHours);
        }
    }
}
