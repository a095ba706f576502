package org.civic.core.api.time;

import java.time.LocalDate;

/** The working calendar that applies to one region: day types and office hours. */
public interface WorkingCalendar {

    /** @throws CalendarNotInitialisedException when the date's month has no calendar */
    DayType dayType(LocalDate date);

    OfficeHours officeHours();

    default boolean isWorkingDay(LocalDate date) {
        return dayType(date) == DayType.WORKING;
    }
}
