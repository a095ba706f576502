package org.civic.plugins.linkage110;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.Unit;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ActionContext.Assignment;
import org.civic.core.api.workflow.ActionContext.Clock;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.ClockDef.DeadlineRule;
import org.civic.core.api.workflow.DeadlineRules;

/**
 * The rules of the 110 line that its declarations cannot say (spec linkage-110.md §5): district
 * numbers, who may be dispatched to, single-unit disputes and extensions, reassignment, the three
 * callback strikes and sending tasks back. Each runs inside the action's transaction; a refusal
 * rolls the whole action back.
 */
final class AppealRules {

    static final String PHONE = "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$";
    static final String[] CATEGORIES = {"城市管理", "市场监管", "环境保护", "劳动保障", "邻里纠纷", "其他"};
    static final String SATISFIED = "SATISFIED";
    static final String UNSATISFIED = "UNSATISFIED";
    static final String UNREACHABLE = "UNREACHABLE";
    /** A third unreachable district callback made by hand archives the appeal (assumption A7). */
    static final int UNREACHABLE_STRIKES = 3;

    private AppealRules() {
    }

    /** create: the district number {@code yyyyMMdd-n} from the platform's number, the channel, the street. */
    static void created(ActionContext ctx) {
        ctx.setField("districtNo", districtNo(ctx.number()));
        ctx.setField("channel", "PHONE");
        checkStreet(ctx, ctx.input().get("streetRegionCode"));
    }

    /** edit_draft: the street, when given, must still lie in the district. */
    static void edited(ActionContext ctx) {
        checkStreet(ctx, ctx.input().get("streetRegionCode"));
    }

    /** {@code 110-620102-20260302-0007} → {@code 20260302-7}: the day and its sequence, per district. */
    static String districtNo(String number) {
        String[] parts = number.split("-");
        if (parts.length < 4) {
            return number;
        }
        return parts[parts.length - 2] + "-" + Long.parseLong(parts[parts.length - 1]);
    }

    private static void checkStreet(ActionContext ctx, Object street) {
        if (street == null || street.toString().isBlank()) {
            return;
        }
        String code = street.toString();
        if (!ctx.regionCode().equals(RegionCodes.parentOf(code))) {
            throw CivicException.invalidValue("streetRegionCode", "Street " + code + " is not a street of district "
                    + ctx.regionCode());
        }
    }

    /**
     * dispatch: every unit is an enabled linkage member (a bureau or street office tagged
     * {@value Linkage110Line#MEMBER_TAG}) of the appeal's district, and a dispatcher's handling deadline
     * falls after the sign deadline it produces.
     */
    static void dispatched(ActionContext ctx, String unitsField) {
        dispatched(ctx, unitsField, Limits.defaults());
    }

    static void dispatched(ActionContext ctx, String unitsField, Limits limits) {
        Map<Long, Unit> units = checkMembers(ctx, unitsField);
        districtClocks(ctx, limits);
        Object given = ctx.input().get("handlingDeadline");
        if (given instanceof OffsetDateTime deadline) {
            for (Assignment a : ctx.created()) {
                Clock sign = ctx.clock(a, "sign");
                if (sign != null && !deadline.toInstant().isAfter(sign.deadline())) {
                    throw CivicException.invalidValue("handlingDeadline", "The handling deadline must be later than the"
                            + " sign deadline " + sign.deadline());
                }
            }
        }
        ctx.setField("multiUnit", activeTasks(ctx).size() > 1);
        ctx.setField("dispatchedAt", time(ctx));
        boolean urgent = Boolean.TRUE.equals(ctx.field("urgent"));
        for (Assignment a : ctx.created()) {
            notice(ctx, a.unitId(), PUSH_DISPATCH);
            Unit unit = units.get(a.unitId());
            String phone = unit == null ? null : dutyPhone(unit.tags());
            if (urgent && phone != null) {
                sms(ctx, a.unitId(), phone);
            }
        }
    }

