package org.civic.plugins.linkage110;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic phone callback (自动电话回访, spec 5.4, 6.4, §10) apart from its transport: which call
 * requests still have to be sent, recording their delivery or dead letter, the partner's result and the
 * timeout. The outbox is the appeal itself: {@code autoCallbackPending} is written in the dispatcher's
 * transaction and stays until a result or the timeout clears it, so a request undelivered at a restart
 * is sent after it. Every change is a system action of the kernel (audited, evented, one at a time).
 */
final class AutoCallbacks {

    static final String SCRIPT = "满意请按1，不满意请按2";
    private static final Logger LOG = LoggerFactory.getLogger(AutoCallbacks.class);
    private static final Set<String> RESULTS = Set.of(AppealRules.SATISFIED, AppealRules.UNSATISFIED,
            AppealRules.UNREACHABLE);

    /** A call request as the partner receives it (spec §10), with the appeal it belongs to. */
    record CallRequest(long appealId, String callbackId, String districtNo, String appellantPhone, String regionCode,
            boolean deadLettered) {

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("callbackId", callbackId);
            b.put("districtNo", districtNo);
            b.put("appellantPhone", appellantPhone);
            b.put("script", SCRIPT);
            return b;
        }
    }

    private final WorkflowService work;
    private final PlatformClock clock;
    private final Limits limits;

    AutoCallbacks(WorkflowService work, PlatformClock clock, Limits limits) {
        this.work = work;
        this.clock = clock;
        this.limits = limits;
    }

    /** The district's timeout of an automatic callback (spec 6.4, configurable per district). */
    int timeoutMinutes(String regionCode) {
        return limits.of(regionCode, Limits.AUTO_CALLBACK_MINUTES);
    }

    /** The line's own caller: reads every district, holds the line's {@code system} role, is no user. */
    static Caller system() {
        return Caller.system();
    }

    /** Appeals waiting for the district with an automatic callback running. */
    private List<ItemSummary> running() {
        List<ItemSummary> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ItemSummary> page = work.query(system(), Linkage110Line.LINE, new ItemQuery("AWAITING_ARCHIVE", null,
                    null, null, null, null, null, null, "updatedAt", offset, 200));
            for (ItemSummary s : page.items()) {
                if (s.fields().get("autoCallbackPending") instanceof Map<?, ?>) {
                    out.add(s);
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return out;
            }
        }
    }

    /** Requests not yet accepted by the partner, oldest first. */
    List<CallRequest> undelivered() {
        List<CallRequest> out = new ArrayList<>();
        for (ItemSummary s : running()) {
            Map<?, ?> p = (Map<?, ?>) s.fields().get("autoCallbackPending");
            if (p.get("deliveredAt") == null && !timedOut(s, p)) {
                out.add(new CallRequest(s.id(), (String) p.get("callbackId"), (String) s.fields().get("districtNo"),
                        (String) s.fields().get("appellantPhone"), s.regionCode(), p.get("deadLetteredAt") != null));
            }
        }
        return out;
    }

    private boolean timedOut(ItemSummary s, Map<?, ?> pending) {
        return !clock.now().isBefore(dueAt(s.regionCode(), pending));
    }

    private Instant dueAt(String regionCode, Map<?, ?> pending) {
        return OffsetDateTime.parse(pending.get("startedAt").toString()).toInstant()
                .plus(Duration.ofMinutes(timeoutMinutes(regionCode)));
    }

    /**
     * Records UNREACHABLE for every automatic callback whose result did not arrive in time (spec 6.4), at
     * the instant the time ran out, whatever the time of the scan. Returns how many were recorded.
     */
    int recordTimeouts() {
        int n = 0;
        for (ItemSummary s : running()) {
            Map<?, ?> p = (Map<?, ?>) s.fields().get("autoCallbackPending");
            if (!timedOut(s, p)) {
                continue;
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("callbackId", p.get("callbackId"));
            input.put("result", AppealRules.UNREACHABLE);
            input.put("timedOutAt", dueAt(s.regionCode(), p).atZone(PlatformClock.ZONE).toOffsetDateTime().toString());
            if (apply(s.id(), "auto_callback_result", input, "SYSTEM")) {
                LOG.info("Automatic callback {} of appeal {} timed out: recorded UNREACHABLE", p.get("callbackId"), s.id());
                n++;
            }
        }
        return n;
    }

    /** The partner accepted the request. False when the callback is no longer running (nothing to record). */
    boolean delivered(CallRequest r) {
        return apply(r.appealId(), "auto_callback_delivered", Map.of("callbackId", r.callbackId()), "SYSTEM");
    }

    /**
     * Every redelivery failed. The first dead letter of a request is recorded on the appeal (audit and
     * field {@code deadLetteredAt}); the request stays pending and is sent again later.
     */
    void deadLettered(CallRequest r, String error) {
        if (r.deadLettered()) {
            LOG.warn("Callback request {} of appeal {} still undeliverable: {}", r.callbackId(), r.appealId(), error);
            return;
        }
        String text = error == null ? "" : error.length() > 500 ? error.substring(0, 500) : error;
        apply(r.appealId(), "auto_callback_dead_letter", Map.of("callbackId", r.callbackId(), "error", text), "SYSTEM");
    }

    /**
     * A result posted by a partner account: validated, then applied when it names the running callback
     * of an appeal in the partner's region. Unknown, finished or foreign callbacks are ignored and logged
     * (spec 5.4), so the partner learns nothing about them. Returns APPLIED or IGNORED.
     */
    String result(Caller partner, String callbackId, Map<String, Object> body) {
        if (!partner.hasRole(Linkage110Line.IVR_PARTNER)) {
            throw CivicException.forbidden("Only the automatic callback partner posts callback results");
        }
        Map<String, Object> input = resultInput(callbackId, body == null ? Map.of() : body);
        input.put("reportedBy", partner.loginName());
        long appealId = AppealRules.appealOf(callbackId);
        if (appealId < 0) {
            LOG.warn("Ignoring a result for the unknown callback {} from {}", callbackId, partner.loginName());
            return "IGNORED";
        }
        ItemView appeal;
        try {
            appeal = work.get(system(), appealId);
        } catch (CivicException e) {
            LOG.warn("Ignoring a result for callback {} from {}: {}", callbackId, partner.loginName(), e.getMessage());
            return "IGNORED";
        }
        Object pending = appeal.fields().get("autoCallbackPending");
        if (!Linkage110Line.LINE.equals(appeal.line()) || !RegionCodes.isWithin(appeal.regionCode(), partner.regionCode())
                || !(pending instanceof Map<?, ?> p) || !callbackId.equals(p.get("callbackId"))) {
            LOG.warn("Ignoring a result for callback {} from {}: not a running callback of the partner's district",
                    callbackId, partner.loginName());
            return "IGNORED";
        }
        return apply(appealId, "auto_callback_result", input, "IVR") ? "APPLIED" : "IGNORED";
    }

    /** Checks the partner's body (spec §10): result required and known; callTime ISO-8601; sizes. */
    static Map<String, Object> resultInput(String callbackId, Map<String, Object> body) {
        Object result = body.get("result");
        if (result == null || result.toString().isBlank()) {
            throw CivicException.missingField("result");
        }
        if (!RESULTS.contains(result.toString())) {
            throw CivicException.invalidValue("result", "result must be SATISFIED, UNSATISFIED or UNREACHABLE");
        }
        Object given = body.get("callbackId");
        if (given != null && !given.toString().equals(callbackId)) {
            throw CivicException.invalidValue("callbackId", "The body names another callback than the path");
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("callbackId", callbackId);
        input.put("result", result.toString());
        Object callTime = body.get("callTime");
        if (callTime != null) {
            try {
                input.put("callTime", OffsetDateTime.parse(callTime.toString()).toString());
            } catch (DateTimeParseException e) {
                throw CivicException.invalidValue("callTime", "callTime must be ISO-8601 with an offset");
            }
        }
        text(body, "recordingRef", 200, input);
        text(body, "content", 500, input);
        return input;
    }

    private static void text(Map<String, Object> body, String field, int max, Map<String, Object> input) {
        Object v = body.get(field);
        if (v == null) {
            return;
        }
        if (!(v instanceof String s) || s.length() > max) {
            throw CivicException.invalidValue(field, field + " must be text of at most " + max + " characters");
        }
        if (!s.isBlank()) {
            input.put(field, s);
        }
    }

    /** Takes a system action; false when the callback is no longer the running one (ignored, logged). */
    private boolean apply(long appealId, String action, Map<String, Object> input, String channel) {
        try {
            work.act(system(), appealId, action, input, null, channel);
            return true;
        } catch (CivicException e) {
            if ("CALLBACK_NOT_PENDING".equals(e.code()) || "INVALID_STATE".equals(e.code())) {
                LOG.info("{} on appeal {} skipped: {}", action, appealId, e.getMessage());
                return false;
            }
            throw e;
        }
    }

    /** Dead-lettered requests in the caller's district (dispatchers), for operators and the console. */
    List<Map<String, Object>> deadLetters(Caller caller) {
        if (!caller.hasAnyRole(Linkage110Line.DISPATCHER) && !caller.isGlobalAdmin()) {
            throw CivicException.forbidden("Only district dispatchers see undelivered callback requests");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CallRequest r : undelivered()) {
            if (r.deadLettered() && (caller.isGlobalAdmin() || RegionCodes.isWithin(r.regionCode(), caller.regionCode()))) {
                Map<String, Object> row = new LinkedHashMap<>(r.body());
                row.put("appealId", r.appealId());
                rows.add(row);
            }
        }
        return rows;
    }
}
