package org.civic.core.api.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.civic.core.api.PlatformClock;

/**
 * Deadline arithmetic on a working calendar, with the rules of platform-config.md §6, in the platform
 * time zone (Asia/Shanghai). Every method reads only the months it needs; a month without a calendar
 * raises {@link CalendarNotInitialisedException}.
 */
public final class Deadlines {

    /** Guards against a calendar with no working time at all: ten years is more than any rule needs. */
    private static final int MAX_DAYS = 3660;
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private final WorkingCalendar calendar;

    public Deadlines(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The n-th WORKING day strictly after {@code date} (the date itself never counts). */
    public LocalDate nthWorkingDayAfter(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        LocalDate day = date;
        int found = 0;
        for (int i = 0; i < MAX_DAYS; i++) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day) && ++found == n) {
                return day;
            }
        }
        throw new IllegalStateException("No " + n + " working days within " + MAX_DAYS + " days of " + date);
    }

    /**
     * The n-th WORKING day strictly before {@code date} (the date itself never counts): "3 working days
     * before the deadline" for a due-soon notice.
     */
    public LocalDate nthWorkingDayBefore(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        LocalDate day = date;
        int found = 0;
        for (int i = 0; i < MAX_DAYS; i++) {
            day = day.minusDays(1);
            if (calendar.isWorkingDay(day) && ++found == n) {
                return day;
            }
        }
        throw new IllegalStateException("No " + n + " working days within " + MAX_DAYS + " days before " + date);
    }

    /** The first WORKING day of a month (a monthly reminder's day): skips weekends and holidays. */
    public LocalDate firstWorkingDayOf(java.time.YearMonth month) {
        LocalDate day = month.atDay(1);
        for (int i = 0; i < 31; i++, day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("No working day in " + month);
    }

    /** "N working days after D": 23:59:59 of the n-th working day after D. */
    public Instant plusWorkingDays(LocalDate date, int n) {
        return at(nthWorkingDayAfter(date, n), END_OF_DAY);
    }

    /** "N working days after T, same time of day": the n-th working day after T's date, at T's time. */
    public Instant plusWorkingDaysSameTime(Instant t, int n) {
        ZonedDateTime z = t.atZone(PlatformClock.ZONE);
        return at(nthWorkingDayAfter(z.toLocalDate(), n), z.toLocalTime());
    }

    /** "N calendar days after D": D + N, moved to the next WORKING day when that day is not one. */
    public LocalDate plusCalendarDays(LocalDate date, int n) {
        LocalDate day = date.plusDays(n);
        for (int i = 0; i < MAX_DAYS && !calendar.isWorkingDay(day); i++) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The end of the last office period of {@code date}, e.g. 17:00. */
    public Instant endOfLastOfficePeriod(LocalDate date) {
        return at(date, calendar.officeHours().lastEnd());
    }

    /**
     * "N working hours (or minutes) after T": consumes the office periods of WORKING days from T on.
     * Time outside office periods and on NON_WORKING days does not count, so a zero amount (or a clock
     * started outside office hours) starts at the next office minute.
     */
    public Instant plusWorkingTime(Instant t, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        Duration remaining = amount;
        LocalDateTime cursor = LocalDateTime.ofInstant(t, PlatformClock.ZONE);
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = cursor.toLocalDate();
            if (calendar.isWorkingDay(day)) {
                for (OfficeHours.Period p : calendar.officeHours().periods()) {
                    LocalDateTime start = max(day.atTime(p.start()), cursor);
                    LocalDateTime end = day.atTime(p.end());
                    if (!start.isBefore(end)) {
                        continue;
                    }
                    Duration available = Duration.between(start, end);
                    if (remaining.compareTo(available) <= 0) {
                        return start.plus(remaining).atZone(PlatformClock.ZONE).toInstant();
                    }
                    remaining = remaining.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("No " + amount + " of office time within " + MAX_DAYS + " days of " + t);
    }

    /**
     * Office time between two instants: the overlap of [a, b) with the office periods of WORKING days.
     * Negative when b lies before a (time overdue).
     */
    public Duration workingTimeBetween(Instant a, Instant b) {
        if (b.isBefore(a)) {
            return workingTimeBetween(b, a).negated();
        }
        LocalDateTime from = LocalDateTime.ofInstant(a, PlatformClock.ZONE);
        LocalDateTime to = LocalDateTime.ofInstant(b, PlatformClock.ZONE);
        Duration total = Duration.ZERO;
        for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (OfficeHours.Period p : calendar.officeHours().periods()) {
                LocalDateTime start = max(day.atTime(p.start()), from);
                LocalDateTime end = min(day.atTime(p.end()), to);
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    private static Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(PlatformClock.ZONE).toInstant();
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