    /** The field of the WeChat push notices owed per unit: unit id → {seq, event, at} (PushOutbox). */
    static final String NOTICES = "unitNotices";
    /** The field of the duty-phone SMS owed per unit on urgent dispatch: unit id → {seq, phone, at}. */
    static final String SMS = "smsNotices";
    /** The unit tag that carries its duty phone: {@code dutyPhone:13912345678}. */
    static final String DUTY_PHONE_TAG = "dutyPhone:";
    static final String PUSH_DISPATCH = "dispatch";
    static final String PUSH_SUPERVISE = "supervise";
    static final String PUSH_DISPUTE_ACCEPTED = "dispute_accepted";
    static final String PUSH_DISPUTE_REJECTED = "dispute_rejected";
    static final String PUSH_EXTENSION_APPROVED = "extension_approved";
    static final String PUSH_EXTENSION_REJECTED = "extension_rejected";
    static final String PUSH_CALLBACK_OVERDUE = "callback_overdue";
    static final String PUSH_SIGN_YELLOW = "sign_yellow_card";
    static final String PUSH_HANDLING_YELLOW = "handling_yellow_card";
    static final String PUSH_HANDLING_RED = "handling_red_card";

    /** The duty phone a unit's tags name, or null. */
    static String dutyPhone(List<String> tags) {
        if (tags == null) {
            return null;
        }
        for (String t : tags) {
            if (t != null && t.startsWith(DUTY_PHONE_TAG)) {
                String phone = t.substring(DUTY_PHONE_TAG.length()).trim();
                if (phone.matches(PHONE)) {
                    return phone;
                }
            }
        }
        return null;
    }

    /**
     * Raises the unit's notice sequence: the unit's WeChat-bound handlers are owed a push message about
     * {@code event} until the partner accepts this sequence (the outbox is the appeal, docs/linkage110.md 18).
     */
    static void notice(ActionContext ctx, long unitId, String event) {
        raise(ctx, NOTICES, unitId, "event", event);
    }

    private static void sms(ActionContext ctx, long unitId, String phone) {
        raise(ctx, SMS, unitId, "phone", phone);
    }

