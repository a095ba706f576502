package org.civic.plugins.supervision;

import static org.civic.plugins.supervision.Supervision.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Unit;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ActionContext.Assignment;
import org.civic.core.api.workflow.ItemView;

/**
 * The rules of spec/supervision.md §5 as kernel handlers. Each runs inside the kernel's one
 * transaction of the action; a {@link CivicException} rejects the action and nothing is written.
 *
 * <p>The item's flows, notices, urges and co-handlers are lists in the item's fields. A flow is
 * {@code {id, kind, state, assigneeUserId, initiatorUserId, writerUserId, writerPosition, result,
 * visited, path, startedAt, endedAt}}; {@code visited} lists the nodes the flow passed through (so that
 * a send-back returns to the node actually visited before), {@code path} every node's action and opinion.
 */
public final class SupervisionRules {

    static final int HANDLER_POS = 0;
    static final int DEPUTY_POS = 1;
    static final int HEAD_POS = 2;
    private static final String[] POSITION_NAMES = {"HANDLER", "DEPUTY", "HEAD"};
    private static final Set<String> LEAD_KINDS = Set.of(REGISTRATION, LEAD_FEEDBACK);
    private static final Set<String> CO_KINDS = Set.of(CO_FEEDBACK);

    /** The kind of the kernel link from a supervision item to the work item of another line it supervises. */
    public static final String LINK_KIND = "supervises";

    private final Directory dir;

    public SupervisionRules(Directory dir) {
        this.dir = dir;
    }

    // ------------------------------------------------------------------ drafts

    /** {@code register} (the create of the line): number, registration data, empty lists. */
    void register(ActionContext ctx) {
        int year = ctx.now().atZone(PlatformClock.ZONE).getYear();
        long seq = ctx.nextInSequence(year + ":" + ctx.regionCode());
        ctx.setField("itemNo", String.format("DB%d%04d", year, seq));
        ctx.setField("registeredBy", ctx.caller().userId());
        ctx.setField("registeredByName", ctx.caller().displayName());
        ctx.setField("registeredAt", time(ctx.now()));
        ctx.setField("officeUnitId", ctx.caller().unitId());
        ctx.setField("resultStatus", NOT_COMPLETED);
        for (String list : new String[] {"flows", "notices", "urges", "coHandlers", "autoUrgedMonths"}) {
            ctx.setField(list, new ArrayList<>());
        }
        ctx.setField("nextId", 1);
        linkIfAsked(ctx);
    }

    void editDraft(ActionContext ctx) {
        copyDraftFields(ctx);
        linkIfAsked(ctx);
    }

    private static void linkIfAsked(ActionContext ctx) {
        Object linked = ctx.input().get("linkedItemId");
        if (linked != null) {
            if (ctx.field("supervisedItemId") != null) {
                throw CivicException.invalidValue("linkedItemId", "This item is already linked to a work item");
            }
            try {
                ctx.link(LINK_KIND, ((Number) linked).longValue());
            } catch (CivicException e) {
                // The kernel names its own field; the caller sent linkedItemId.
                throw CivicException.invalidValue("linkedItemId", e.getMessage());
            }
            ctx.setField("supervisedItemId", ((Number) linked).longValue());
        }
    }

    private static void copyDraftFields(ActionContext ctx) {
        for (String f : new String[] {"title", "source", "leadUnitId", "coUnitIds", "assignedDate", "deadline", "content",
            "headUserId", "attachments"}) {
            if (ctx.input().containsKey(f)) {
                ctx.setField(f, stored(ctx.input().get(f)));
            }
        }
    }

    /** {@code send}: every mandatory field, the lead unit's head, then the registration flow at the head. */
    void send(ActionContext ctx) {
        copyDraftFields(ctx);
        linkIfAsked(ctx);
        List<String> missing = new ArrayList<>();
        for (String f : new String[] {"title", "source", "leadUnitId", "assignedDate", "deadline", "content", "headUserId"}) {
            Object v = ctx.field(f);
            if (v == null || v instanceof String s && s.isBlank()) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw CivicException.missingFields(missing);
        }
        LocalDate assigned = date(ctx.field("assignedDate"));
        LocalDate deadline = date(ctx.field("deadline"));
        if (deadline.isBefore(assigned)) {
            throw CivicException.invalidValue("deadline", "The deadline lies before the assigned date");
        }
        long lead = num(ctx.field("leadUnitId"));
        if (!isDepartment(ctx, lead)) {
            throw CivicException.invalidValue("leadUnitId", "The lead unit must be an enabled department of this organisation");
        }
        List<Long> coUnits = longs(ctx.field("coUnitIds"));
        for (Long u : coUnits) {
            if (u == lead) {
                throw CivicException.invalidValue("coUnitIds", "The co-handling units must not contain the lead unit");
            }
            if (!isDepartment(ctx, u)) {
                throw CivicException.invalidValue("coUnitIds", "Unit " + u + " is not an enabled department of this organisation");
            }
        }
        Directory.Person head = dir.person(num(ctx.field("headUserId")));
        if (head == null || !head.enabled() || !head.has(HEAD) || head.unitId() != lead) {
            throw CivicException.invalidValue("headUserId", "The head must be a dept_head of the lead unit");
        }
        Doc d = new Doc(ctx);
        d.setPerson("headUserId", head.id());
        ctx.setField("sentAt", time(ctx.now()));
        Assignment leadHolder = ctx.assign(unit(ctx, "leadUnitId", lead), "LEAD", "LEAD");
        for (Long u : coUnits) {
            ctx.assign(unit(ctx, "coUnitIds", u), "CO_UNIT", "CO_UNIT");
        }
        ctx.startClock(leadHolder, DEADLINE_CLOCK, overdueAt(deadline));
        Map<String, Object> flow = d.newFlow(REGISTRATION, ctx.caller().userId());
        d.move(flow, AT_HEAD, head.id());
        d.path(flow, "", "send", opinion(ctx));
        d.save();
    }

