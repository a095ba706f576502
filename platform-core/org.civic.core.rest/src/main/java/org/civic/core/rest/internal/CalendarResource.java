package org.civic.core.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.time.DayType;
import org.civic.core.api.time.Deadlines;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The working calendar (工作日设置, platform-config.md §5.3): read a month, initialise years, set a
 * day's type, set office hours, and compute a deadline as the platform would. Without
 * {@code regionCode} the global calendar is meant.
 */
@Component(service = RestResource.class)
@Path("admin/calendar")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarResource implements RestResource {

    /** Body of {@code POST /admin/calendar/years}. */
    public record Years(String regionCode, Integer minYear, Integer maxYear, Boolean confirm) {
    }

    /** Body of {@code PUT /admin/calendar/days/{date}}. */
    public record Day(String regionCode, String dayType, String note) {
    }

    /** Body of {@code PUT /admin/calendar/office-hours}. */
    public record Hours(String regionCode, String officeHours) {
    }

    private final CalendarService calendars;

    @Activate
    public CalendarResource(@Reference CalendarService calendars) {
        this.calendars = calendars;
    }

    @GET
    public CalendarService.MonthView month(@Context SecurityContext security, @QueryParam("regionCode") String regionCode,
            @QueryParam("month") String month) {
        if (month == null || month.isBlank()) {
            throw CivicException.missingField("month");
        }
        YearMonth m;
        try {
            m = YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue("month", "month is yyyy-MM, e.g. 2026-02");
        }
        return calendars.month(CallerPrincipal.of(security), regionCode, m);
    }

    @POST
    @Path("years")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response initialise(@Context SecurityContext security, Years body) {
        List<String> missing = new ArrayList<>();
        if (body == null || body.minYear() == null) {
            missing.add("minYear");
        }
        if (body == null || body.maxYear() == null) {
            missing.add("maxYear");
        }
        if (!missing.isEmpty()) {
            throw CivicException.missingFields(missing);
        }
        calendars.initialise(CallerPrincipal.of(security), body.regionCode(), body.minYear(), body.maxYear(),
                Boolean.TRUE.equals(body.confirm()));
        return Response.noContent().build();
    }

    @PUT
    @Path("days/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setDay(@Context SecurityContext security, @PathParam("date") String date, Day body) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue("date", "date is yyyy-MM-dd");
        }
        if (body == null || body.dayType() == null) {
            throw CivicException.missingField("dayType");
        }
        DayType type;
        try {
            type = DayType.valueOf(body.dayType().trim());
        } catch (IllegalArgumentException e) {
            throw CivicException.invalidValue("dayType", "dayType is WORKING or NON_WORKING");
        }
        calendars.setDay(CallerPrincipal.of(security), body.regionCode(), day, type, body.note());
        return Response.noContent().build();
    }

    @PUT
    @Path("office-hours")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setOfficeHours(@Context SecurityContext security, Hours body) {
        if (body == null) {
            throw CivicException.missingField("officeHours");
        }
        calendars.setOfficeHours(CallerPrincipal.of(security), body.regionCode(), body.officeHours());
        return Response.noContent().build();
    }

    /**
     * The deadline the platform computes from {@code from} (ISO-8601 with offset) on the region's
     * calendar, with exactly one of: {@code workingDays} (end of that working day),
     * {@code workingDaysSameTime}, {@code workingMinutes}, {@code calendarDays}.
     */
    @GET
    @Path("deadline")
    public Map<String, Object> deadline(@Context SecurityContext security, @QueryParam("regionCode") String regionCode,
            @QueryParam("from") String from, @QueryParam("workingDays") Integer workingDays,
            @QueryParam("workingDaysSameTime") Integer workingDaysSameTime,
            @QueryParam("workingMinutes") Integer workingMinutes, @QueryParam("calendarDays") Integer calendarDays) {
        CallerPrincipal.of(security);
        if (from == null || from.isBlank()) {
            throw CivicException.missingField("from");
        }
        Instant start;
        try {
            start = OffsetDateTime.parse(from.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue("from", "from is an ISO-8601 time with offset, e.g. 2026-03-02T10:00:00+08:00");
        }
        int given = count(workingDays) + count(workingDaysSameTime) + count(workingMinutes) + count(calendarDays);
        if (given != 1) {
            throw CivicException.invalidValue("amount",
                    "Give exactly one of workingDays, workingDaysSameTime, workingMinutes, calendarDays");
        }
        Deadlines deadlines = new Deadlines(calendars.calendarFor(regionCode));
        LocalDate date = start.atZone(PlatformClock.ZONE).toLocalDate();
        Instant deadline;
        if (workingDays != null) {
            deadline = deadlines.plusWorkingDays(date, positive("workingDays", workingDays));
        } else if (workingDaysSameTime != null) {
            deadline = deadlines.plusWorkingDaysSameTime(start, positive("workingDaysSameTime", workingDaysSameTime));
        } else if (workingMinutes != null) {
            deadline = deadlines.plusWorkingTime(start, Duration.ofMinutes(positive("workingMinutes", workingMinutes)));
        } else {
            deadline = deadlines.plusCalendarDays(date, positive("calendarDays", calendarDays)).atStartOfDay(PlatformClock.ZONE)
                    .toInstant();
        }
        return Map.of("from", from.trim(), "deadline",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(deadline, PlatformClock.ZONE)));
    }

    private static int count(Integer value) {
        return value == null ? 0 : 1;
    }

    private static int positive(String field, int value) {
        if (value < 1 || value > 100_000) {
            throw CivicException.invalidValue(field, field + " must be between 1 and 100000");
        }
        return value;
    }
}
