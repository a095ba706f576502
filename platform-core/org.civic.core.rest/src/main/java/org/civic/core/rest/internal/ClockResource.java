package org.civic.core.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.ClockControl;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET/POST /api/v1/admin/clock}: read the platform time, and — when the setting
 * {@code clock.adjustable} is on — set it ({@code {"set": "2026-03-02T10:00:00+08:00"}}) or advance it
 * ({@code {"advance": "PT2H"}}). global_admin only.
 */
@Component(service = RestResource.class)
@Path("admin/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource implements RestResource {

    /**
     * Body of {@code POST /api/v1/admin/clock}: at most one of {@code set} and {@code advance}, and
     * optionally {@code frozen} (true: the time stands still from then on, for exact test instants;
     * false: it runs on).
     */
    public record Move(String set, String advance, Boolean frozen) {
    }

    private final PlatformClock clock;
    private final ClockControl control;

    @Activate
    public ClockResource(@Reference PlatformClock clock, @Reference ClockControl control) {
        this.clock = clock;
        this.control = control;
    }

    @GET
    public Map<String, Object> get(@Context SecurityContext security) {
        requireGlobalAdmin(security);
        return state();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> move(@Context SecurityContext security, Move move) {
        requireGlobalAdmin(security);
        if (move == null || move.set() != null && move.advance() != null
                || move.set() == null && move.advance() == null && move.frozen() == null) {
            throw CivicException.missingFields(java.util.List.of("set", "advance"));
        }
        Instant target = null;
        Duration amount = null;
        if (move.set() != null) {
            try {
                target = OffsetDateTime.parse(move.set()).toInstant();
            } catch (DateTimeParseException e) {
                throw CivicException.invalidValue("set", "set takes an ISO-8601 time with offset, e.g. 2026-03-02T10:00:00+08:00");
            }
        } else if (move.advance() != null) {
            try {
                amount = Duration.parse(move.advance());
            } catch (DateTimeParseException e) {
                throw CivicException.invalidValue("advance", "advance takes an ISO-8601 duration, e.g. PT2H or P1D");
            }
            if (amount.isNegative() || amount.isZero()) {
                throw CivicException.invalidValue("advance", "advance takes a positive duration such as PT2H");
            }
        }
        if (Boolean.TRUE.equals(move.frozen())) {
            control.freeze(true);
        }
        if (target != null) {
            control.set(target);
        } else if (amount != null) {
            control.advance(amount);
        }
        if (Boolean.FALSE.equals(move.frozen())) {
            control.freeze(false);
        }
        return state();
    }

    private Map<String, Object> state() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.nowInZone()));
        body.put("adjustable", control.isAdjustable());
        body.put("offset", control.offset().toString());
        body.put("frozen", control.isFrozen());
        return body;
    }

    private static void requireGlobalAdmin(SecurityContext security) {
        Caller caller = CallerPrincipal.of(security);
        if (!caller.isGlobalAdmin()) {
            throw CivicException.forbidden("Only a global administrator reads or moves the platform clock");
        }
    }
}