    // ------------------------------------------------------------------ registration and lead-feedback nodes

    void selfHandle(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, Set.of(REGISTRATION), AT_HEAD, AT_DEPUTY);
        Map<String, Object> result = d.result(false, true);
        int pos = AT_HEAD.equals(flow.get("state")) ? HEAD_POS : DEPUTY_POS;
        d.write(flow, result, pos);
        d.path(flow, flow.get("state"), "self_handle", opinion(ctx));
        d.advance(flow, pos);
        d.save();
    }

    void delegateDown(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, Set.of(REGISTRATION), AT_HEAD, AT_DEPUTY);
        Object next = ctx.input().get("nextUserId");
        if (next == null) {
            throw CivicException.missingField("nextUserId");
        }
        Directory.Person p = dir.person(((Number) next).longValue());
        long lead = num(ctx.field("leadUnitId"));
        boolean atHead = AT_HEAD.equals(flow.get("state"));
        String role = atHead ? DEPUTY : HANDLER;
        if (p == null || !p.enabled() || !p.has(role) || p.unitId() != lead || p.id() == ctx.caller().userId()
                || Objects.equals(p.id(), num(ctx.field("headUserId")))) {
            throw CivicException.invalidValue("nextUserId", "The next person must be a " + role + " of the lead unit");
        }
        String node = (String) flow.get("state");
        d.setPerson(atHead ? "deputyUserId" : "handlerUserId", p.id());
        d.path(flow, node, "delegate_down", opinion(ctx), Map.of("nextUserId", p.id(), "nextUserName", p.name()));
        d.move(flow, atHead ? AT_DEPUTY : AT_HANDLER, p.id());
        d.save();
    }

    void submitResult(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, Set.of(REGISTRATION), AT_HANDLER);
        Map<String, Object> result = d.result(false, true);
        d.write(flow, result, HANDLER_POS);
        d.path(flow, AT_HANDLER, "submit_result", opinion(ctx), Map.of("result", result));
        d.advance(flow, HANDLER_POS);
        d.save();
    }

    void approve(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, LEAD_KINDS, PENDING_DEPUTY_APPROVAL, PENDING_HEAD_APPROVAL);
        String node = (String) flow.get("state");
        d.path(flow, node, "approve", opinion(ctx));
        d.advance(flow, PENDING_DEPUTY_APPROVAL.equals(node) ? DEPUTY_POS : HEAD_POS);
        d.save();
    }

    void sendBack(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, LEAD_KINDS, PENDING_DEPUTY_APPROVAL, PENDING_HEAD_APPROVAL);
        String opinion = opinion(ctx);
        if (opinion == null) {
            throw CivicException.missingField("opinion");
        }
        String node = (String) flow.get("state");
        List<Object> visited = list(flow.get("visited"));
        int here = visited.lastIndexOf(node);
        if (here < 1) {
            throw CivicException.invalidState("This node has no previous node to return to");
        }
        String target = (String) visited.get(here - 1);
        List<Object> kept = new ArrayList<>(visited.subList(0, here - 1));
        flow.put("visited", kept);
        d.path(flow, node, "send_back", opinion);
        d.move(flow, target, d.assigneeOf(flow, target));
        d.save();
    }

    void resubmit(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(LEAD_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, Set.of(LEAD_FEEDBACK), AT_INITIATOR);
        int pos = d.position(ctx.caller().userId());
        if (pos < 0) {
            throw notHandler("You are no longer on this item's lead chain");
        }
        Map<String, Object> result = d.result(false, false);
        d.write(flow, result, pos);
        d.path(flow, AT_INITIATOR, "resubmit", opinion(ctx));
        d.advance(flow, pos);
        d.save();
    }

    void submitCoFeedback(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Map<String, Object> flow = d.flowFor(CO_KINDS);
        d.requireAssignee(flow);
        d.requireNode(flow, CO_KINDS, AT_CO_HANDLER);
        Map<String, Object> result = d.result(true, false);
        flow.put("result", result);
        flow.put("writerUserId", ctx.caller().userId());
        d.path(flow, AT_CO_HANDLER, "submit_co_feedback", opinion(ctx), Map.of("result", result));
        d.endCoFeedback(flow);
        d.save();
    }

    // ------------------------------------------------------------------ active feedback

    void startLeadFeedback(ActionContext ctx) {
        Doc d = new Doc(ctx);
        long me = ctx.caller().userId();
        int pos = d.position(me);
        if (pos < 0) {
            throw notHandler("Only the people of the item's lead chain send lead feedback");
        }
        if (COMPLETED.equals(ctx.field("resultStatus"))) {
            throw itemCompleted();
        }
        if (d.flows.stream().anyMatch(f -> LEAD_KINDS.contains(f.get("kind")) && isOpen(f))) {
            throw new CivicException(409, "FEEDBACK_IN_PROGRESS", "A lead feedback of this item is still open");
        }
        Map<String, Object> result = d.result(false, false);
        Map<String, Object> flow = d.newFlow(LEAD_FEEDBACK, me);
        d.write(flow, result, pos);
        flow.put("visited", new ArrayList<>(List.of(AT_INITIATOR)));
        d.path(flow, AT_INITIATOR, "start_lead_feedback", opinion(ctx), Map.of("result", result));
        d.advance(flow, pos);
        d.save();
    }

    void startCoFeedback(ActionContext ctx) {
        Doc d = new Doc(ctx);
        long me = ctx.caller().userId();
        if (!d.isCoHandler(me)) {
            throw notHandler("Only the item's co-handlers send co-handling feedback");
        }
        if (COMPLETED.equals(ctx.field("resultStatus"))) {
            throw itemCompleted();
        }
        if (d.flows.stream().anyMatch(f -> CO_FEEDBACK.equals(f.get("kind")) && isOpen(f)
                && Objects.equals(num(f.get("assigneeUserId")), me))) {
            throw new CivicException(409, "FEEDBACK_IN_PROGRESS", "Your co-handling feedback on this item is still open");
        }
        Map<String, Object> result = d.result(true, false);
        Map<String, Object> flow = d.newFlow(CO_FEEDBACK, me);
        flow.put("result", result);
        flow.put("writerUserId", me);
        flow.put("visited", new ArrayList<>(List.of(AT_CO_HANDLER)));
        d.path(flow, AT_CO_HANDLER, "start_co_feedback", opinion(ctx), Map.of("result", result));
        d.endCoFeedback(flow);
        d.save();
    }

    // ------------------------------------------------------------------ office actions

    void closeItem(ActionContext ctx) {
        if (!APPLY_COMPLETION.equals(ctx.field("latestOutcome"))) {
            throw new CivicException(409, "COMPLETION_NOT_APPLIED",
                    "Ending needs the latest lead result to apply for completion");
        }
        Doc d = new Doc(ctx);
        for (Map<String, Object> f : d.flows) {
            if (isOpen(f)) {
                d.cancel(f, "close_item");
            }
        }
        ctx.setField("resultStatus", COMPLETED);
        ctx.setField("closedAt", time(ctx.now()));
        ctx.setField("closedBy", ctx.caller().userId());
        ctx.setField("closedByName", ctx.caller().displayName());
        ctx.setField("closingOpinion", opinion(ctx));
        for (Long u : d.handlerList()) {
            d.notice(u, "ITEM_CLOSED", null);
        }
        for (Assignment a : ctx.assignments()) {
            if (a.active()) {
                a.moveTo("ENDED");
            }
        }
        d.save();
    }

    void urge(ActionContext ctx) {
        Doc d = new Doc(ctx);
        Set<Long> to = new LinkedHashSet<>();
        if (IN_REGISTRATION.equals(ctx.state())) {
            d.flows.stream().filter(SupervisionRules::isOpen).forEach(f -> to.add(num(f.get("assigneeUserId"))));
        } else {
            to.addAll(d.handlerList());
        }
        to.remove(null);
        d.urgeRecord(opinion(ctx), false, to);
        d.save();
    }

    void changeDeadline(ActionContext ctx) {
        LocalDate deadline = (LocalDate) ctx.input().get("deadline");
        LocalDate assigned = date(ctx.field("assignedDate"));
        if (assigned != null && deadline.isBefore(assigned)) {
            throw CivicException.invalidValue("deadline", "The deadline lies before the assigned date");
        }
        Doc d = new Doc(ctx);
        ctx.note("deadline", Map.of("old", String.valueOf(ctx.field("deadline")), "new", deadline.toString()));
        ctx.setField("deadline", deadline.toString());
        Instant overdue = overdueAt(deadline);
        if (overdue.isAfter(ctx.now())) {
            for (Assignment a : ctx.assignments()) {
                if (a.active() && "LEAD".equals(a.role())) {
                    ctx.startClock(a, DEADLINE_CLOCK, overdue);
                }
            }
        }
        for (Long u : d.leadChain()) {
            d.notice(u, "DEADLINE_CHANGED", null);
        }
        d.save();
    }

    // ------------------------------------------------------------------ administrator

    void adminModify(ActionContext ctx) {
        Map<String, Object> in = ctx.input();
        List<String> keys = List.of("headUserId", "deputyUserId", "handlerUserId", "clearDeputy", "clearHandler",
                "coHandlersAdd", "coHandlersRemove", "resultStatus");
        if (keys.stream().noneMatch(k -> in.get(k) != null && !Boolean.FALSE.equals(in.get(k)))) {
            throw CivicException.missingFields(keys.stream().filter(k -> !k.startsWith("clear")).toList());
        }
        Doc d = new Doc(ctx);
        long lead = num(ctx.field("leadUnitId"));
        Map<String, Object> changes = new LinkedHashMap<>();
        Long head = in.get("headUserId") == null ? num(ctx.field("headUserId")) : num(in.get("headUserId"));
        Long deputy = Boolean.TRUE.equals(in.get("clearDeputy")) ? null
                : in.get("deputyUserId") == null ? num(ctx.field("deputyUserId")) : num(in.get("deputyUserId"));
        Long handler = Boolean.TRUE.equals(in.get("clearHandler")) ? null
                : in.get("handlerUserId") == null ? num(ctx.field("handlerUserId")) : num(in.get("handlerUserId"));
        if (in.get("headUserId") != null) {
            requireChainMember(head, HEAD, lead, "headUserId");
        }
        if (in.get("deputyUserId") != null && deputy != null) {
            requireChainMember(deputy, DEPUTY, lead, "deputyUserId");
            if (deputy.equals(head)) {
                throw CivicException.invalidValue("deputyUserId", "The deputy must not be the head");
            }
        }
        if (in.get("handlerUserId") != null && handler != null) {
            requireChainMember(handler, HANDLER, lead, "handlerUserId");
            if (handler.equals(head) || handler.equals(deputy)) {
                throw CivicException.invalidValue("handlerUserId", "The handler must not be the head or the deputy");
            }
        }
        if (deputy == null && num(ctx.field("deputyUserId")) != null && d.hasOpenNodeAt(DEPUTY_POS)) {
            throw new CivicException(409, "POSITION_HAS_PENDING_TASK", "The deputy has an open node; replace instead of clearing");
        }
        if (handler == null && num(ctx.field("handlerUserId")) != null && d.hasOpenNodeAt(HANDLER_POS)) {
            throw new CivicException(409, "POSITION_HAS_PENDING_TASK", "The handler has an open node; replace instead of clearing");
        }
        d.replace("headUserId", HEAD_POS, head, changes);
        d.replace("deputyUserId", DEPUTY_POS, deputy, changes);
        d.replace("handlerUserId", HANDLER_POS, handler, changes);
        List<Long> remove = longs(in.get("coHandlersRemove"));
        for (Long u : remove) {
            if (!d.isCoHandler(u)) {
                throw CivicException.invalidValue("coHandlersRemove", "User " + u + " is not a co-handler of this item");
            }
        }
        List<Long> add = longs(in.get("coHandlersAdd"));
        d.checkCoHandlers(add, "coHandlersAdd");
        for (Long u : remove) {
            for (Map<String, Object> f : d.flows) {
                if (CO_FEEDBACK.equals(f.get("kind")) && isOpen(f) && Objects.equals(num(f.get("assigneeUserId")), u)) {
                    d.cancel(f, "admin_modify");
                }
            }
            d.coHandlers.removeIf(c -> Objects.equals(num(c.get("userId")), u));
        }
        if (!remove.isEmpty()) {
            changes.put("coHandlersRemoved", remove);
        }
        for (Long u : add) {
            d.addCoHandler(u, null, "coHandlersAdd");
        }
        if (!add.isEmpty()) {
            changes.put("coHandlersAdded", add);
        }
        Object status = in.get("resultStatus");
        if (status != null && !status.equals(ctx.field("resultStatus"))) {
            changes.put("resultStatus", Map.of("old", String.valueOf(ctx.field("resultStatus")), "new", status));
            ctx.setField("resultStatus", status);
        }
        ctx.note("changes", changes);
        d.save();
    }

    private void requireChainMember(Long userId, String role, long lead, String field) {
        Directory.Person p = userId == null ? null : dir.person(userId);
        if (p == null || !p.enabled() || !p.has(role) || p.unitId() != lead) {
            throw CivicException.invalidValue(field, "The person must be an enabled " + role + " of the lead unit");
        }
    }

    void markRead(ActionContext ctx) {
        Doc d = new Doc(ctx);
        long id = ((Number) ctx.input().get("noticeId")).longValue();
        Map<String, Object> notice = d.notices.stream().filter(n -> Objects.equals(num(n.get("id")), id)).findFirst()
                .orElseThrow(() -> CivicException.invalidValue("noticeId", "No notice " + id + " on this item"));
        if (!Objects.equals(num(notice.get("userId")), ctx.caller().userId())) {
            throw notAssignee("This notice is someone else's");
        }
        if (notice.get("readAt") == null) {
            notice.put("readAt", time(ctx.now()));
        }
        d.save();
    }

    // ------------------------------------------------------------------ time-driven (system)

    /** True when the monthly urge of {@code month} is owed by the item (spec 5.5 monthly_urge, A12). */
    static boolean monthlyUrgeOwed(Map<String, Object> fields, String state, YearMonth month) {
        if (!OPEN.equals(state) || COMPLETED.equals(fields.get("resultStatus"))) {
            return false;
        }
        if (list(fields.get("autoUrgedMonths")).contains(month.toString())) {
            return false;
        }
        Object last = fields.get("lastFeedbackAt");
        Instant firstOfPrevious = month.minusMonths(1).atDay(1).atStartOfDay(PlatformClock.ZONE).toInstant();
        return last == null || OffsetDateTime.parse(last.toString()).toInstant().isBefore(firstOfPrevious);
    }

    void monthlyUrge(ActionContext ctx) {
        YearMonth month = YearMonth.parse((String) ctx.input().get("month"));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String f : new String[] {"resultStatus", "autoUrgedMonths", "lastFeedbackAt"}) {
            fields.put(f, ctx.field(f));
        }
        if (!monthlyUrgeOwed(fields, ctx.state(), month)) {
            throw CivicException.invalidState("No monthly urge is owed for " + month);
        }
        Doc d = new Doc(ctx);
        d.urgeRecord("本月尚未反馈督办事项进展，请及时反馈。", true, new LinkedHashSet<>(d.handlerList()));
        List<Object> months = new ArrayList<>(list(ctx.field("autoUrgedMonths")));
        months.add(month.toString());
        ctx.setField("autoUrgedMonths", months);
        d.save();
    }

    void dueSoon(ActionContext ctx) {
        Object deadline = ctx.field("deadline");
        if (deadline == null || deadline.equals(ctx.field("dueSoonFor"))) {
            throw CivicException.invalidState("The due-soon notice of this deadline was sent");
        }
        Doc d = new Doc(ctx);
        for (Long u : d.leadChain()) {
            d.notice(u, "DUE_SOON", null);
        }
        ctx.setField("dueSoonFor", deadline);
        d.save();
    }

    /** True when a card of this colour was raised on the item and its notices were not sent yet. */
    static boolean cardNoticeOwed(Map<String, Object> fields, String card, String colour) {
        if (card == null || "RED".equals(colour) && !"RED".equalsIgnoreCase(card)) {
            return false;
        }
        return !list(fields.get("cardsNotified")).contains(colour);
    }

    /** raise_card's notices (spec 5.5): the lead chain and the registering clerk hear of a yellow or red card. */
    void cardNotice(ActionContext ctx) {
        String colour = (String) ctx.input().get("colour");
        List<Object> notified = new ArrayList<>(list(ctx.field("cardsNotified")));
        if (notified.contains(colour)) {
            throw CivicException.invalidState("The " + colour + " card's notices were sent");
        }
        Doc d = new Doc(ctx);
        Set<Long> to = new LinkedHashSet<>(d.leadChain());
        to.add(num(ctx.field("registeredBy")));
        for (Long u : to) {
            d.notice(u, colour + "_CARD", null);
        }
        notified.add(colour);
        ctx.setField("cardsNotified", notified);
        d.save();
    }

    // ------------------------------------------------------------------ helpers

    /** The instant an item with this deadline (a date) is overdue: 00:00 of the next day. */
    static Instant overdueAt(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(PlatformClock.ZONE).toInstant();
    }

    private boolean isDepartment(ActionContext ctx, long unitId) {
        Directory.Org u = dir.unit(unitId);
        return u != null && u.enabled() && u.regionCode().equals(ctx.regionCode())
                && !Objects.equals(unitId, num(ctx.field("officeUnitId")));
    }

    private static Unit unit(ActionContext ctx, String field, long unitId) {
        return ctx.addressableUnit(field, unitId);
    }

    // ------------------------------------------------------------------ the printable form (spec §9)

    /** Chinese labels of what the form prints as codes. */
    static final Map<String, String> FORM_LABELS = Map.ofEntries(
            Map.entry("LEADER_INSTRUCTION", "领导批示"), Map.entry("MEETING_DECISION", "会议决定"),
            Map.entry("SUPERIOR_ASSIGNMENT", "上级交办"), Map.entry("KEY_WORK", "重点工作"),
            Map.entry("PROPOSAL", "人大建议政协提案"), Map.entry("OTHER", "其他"),
            Map.entry(APPLY_COMPLETION, "申请办结"), Map.entry(NOT_COMPLETED, "未办结"), Map.entry(CO_HANDLING, "其他单位协办"),
            Map.entry(REGISTRATION, "登记办理"), Map.entry(LEAD_FEEDBACK, "主办反馈"), Map.entry(CO_FEEDBACK, "协办反馈"),
            Map.entry("send", "发送"), Map.entry("self_handle", "自办"), Map.entry("delegate_down", "向下办理"),
            Map.entry("submit_result", "事务办理"), Map.entry("approve", "审批"), Map.entry("send_back", "退回"),
            Map.entry("resubmit", "重新提交"), Map.entry("submit_co_feedback", "协办反馈"),
            Map.entry("start_lead_feedback", "主办反馈"), Map.entry("start_co_feedback", "协办反馈"),
            Map.entry(COMPLETED, "已办结"));

    /**
     * Values of the 重点工作督办表 beyond the item's own fields: the names of the lead and co-handling units,
     * the handling result of the latest lead flow ({@code latestResult}) and the labels of codes ({@code labels}).
     */
    Map<String, Object> formValues(ItemView item, Caller caller) {
        Map<String, Object> f = item.fields();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leadUnitName", unitName(num(f.get("leadUnitId"))));
        out.put("coUnitNames", list(f.get("coUnitIds")).stream().map(id -> unitName(num(id))).toList());
        out.put("labels", FORM_LABELS);
        Map<String, Object> latest = null;
        for (Object o : list(f.get("flows"))) {
            if (o instanceof Map<?, ?> flow && LEAD_KINDS.contains(flow.get("kind")) && flow.get("result") instanceof Map<?, ?> r) {
                latest = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : r.entrySet()) {
                    latest.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        if (latest != null) {
            out.put("latestResult", latest);
        }
        return out;
    }

    private String unitName(Long id) {
        Directory.Org org = id == null ? null : dir.unit(id);
        return org == null ? "" : org.name();
    }

    static boolean isOpen(Map<String, Object> flow) {
        Object s = flow.get("state");
        return !ENDED.equals(s) && !CANCELLED.equals(s);
    }

    static String time(Instant t) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(t, PlatformClock.ZONE));
    }

    static Long num(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(o.toString());
    }

    static LocalDate date(Object o) {
        return o == null ? null : LocalDate.parse(o.toString());
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static List<Long> longs(Object o) {
        return list(o).stream().map(SupervisionRules::num).toList();
    }

    private static Object stored(Object v) {
        return v instanceof LocalDate || v instanceof OffsetDateTime ? v.toString() : v;
    }

    private static String opinion(ActionContext ctx) {
        Object o = ctx.input().get("opinion");
        return o == null ? null : o.toString();
    }

    static CivicException notAssignee(String message) {
        return new CivicException(403, "NOT_ASSIGNEE", message);
    }

    static CivicException notHandler(String message) {
        return new CivicException(403, "NOT_HANDLER", message);
    }

    static CivicException itemCompleted() {
        return new CivicException(409, "ITEM_COMPLETED", "The item's result status is COMPLETED");
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> c.put(k, deepCopy(v)));
            return c;
        }
        if (o instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(v -> c.add(deepCopy(v)));
            return c;
        }
        return o;
    }

    /** The item's lists, copied out of its fields for one action and written back by {@link #save}. */
    final class Doc {
        final ActionContext ctx;
        final List<Map<String, Object>> flows;
        final List<Map<String, Object>> notices;
        final List<Map<String, Object>> urges;
        final List<Map<String, Object>> coHandlers;

        Doc(ActionContext ctx) {
            this.ctx = ctx;
            flows = maps(ctx.field("flows"));
            notices = maps(ctx.field("notices"));
            urges = maps(ctx.field("urges"));
            coHandlers = maps(ctx.field("coHandlers"));
        }

        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> maps(Object o) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object x : list(o)) {
                out.add((Map<String, Object>) deepCopy(x));
            }
            return out;
        }

        void save() {
            ctx.setField("flows", flows);
            ctx.setField("notices", notices);
            ctx.setField("urges", urges);
            ctx.setField("coHandlers", coHandlers);
        }

        long nextId() {
            Long n = num(ctx.field("nextId"));
            long id = n == null ? 1 : n;
            ctx.setField("nextId", id + 1);
            return id;
        }

        String name(Long userId) {
            if (userId == null) {
                return null;
            }
            if (userId == ctx.caller().userId()) {
                return ctx.caller().displayName();
            }
            Directory.Person p = dir.person(userId);
            return p == null ? String.valueOf(userId) : p.name();
        }

        void setPerson(String field, Long userId) {
            ctx.setField(field, userId);
            ctx.setField(field.replace("UserId", "Name"), name(userId));
        }

        Long personAt(int pos) {
            return num(ctx.field(pos == HEAD_POS ? "headUserId" : pos == DEPUTY_POS ? "deputyUserId" : "handlerUserId"));
        }

        /** The highest chain position the user holds on the item, or -1. */
        int position(long userId) {
            for (int pos = HEAD_POS; pos >= HANDLER_POS; pos--) {
                if (Objects.equals(personAt(pos), userId)) {
                    return pos;
                }
            }
            return -1;
        }

        List<Long> leadChain() {
            Set<Long> chain = new LinkedHashSet<>();
            for (int pos = HANDLER_POS; pos <= HEAD_POS; pos++) {
                if (personAt(pos) != null) {
                    chain.add(personAt(pos));
                }
            }
            return new ArrayList<>(chain);
        }

        boolean isCoHandler(long userId) {
            return coHandlers.stream().anyMatch(c -> Objects.equals(num(c.get("userId")), userId));
        }

        /** Lead chain ∪ co-handlers: who may send active feedback and receives urges. */
        List<Long> handlerList() {
            Set<Long> all = new LinkedHashSet<>(leadChain());
            coHandlers.forEach(c -> all.add(num(c.get("userId"))));
            return new ArrayList<>(all);
        }

        Map<String, Object> newFlow(String kind, long initiator) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", nextId());
            f.put("kind", kind);
            f.put("state", null);
            f.put("assigneeUserId", null);
            f.put("initiatorUserId", initiator);
            f.put("initiatorName", name(initiator));
            f.put("startedAt", time(ctx.now()));
            f.put("visited", new ArrayList<>());
            f.put("path", new ArrayList<>());
            flows.add(f);
            return f;
        }

        /** The flow a node action acts on: the one named by flowId, else the caller's one open node. */
        Map<String, Object> flowFor(Set<String> kinds) {
            Object given = ctx.input().get("flowId");
            if (given != null) {
                long id = ((Number) given).longValue();
                Map<String, Object> f = flows.stream().filter(x -> Objects.equals(num(x.get("id")), id)).findFirst()
                        .orElseThrow(() -> CivicException.notFound("No flow " + id + " on this item"));
                if (!kinds.contains(f.get("kind"))) {
                    throw CivicException.invalidState("This action does not apply to a " + f.get("kind") + " flow");
                }
                return f;
            }
            long me = ctx.caller().userId();
            List<Map<String, Object>> open = flows.stream().filter(f -> kinds.contains(f.get("kind")) && isOpen(f)).toList();
            List<Map<String, Object>> mine = open.stream().filter(f -> Objects.equals(num(f.get("assigneeUserId")), me))
                    .toList();
            if (mine.size() == 1) {
                return mine.get(0);
            }
            if (mine.size() > 1) {
                throw CivicException.missingField("flowId");
            }
            if (open.isEmpty()) {
                throw CivicException.invalidState("The item has no open flow for this action");
            }
            if (open.size() == 1) {
                return open.get(0);
            }
            throw notAssignee("You hold no open node of this item");
        }

        void requireAssignee(Map<String, Object> flow) {
            if (!isOpen(flow) || !Objects.equals(num(flow.get("assigneeUserId")), ctx.caller().userId())) {
                if (!isOpen(flow)) {
                    throw CivicException.invalidState("The flow is " + flow.get("state"));
                }
                throw notAssignee("Only the current assignee of this node may act on it");
            }
        }

        void requireNode(Map<String, Object> flow, Set<String> kinds, String... nodes) {
            if (!kinds.contains(flow.get("kind")) || !List.of(nodes).contains(flow.get("state"))) {
                throw CivicException.invalidState("Not allowed at node " + flow.get("state") + " of a " + flow.get("kind")
                        + " flow");
            }
        }

        /** The person a node is assigned to when the flow (re)enters it. */
        Long assigneeOf(Map<String, Object> flow, String node) {
            switch (node) {
                case AT_HEAD:
                case PENDING_HEAD_APPROVAL:
                    return personAt(HEAD_POS);
                case AT_DEPUTY:
                case PENDING_DEPUTY_APPROVAL:
                    return personAt(DEPUTY_POS);
                case AT_HANDLER:
                    return personAt(HANDLER_POS);
                case AT_INITIATOR:
                    return num(flow.get("initiatorUserId"));
                default:
                    return num(flow.get("assigneeUserId"));
            }
        }

        void move(Map<String, Object> flow, String node, Long assignee) {
            flow.put("state", node);
            flow.put("assigneeUserId", assignee);
            flow.put("assigneeName", name(assignee));
            flow.put("arrivedAt", time(ctx.now()));
            List<Object> visited = new ArrayList<>(list(flow.get("visited")));
            visited.add(node);
            flow.put("visited", visited);
        }

        void path(Map<String, Object> flow, Object node, String action, String opinion) {
            path(flow, node, action, opinion, Map.of());
        }

        void path(Map<String, Object> flow, Object node, String action, String opinion, Map<String, Object> extra) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node", node);
            p.put("userId", ctx.caller().userId());
            p.put("userName", ctx.caller().displayName());
            p.put("action", action);
            p.put("opinion", opinion);
            p.put("at", time(ctx.now()));
            p.putAll(extra);
            List<Object> path = new ArrayList<>(list(flow.get("path")));
            path.add(p);
            flow.put("path", path);
            ctx.note("flow", Map.of("flowId", flow.get("id"), "kind", flow.get("kind"), "node", String.valueOf(node)));
        }

        void write(Map<String, Object> flow, Map<String, Object> result, int pos) {
            flow.put("result", result);
            flow.put("writerUserId", ctx.caller().userId());
            flow.put("writerName", ctx.caller().displayName());
            flow.put("writerPosition", POSITION_NAMES[pos]);
        }

        /**
         * The skip rule (spec 5.2): after the person at {@code fromPos} acted, the next approval node above
         * it whose person is set, is not the writer and is not the one who just acted; else the flow ends.
         */
        void advance(Map<String, Object> flow, int fromPos) {
            Long writer = num(flow.get("writerUserId"));
            long actor = ctx.caller().userId();
            for (int pos = fromPos + 1; pos <= HEAD_POS; pos++) {
                Long person = personAt(pos);
                if (person == null || person.equals(writer) || person == actor) {
                    continue;
                }
                move(flow, pos == DEPUTY_POS ? PENDING_DEPUTY_APPROVAL : PENDING_HEAD_APPROVAL, person);
                return;
            }
            endLeadFlow(flow);
        }

        /** end_flow (spec 5.5): the result reaches the office; co-handlers chosen get their feedback flows. */
        void endLeadFlow(Map<String, Object> flow) {
            end(flow);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) flow.get("result");
            ctx.setField("latestOutcome", result.get("outcome"));
            if (result.get("promisedDate") != null) {
                ctx.setField("promisedDate", result.get("promisedDate"));
            }
            setPerson("leadHandlerUserId", num(flow.get("writerUserId")));
            ctx.setField("lastFeedbackAt", time(ctx.now()));
            if (REGISTRATION.equals(flow.get("kind")) && IN_REGISTRATION.equals(ctx.state())) {
                ctx.moveItemTo(OPEN);
            }
            notice(num(ctx.field("registeredBy")), "FLOW_ENDED", flow);
            if (CO_HANDLING.equals(result.get("outcome"))) {
                for (Long u : longs(result.get("coHandlerUserIds"))) {
                    if (!isCoHandler(u)) {
                        addCoHandler(u, num(flow.get("id")), "coHandlerUserIds");
                    }
                }
            }
            ctx.note("endFlow", Map.of("flowId", flow.get("id"), "kind", flow.get("kind"), "outcome",
                    result.get("outcome")));
        }

        void endCoFeedback(Map<String, Object> flow) {
            end(flow);
            for (Long u : leadChain()) {
                notice(u, "CO_FEEDBACK", flow);
            }
        }

        private void end(Map<String, Object> flow) {
            flow.put("state", ENDED);
            flow.put("assigneeUserId", null);
            flow.put("assigneeName", null);
            flow.put("endedAt", time(ctx.now()));
        }

        void cancel(Map<String, Object> flow, String why) {
            flow.put("state", CANCELLED);
            flow.put("assigneeUserId", null);
            flow.put("assigneeName", null);
            flow.put("endedAt", time(ctx.now()));
            flow.put("cancelledBy", why);
        }

        void addCoHandler(long userId, Long byFlow, String field) {
            Directory.Person p = dir.person(userId);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("userId", userId);
            c.put("userName", p.name());
            c.put("unitId", p.unitId());
            Directory.Org unit = dir.unit(p.unitId());
            c.put("unitName", unit == null ? null : unit.name());
            c.put("addedAt", time(ctx.now()));
            c.put("addedByFlowId", byFlow);
            coHandlers.add(c);
            boolean held = ctx.assignments().stream().anyMatch(a -> a.active() && a.unitId() == p.unitId());
            if (!held) {
                ctx.assign(ctx.addressableUnit(field, p.unitId()), "CO_HANDLER", "CO_HANDLER");
            }
            Map<String, Object> flow = newFlow(CO_FEEDBACK, userId);
            move(flow, AT_CO_HANDLER, userId);
        }

        void checkCoHandlers(List<Long> ids, String field) {
            long lead = num(ctx.field("leadUnitId"));
            for (Long id : ids) {
                Directory.Person p = dir.person(id);
                Directory.Org unit = p == null ? null : dir.unit(p.unitId());
                boolean departmentRole = p != null && (p.has(HEAD) || p.has(DEPUTY) || p.has(HANDLER));
                if (p == null || !p.enabled() || !departmentRole || p.unitId() == lead || unit == null
                        || !unit.regionCode().equals(ctx.regionCode()) || isCoHandler(id)) {
                    throw CivicException.invalidValue(field, "User " + id
                            + " cannot co-handle: an enabled head, deputy or handler of another department, not yet a co-handler");
                }
            }
        }

        /**
         * The handling result of the input (spec 3.2): missing fields in table order, then the values.
         *
         * @param co co-feedback: two outcomes, no promised date
         * @param promisedRequired registration results need the promised date; lead feedback defaults it
         */
        Map<String, Object> result(boolean co, boolean promisedRequired) {
            Map<String, Object> in = ctx.input();
            Object outcome = in.get("outcome");
            if (co && CO_HANDLING.equals(outcome)) {
                throw CivicException.invalidValue("outcome", "Co-handling feedback applies for completion or is not completed");
            }
            List<String> missing = new ArrayList<>();
            if (outcome == null) {
                missing.add("outcome");
            } else if (APPLY_COMPLETION.equals(outcome)) {
                absent(in, missing, "implementationStatus");
            } else if (NOT_COMPLETED.equals(outcome)) {
                absent(in, missing, "notCompletedReason");
                absent(in, missing, "measures");
            } else {
                absent(in, missing, "coHandlerUserIds");
            }
            if (promisedRequired && !co) {
                absent(in, missing, "promisedDate");
            }
            if (!missing.isEmpty()) {
                throw CivicException.missingFields(missing);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("outcome", outcome);
            if (APPLY_COMPLETION.equals(outcome)) {
                r.put("implementationStatus", in.get("implementationStatus"));
            } else if (NOT_COMPLETED.equals(outcome)) {
                r.put("notCompletedReason", in.get("notCompletedReason"));
                r.put("measures", in.get("measures"));
            } else {
                List<Long> ids = longs(in.get("coHandlerUserIds"));
                checkCoHandlers(ids, "coHandlerUserIds");
                r.put("coHandlerUserIds", ids);
                r.put("coHandlerNames", ids.stream().map(this::name).toList());
            }
            if (!co) {
                LocalDate promised = (LocalDate) in.get("promisedDate");
                LocalDate assigned = date(ctx.field("assignedDate"));
                if (promised != null && assigned != null && promised.isBefore(assigned)) {
                    throw CivicException.invalidValue("promisedDate", "The promised date lies before the assigned date");
                }
                Object value = promised != null ? promised.toString() : ctx.field("promisedDate");
                r.put("promisedDate", value);
                LocalDate deadline = date(ctx.field("deadline"));
                r.put("promisedAfterDeadline", value != null && deadline != null && date(value).isAfter(deadline));
            }
            if (in.get("attachments") != null) {
                r.put("attachments", in.get("attachments"));
            }
            return r;
        }

        private void absent(Map<String, Object> in, List<String> missing, String field) {
            if (in.get(field) == null) {
                missing.add(field);
            }
        }

        void notice(Long userId, String kind, Map<String, Object> flow) {
            if (userId == null) {
                return;
            }
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", nextId());
            n.put("userId", userId);
            n.put("kind", kind);
            n.put("flowId", flow == null ? null : flow.get("id"));
            n.put("fromUserId", ctx.caller().userId());
            n.put("fromName", ctx.caller().displayName());
            n.put("createdAt", time(ctx.now()));
            n.put("readAt", null);
            notices.add(n);
        }

        void urgeRecord(String opinion, boolean auto, Set<Long> recipients) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", nextId());
            u.put("opinion", opinion);
            u.put("byUserId", auto ? null : ctx.caller().userId());
            u.put("byName", auto ? null : ctx.caller().displayName());
            u.put("auto", auto);
            u.put("at", time(ctx.now()));
            u.put("recipientUserIds", new ArrayList<>(recipients));
            urges.add(u);
            for (Long r : recipients) {
                notice(r, "URGE", null);
            }
        }

        boolean hasOpenNodeAt(int pos) {
            Long person = personAt(pos);
            for (Map<String, Object> f : flows) {
                if (!isOpen(f) || !LEAD_KINDS.contains(f.get("kind"))) {
                    continue;
                }
                String node = (String) f.get("state");
                if (positionOfNode(node) == pos
                        || AT_INITIATOR.equals(node) && Objects.equals(num(f.get("assigneeUserId")), person)) {
                    return true;
                }
            }
            return false;
        }

        /** Replaces a chain position; open nodes of that position held by the old person go to the new one. */
        void replace(String field, int pos, Long now, Map<String, Object> changes) {
            Long old = personAt(pos);
            if (Objects.equals(old, now)) {
                return;
            }
            changes.put(field, mapOf("old", old, "new", now));
            setPerson(field, now);
            if (now == null) {
                return;
            }
            for (Map<String, Object> f : flows) {
                if (!isOpen(f) || !LEAD_KINDS.contains(f.get("kind")) || !Objects.equals(num(f.get("assigneeUserId")), old)) {
                    continue;
                }
                String node = (String) f.get("state");
                if (positionOfNode(node) == pos || AT_INITIATOR.equals(node)) {
                    f.put("assigneeUserId", now);
                    f.put("assigneeName", name(now));
                    if (AT_INITIATOR.equals(node)) {
                        f.put("initiatorUserId", now);
                        f.put("initiatorName", name(now));
                    }
                    notice(old, "REASSIGNED", f);
                    notice(now, "REASSIGNED", f);
                }
            }
        }
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static int positionOfNode(String node) {
        switch (node) {
            case AT_HEAD:
            case PENDING_HEAD_APPROVAL:
                return HEAD_POS;
            case AT_DEPUTY:
            case PENDING_DEPUTY_APPROVAL:
                return DEPUTY_POS;
            case AT_HANDLER:
                return HANDLER_POS;
            default:
                return -1;
        }
    }
}
