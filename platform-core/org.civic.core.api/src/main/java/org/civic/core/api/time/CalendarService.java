package org.civic.core.api.time;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.civic.core.api.org.Caller;

/**
 * The working calendars of the platform (platform-config.md §3.6, §5.3, §6): a global calendar and
 * optional region calendars. A region uses, month by month, its own calendar if that month is
 * initialised for it, else the nearest ancestor's, else the global one; office hours likewise.
 * A {@code regionCode} of null means the global calendar.
 */
public interface CalendarService {

    /** The calendar that applies to a region, for deadline arithmetic (see {@link Deadlines}). */
    WorkingCalendar calendarFor(String regionCode);

    /** One month as the region sees it, with where it comes from. Readable by any user in scope. */
    MonthView month(Caller caller, String regionCode, YearMonth month);

    /**
     * Initialises every month of the years with Monday–Friday WORKING and weekends NON_WORKING,
     * discarding earlier edits of those months (needs {@code confirm} when there are any).
     */
    void initialise(Caller caller, String regionCode, int minYear, int maxYear, boolean confirm);

    /** Sets one day's type (a public holiday, a make-up working day) in an initialised month. */
    void setDay(Caller caller, String regionCode, LocalDate date, DayType type, String note);

    /** Sets the office hours of a region (or the global default), e.g. "08:30-12:00,13:30-17:30". */
    void setOfficeHours(Caller caller, String regionCode, String officeHours);

    /** A month of a calendar. {@code source} is the region whose calendar applies, "global", or null. */
    record MonthView(String regionCode, YearMonth month, boolean initialised, String source, String officeHours,
            int workingDays, List<DayView> days) {
    }

    /** One day; {@code edited} when it differs from the weekday default. */
    record DayView(LocalDate date, DayType dayType, String note, boolean edited) {
    }
}
