package org.civic.core.api.time;

import java.time.YearMonth;

import org.civic.core.api.CivicException;

/**
 * A deadline computation needs a month that no calendar in the region's chain has initialised
 * (platform-config.md §6): the action that needed it is refused with
 * {@code CALENDAR_NOT_INITIALISED:yyyy-MM} (409).
 */
public class CalendarNotInitialisedException extends CivicException {

    private static final long serialVersionUID = 1L;

    private final YearMonth month;

    public CalendarNotInitialisedException(YearMonth month) {
        super(409, "CALENDAR_NOT_INITIALISED:" + month, "The working calendar of " + month + " is not initialised");
        this.month = month;
    }

    public YearMonth month() {
        return month;
    }
}