    @SuppressWarnings("unchecked")
    private static void raise(ActionContext ctx, String field, long unitId, String what, String value) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (ctx.field(field) instanceof Map<?, ?> m) {
            all.putAll((Map<String, Object>) m);
        }
        String key = Long.toString(unitId);
        long seq = all.get(key) instanceof Map<?, ?> before && before.get("seq") instanceof Number n ? n.longValue() : 0;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", seq + 1);
        entry.put(what, value);
        entry.put("at", time(ctx));
        all.put(key, entry);
        ctx.setField(field, all);
    }

    private static Map<Long, Unit> checkMembers(ActionContext ctx, String unitsField) {
        Map<Long, Unit> units = new HashMap<>();
        Set<Object> seen = new HashSet<>();
        for (Object id : (List<?>) ctx.input().get(unitsField)) {
            if (!seen.add(id)) {
                throw CivicException.invalidValue(unitsField, "Unit " + id + " is named twice");
            }
            Unit unit = ctx.addressableUnit(unitsField, ((Number) id).longValue());
            boolean kind = Linkage110Line.BUREAU.equals(unit.unitType())
                    || Linkage110Line.STREET_OFFICE.equals(unit.unitType());
            boolean member = unit.tags() != null && unit.tags().contains(Linkage110Line.MEMBER_TAG);
            if (!kind || !member) {
                throw CivicException.invalidValue(unitsField, unit.name() + " is not a handling unit of the 110 linkage");
            }
            if (!RegionCodes.isWithin(unit.regionCode(), ctx.regionCode())) {
                throw CivicException.invalidValue(unitsField, unit.name() + " belongs to another district");
            }
            units.put(unit.id(), unit);
        }
        return units;
    }

    /** dispute and request_extension: only on an appeal with one handling unit. */
    static void singleUnitOnly(ActionContext ctx) {
        if (activeTasks(ctx).size() > 1) {
            throw new CivicException(409, "NOT_ALLOWED_FOR_MULTI_UNIT",
                    "Disputes and extensions are for appeals with a single handling unit");
        }
    }

    /** accept_dispute: the disputing unit is not among the new ones, and they are linkage members. */
    static void reassigned(ActionContext ctx) {
        reassigned(ctx, Limits.defaults());
    }

    static void reassigned(ActionContext ctx, Limits limits) {
        dropPendingExtension(ctx, ctx.acting().unitId());
        long disputing = ctx.acting().unitId();
        for (Object id : (List<?>) ctx.input().get("newUnitIds")) {
            if (((Number) id).longValue() == disputing) {
                throw CivicException.invalidValue("newUnitIds", "The disputing unit cannot get the appeal again");
            }
        }
        dispatched(ctx, "newUnitIds", limits);
        notice(ctx, disputing, PUSH_DISPUTE_ACCEPTED);
    }

    /** reject_dispute: the disputing unit hears that it keeps the task. */
    static void disputeRejected(ActionContext ctx) {
        notice(ctx, ctx.acting().unitId(), PUSH_DISPUTE_REJECTED);
    }

    /**
     * The district's own limits (spec 6.5), where they differ from the defaults the line's clocks were
     * declared with: the new tasks' sign-in and (unless the dispatcher set one) handling deadlines are moved
     * to what the district's values give from the same start.
     */
    static void districtClocks(ActionContext ctx, Limits limits) {
        String d = ctx.regionCode();
        boolean urgent = Boolean.TRUE.equals(ctx.field("urgent"));
        String signLimit = urgent ? Limits.SIGN_URGENT_MINUTES : Limits.SIGN_OFFICE_MINUTES;
        String handlingLimit = urgent ? Limits.HANDLING_URGENT_HOURS : Limits.HANDLING_WORKING_DAYS;
        for (Assignment a : ctx.created()) {
            Clock sign = ctx.clock(a, "sign");
            if (sign != null && limits.differs(d, signLimit)) {
                int n = limits.of(d, signLimit);
                sign.moveDeadline(DeadlineRules.apply(ctx.deadlines(),
                        urgent ? DeadlineRule.minutes(n) : DeadlineRule.officeMinutes(n), sign.startedAt()));
            }
            Clock handling = ctx.clock(a, "handling");
            if (handling != null && ctx.input().get("handlingDeadline") == null && limits.differs(d, handlingLimit)) {
                int n = limits.of(d, handlingLimit);
                handling.moveDeadline(DeadlineRules.apply(ctx.deadlines(),
                        urgent ? DeadlineRule.minutes(n * 60) : DeadlineRule.workingDaysOfficeEnd(n), handling.startedAt()));
            }
            redCard(ctx, limits, handling);
        }
    }

    /** The district's own distance of the red card after the handling yellow card (spec 6.2, 6.5). */
    private static void redCard(ActionContext ctx, Limits limits, Clock handling) {
        if (handling != null && limits.differs(ctx.regionCode(), Limits.RED_WORKING_DAYS)) {
            handling.redCardAfter(limits.of(ctx.regionCode(), Limits.RED_WORKING_DAYS));
        }
    }

    /**
     * callback_overdue, taken by the kernel when a task's department callback clock passes its deadline
     * (spec 6.3, scenario 28): the task shows 超时未回访 by its clock, and the unit is notified; no card.
     */
    static void callbackOverdue(ActionContext ctx) {
        notice(ctx, ctx.acting().unitId(), PUSH_CALLBACK_OVERDUE);
    }

    /**
     * card_notice, taken by the kernel in the transaction that raises a card of a task's sign or handling clock
     * (spec 5.4 raise_card: "notification to the unit"): the carded unit's handlers are owed a push message. The
     * district sees the card in its lists, on the appeal and in the trail (docs/linkage110.md).
     */
    static void carded(ActionContext ctx) {
        boolean red = "RED".equals(ctx.input().get(ClockDef.CARD_FIELD));
        boolean unsigned = "PENDING_SIGN".equals(ctx.acting().state());
        notice(ctx, ctx.acting().unitId(), red ? PUSH_HANDLING_RED : unsigned ? PUSH_SIGN_YELLOW : PUSH_HANDLING_YELLOW);
    }

    /**
     * feedback: the department callback clock follows the district's limit, and a pending extension
     * request of the task leaves the district's 延期审批 list (it is withdrawn, spec 5.3).
     */
    static void fedBack(ActionContext ctx, Limits limits) {
        dropPendingExtension(ctx, ctx.acting().unitId());
        String d = ctx.regionCode();
        Clock callback = ctx.clock(ctx.acting(), "callback");
        if (callback != null && limits.differs(d, Limits.CALLBACK_WORKING_DAYS)) {
            callback.moveDeadline(DeadlineRules.apply(ctx.deadlines(),
                    DeadlineRule.workingDaysSameTime(limits.of(d, Limits.CALLBACK_WORKING_DAYS)), callback.startedAt()));
        }
    }

    /**
     * request_extension: single-unit appeals only; the request is listed in the district's 延期审批
     * (field {@code pendingExtensions}: unit, current and requested deadline, reason, when, who).
     */
    static void extensionRequested(ActionContext ctx) {
        singleUnitOnly(ctx);
        Assignment task = ctx.acting();
        Clock handling = ctx.clock(task, "handling");
        List<Map<String, Object>> pending = pendingExtensions(ctx);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("unitId", task.unitId());
        request.put("unitName", task.unitName());
        request.put("currentDeadline", handling == null ? null
                : handling.deadline().atZone(PlatformClock.ZONE).toOffsetDateTime().toString());
        request.put("newDeadline", ctx.input().get("newDeadline").toString());
        request.put("reason", ctx.input().get("reason"));
        request.put("requestedAt", time(ctx));
        request.put("requestedBy", ctx.caller().loginName());
        pending.add(request);
        ctx.setField("pendingExtensions", pending);
    }

    /** approve_extension / reject_extension: the request leaves the 延期审批 list. */
    static void extensionDecided(ActionContext ctx) {
        long unitId = ((Number) ctx.input().get("unitId")).longValue();
        dropPendingExtension(ctx, unitId);
        notice(ctx, unitId, "approve_extension".equals(ctx.action().id()) ? PUSH_EXTENSION_APPROVED
                : PUSH_EXTENSION_REJECTED);
    }

    private static void dropPendingExtension(ActionContext ctx, long unitId) {
        List<Map<String, Object>> pending = pendingExtensions(ctx);
        if (pending.removeIf(r -> ((Number) r.get("unitId")).longValue() == unitId)) {
            ctx.setField("pendingExtensions", pending);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pendingExtensions(ActionContext ctx) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (ctx.field("pendingExtensions") instanceof List<?> l) {
            for (Object o : l) {
                list.add(new LinkedHashMap<>((Map<String, Object>) o));
            }
        }
        return list;
    }

    /**
     * confirm_callback: satisfied or unsatisfied archives; unreachable archives only as the third
     * unreachable attempt, otherwise the appeal waits for another try.
     */
    static void calledBack(ActionContext ctx) {
        noAutomaticCallbackRunning(ctx);
        String result = (String) ctx.input().get("result");
        List<Map<String, Object>> attempts = attempts(ctx);
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("method", "MANUAL");
        attempt.put("result", result);
        attempt.put("content", ctx.input().get("content"));
        attempt.put("at", time(ctx));
        attempt.put("by", ctx.caller().loginName());
        attempts.add(attempt);
        ctx.setField("districtCallbacks", attempts);
        ctx.setField("method", "MANUAL");   // the latest district callback's method: a query filter (回访方式)
        long unreachable = attempts.stream().filter(a -> UNREACHABLE.equals(a.get("result"))).count();
        ctx.setField("unreachableCount", unreachable);
        if (!UNREACHABLE.equals(result) || unreachable >= UNREACHABLE_STRIKES) {
            ctx.setField("finalCallbackResult", result);
            ctx.setField("archivedAt", time(ctx));
            ctx.moveItemTo("ARCHIVED");
        }
    }

    /**
     * supervise: each named unit's task has fed back (PENDING_CALLBACK or DONE); it goes back to
     * HANDLING, still signed, with a new handling clock to the given deadline.
     */
    static void sentBack(ActionContext ctx, Limits limits) {
        noAutomaticCallbackRunning(ctx);
        Instant deadline = ((OffsetDateTime) ctx.input().get("handlingDeadline")).toInstant();
        List<Assignment> targets = new ArrayList<>();
        for (Object id : (List<?>) ctx.input().get("unitIds")) {
            long unitId = ((Number) id).longValue();
            Assignment task = ctx.assignments().stream()
                    .filter(a -> a.active() && a.unitId() == unitId
                            && ("PENDING_CALLBACK".equals(a.state()) || "DONE".equals(a.state())))
                    .findFirst()
                    .orElseThrow(() -> CivicException.invalidValue("unitIds", "Unit " + unitId
                            + " has no fed-back task on this appeal"));
            if (targets.contains(task)) {
                throw CivicException.invalidValue("unitIds", "Unit " + unitId + " is named twice");
            }
            targets.add(task);
        }
        for (Assignment task : targets) {
            Clock callback = ctx.clock(task, "callback");
            if (callback != null && callback.running()) {
                callback.stop();
            }
            task.moveTo("HANDLING");
            redCard(ctx, limits, ctx.startClock(task, "handling", deadline));
            notice(ctx, task.unitId(), PUSH_SUPERVISE);
        }
        int sendBacks = ctx.field("sendBacks") instanceof Number n ? n.intValue() : 0;
        ctx.setField("sendBacks", sendBacks + targets.size());
    }

    /**
     * auto_phone_callback: no other automatic callback runs; the pending callback gets an id that names
     * the appeal and cannot be guessed ({@code cb-<appealId>-<uuid>}). The request itself is sent by the
     * line's Camel route after the commit ({@link AutoCallbacks}), so a refused action sends nothing.
     */
    static void autoCallbackStarted(ActionContext ctx) {
        noAutomaticCallbackRunning(ctx);
        Map<String, Object> pending = new LinkedHashMap<>();
        String callbackId = CALLBACK_PREFIX + ctx.itemId() + "-" + UUID.randomUUID();
        pending.put("callbackId", callbackId);
        pending.put("startedAt", time(ctx));
        ctx.setField("autoCallbackPending", pending);
        ctx.note("callbackId", callbackId);
    }

    static final String CALLBACK_PREFIX = "cb-";

    /** The appeal id named by a callback id, or -1 when the id has not the platform's shape. */
    static long appealOf(String callbackId) {
        if (callbackId == null || !callbackId.matches("^cb-\\d{1,18}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")) {
            return -1;
        }
        return Long.parseLong(callbackId.substring(3, callbackId.indexOf('-', 3)));
    }

    /**
     * auto_callback_result (system, on the partner's result or on the timeout): a CallbackAttempt
     * AUTO_PHONE; the pending flag is cleared; satisfied or unsatisfied archives (直接归档), unreachable
     * leaves the appeal in 待归档 for another try. A result for another callback id than the pending one
     * is refused with {@code CALLBACK_NOT_PENDING}, which the callers treat as "ignore and log".
     */
    static void autoCallbackResult(ActionContext ctx) {
        Map<String, Object> pending = pending(ctx, (String) ctx.input().get("callbackId"));
        String result = (String) ctx.input().get("result");
        Object timedOutAt = ctx.input().get("timedOutAt");
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("method", "AUTO_PHONE");
        attempt.put("result", result);
        Object content = ctx.input().get("content");
        attempt.put("content", content != null ? content : autoText(result, timedOutAt != null));
        attempt.put("callbackId", pending.get("callbackId"));
        attempt.put("recordingRef", ctx.input().get("recordingRef"));
        attempt.put("callTime", ctx.input().get("callTime") == null ? null : ctx.input().get("callTime").toString());
        attempt.put("timeout", timedOutAt != null);
        attempt.put("at", timedOutAt != null ? timedOutAt.toString() : time(ctx));
        attempt.put("by", null);
        List<Map<String, Object>> attempts = attempts(ctx);
        attempts.add(attempt);
        ctx.setField("districtCallbacks", attempts);
        ctx.setField("method", "AUTO_PHONE");
        ctx.setField("unreachableCount", attempts.stream().filter(a -> UNREACHABLE.equals(a.get("result"))).count());
        ctx.setField("autoCallbackPending", null);
        if (!UNREACHABLE.equals(result)) {
            ctx.setField("finalCallbackResult", result);
            ctx.setField("archivedAt", time(ctx));
            ctx.moveItemTo("ARCHIVED");
        }
    }

    /** The call status text of an automatic attempt when the partner sent none (spec 3.3). */
    static String autoText(String result, boolean timeout) {
        if (timeout) {
            return "自动电话回访超时未获结果，按无法联系处理 (no result before the timeout)";
        }
        return switch (result) {
            case SATISFIED -> "按键1：满意 (key 1: satisfied)";
            case UNSATISFIED -> "按键2：不满意 (key 2: unsatisfied)";
            default -> "无法联系：未接听、忙线、关机、空号或未按键 (unreachable)";
        };
    }

    /** auto_callback_delivered (system): the partner accepted the call request; it is not sent again. */
    static void autoCallbackDelivered(ActionContext ctx) {
        Map<String, Object> pending = new LinkedHashMap<>(pending(ctx, (String) ctx.input().get("callbackId")));
        pending.put("deliveredAt", time(ctx));
        ctx.setField("autoCallbackPending", pending);
    }

    /**
     * auto_callback_dead_letter (system): every redelivery failed; the request is kept (it is the pending
     * callback itself, in the database) and sent again later, so nothing is lost while the partner is down.
     */
    static void autoCallbackDeadLettered(ActionContext ctx) {
        Map<String, Object> pending = new LinkedHashMap<>(pending(ctx, (String) ctx.input().get("callbackId")));
        pending.put("deadLetteredAt", time(ctx));
        pending.put("lastError", ctx.input().get("error"));
        ctx.setField("autoCallbackPending", pending);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pending(ActionContext ctx, String callbackId) {
        Object pending = ctx.field("autoCallbackPending");
        if (!(pending instanceof Map<?, ?> m) || callbackId == null || !callbackId.equals(m.get("callbackId"))) {
            throw new CivicException(409, "CALLBACK_NOT_PENDING", "Callback " + callbackId
                    + " is not the running automatic callback of this appeal");
        }
        return (Map<String, Object>) m;
    }

    private static void noAutomaticCallbackRunning(ActionContext ctx) {
        if (ctx.field("autoCallbackPending") != null) {
            throw new CivicException(409, "CALLBACK_IN_PROGRESS", "An automatic phone callback of this appeal is running");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(ActionContext ctx) {
        Object stored = ctx.field("districtCallbacks");
        List<Map<String, Object>> list = new ArrayList<>();
        if (stored instanceof List<?> l) {
            for (Object o : l) {
                list.add(new LinkedHashMap<>((Map<String, Object>) o));
            }
        }
        return list;
    }

    /** The action's time as people read it: ISO-8601 with the +08:00 offset. */
    private static String time(ActionContext ctx) {
        return ctx.now().atZone(PlatformClock.ZONE).toOffsetDateTime().toString();
    }

    private static List<Assignment> activeTasks(ActionContext ctx) {
        return ctx.assignments().stream().filter(Assignment::active).toList();
    }
}
