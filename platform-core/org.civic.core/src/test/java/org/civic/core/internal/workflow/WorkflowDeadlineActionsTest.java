package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.ClockDef.DeadlineRule;
import org.civic.core.api.workflow.DefinitionValidator;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A clock's deadline action (taken by the system once when the deadline passes while the clock runs, a notice
 * without a card) and a clock's own red-card distance set by an action (a district's value).
 */
public class WorkflowDeadlineActionsTest {

    private static final String LINE = "visits";
    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
        f.kernel.register(definition("reply_overdue"));
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    static LineDefinition definition(String deadlineAction) {
        return definition(deadlineAction, "card_notice", true);
    }

    static LineDefinition definition(String deadlineAction, String cardAction, boolean cards) {
        FieldDef unitId = FieldDef.of("unitId", "单位", "Unit", FieldType.UNIT).mandatory();
        return LineDefinition.builder(LINE, "回访", "Visits").numberPrefix("VS")
                .states(StateDef.of("OPEN", "办理中", "Open"), StateDef.terminal("CLOSED", "已办结", "Closed"))
                .assignmentStates(StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.of("FED_BACK", "待回访", "Fed back"), StateDef.of("DONE", "已回访", "Done"))
                .createdBy("dispatcher")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory())
                .createFields(FieldDef.of("quiet", "不通知", "No notices", FieldType.BOOLEAN))
                .clocks(cards(ClockDef.of("handling", "办理时限", "Handling", DeadlineRule.workingDaysOfficeEnd(3))
                                .forEachAssignment(), cards).onCard(cardAction),
                        ClockDef.of("reply", "回访时限", "Reply", DeadlineRule.workingDaysSameTime(1)).forEachAssignment()
                                .atDeadline(deadlineAction))
                .actions(ActionDef.of("assign", "交办", "Assign").allowedFrom("OPEN").allowedTo("dispatcher")
                                .withInput(unitId, FieldDef.of("redDays", "红牌天数", "Red days", FieldType.INTEGER)
                                        .withRange(1, 10))
                                .withEffects(Effect.assign("unitId", "LEAD", "HANDLING"), Effect.startClock("handling"))
                                .withHandler(WorkflowDeadlineActionsTest::ownRedDays),
                        ActionDef.of("set_red_days", "调整红牌", "Set red days").allowedFrom("OPEN")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo("dispatcher")
                                .withInput(unitId, FieldDef.of("redDays", "红牌天数", "Red days", FieldType.INTEGER)
                                        .mandatory().withRange(1, 10))
                                .withHandler(WorkflowDeadlineActionsTest::ownRedDays),
                        ActionDef.of("feedback", "反馈", "Feedback").allowedFrom("OPEN").onAssignmentIn("HANDLING")
                                .assignmentTo("FED_BACK").allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.stopClock("handling"), Effect.startClock("reply")),
                        ActionDef.of("reply", "回访", "Reply").allowedFrom("OPEN").onAssignmentIn("FED_BACK")
                                .assignmentTo("DONE").mayLeadTo("CLOSED").allowedTo("handler")
                                .withScope(ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.stopClock("reply"),
                                        Effect.whenAllAssignments(java.util.Set.of("DONE"), java.util.Set.of(), "CLOSED")),
                        ActionDef.of("reply_overdue", "超时未回访", "Reply overdue").allowedFrom("OPEN")
                                .onAssignmentIn("FED_BACK").selectingAssignmentBy("unitId").allowedTo(Caller.SYSTEM)
                                .withInput(unitId)
                                .withHandler(ctx -> ctx.setField("overdueNotices",
                                        ((Number) java.util.Objects.requireNonNullElse(ctx.field("overdueNotices"), 0))
                                                .intValue() + 1)),
                        ActionDef.of("card_notice", "亮牌通知", "Card notice").allowedFrom("OPEN")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo(Caller.SYSTEM)
                                .withInput(unitId, FieldDef.of(ClockDef.CARD_FIELD, "牌色", "Card", FieldType.ENUM)
                                        .mandatory().withValues("YELLOW", "RED"))
                                .withHandler(WorkflowDeadlineActionsTest::cardNotice),
                        ActionDef.of("remark", "备注", "Remark").allowedFrom("OPEN").allowedTo("dispatcher")
                                .withInput(FieldDef.of("text", "内容", "Text", FieldType.TEXT).mandatory()))
                .build();
    }

    private static ClockDef cards(ClockDef c, boolean cards) {
        return cards ? c.redCardAfter(3) : c;
    }

    /** Records the notice owed to the carded unit; refuses (after writing, so a rollback shows) on a quiet item. */
    private static void cardNotice(ActionContext ctx) {
        List<Object> notices = new java.util.ArrayList<>();
        if (ctx.field("cardNotices") instanceof List<?> l) {
            notices.addAll(l);
        }
        notices.add(ctx.input().get(ClockDef.CARD_FIELD) + "@" + ctx.acting().unitId());
        ctx.setField("cardNotices", notices);
        if (Boolean.TRUE.equals(ctx.field("quiet"))) {
            throw new org.civic.core.api.CivicException(409, "INVALID_STATE", "This item takes no notices");
        }
    }

    /** A district's own red-card distance for the task's handling clock. */
    private static void ownRedDays(ActionContext ctx) {
        Object days = ctx.input().get("redDays");
        if (days != null) {
            ActionContext.Assignment a = ctx.created().isEmpty() ? ctx.acting() : ctx.created().get(0);
            ctx.clock(a, "handling").redCardAfter(((Number) days).intValue());
        }
    }

    private long fedBack(String at) {
        f.at("2026-03-02 10:00");
        long id = f.kernel.create(f.dispatcher, LINE, Map.of("title", "回访测试"), "REST").id();
        f.act(f.dispatcher, id, "assign", "unitId", f.housing.id());
        f.at(at);
        f.act(f.housingHandler, id, "feedback");
        return id;
    }

    private static List<ItemView.AuditEntry> entries(ItemView v, String action) {
        return v.auditTrail().stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    public void theDeadlineActionIsTakenOnceAtTheDeadlineAsTheSystemWithoutACard() {
        long id = fedBack("2026-03-02 15:00");
        f.events.clear();
        f.at("2026-03-03 14:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-03 16:30");                               // scanned after the deadline
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-09 10:00");
        assertEquals("taken once only", 0, f.kernel.raiseDueCards());
        ItemView v = f.view(id);
        assertEquals(1, ((Number) v.fields().get("overdueNotices")).intValue());
        assertEquals(List.of(), v.cards());
        List<ItemView.AuditEntry> taken = entries(v, "reply_overdue");
        assertEquals(1, taken.size());
        assertEquals("system", taken.get(0).actor());
        assertEquals("SYSTEM", taken.get(0).channel());
        assertEquals("at the deadline, not at the scan", t("2026-03-03 15:00"), taken.get(0).at());
        assertEquals(List.of(LINE + ".reply_overdue"), f.events.topics);
        assertEquals("FED_BACK", v.assignments().get(0).state());
        // the overdue clock still runs and is accepted late
        assertEquals("DONE", f.act(f.housingHandler, id, "reply").assignments().get(0).state());
    }

    @Test
    public void aClockStoppedInTimeTakesNoDeadlineAction() {
        long id = fedBack("2026-03-02 15:00");
        f.at("2026-03-03 15:00");                               // at the deadline instant: in time
        f.act(f.housingHandler, id, "reply");
        f.at("2026-03-05 10:00");
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(List.of(), entries(f.view(id), "reply_overdue"));
    }

    @Test
    public void aDeadlineActionThatNoLongerAppliesIsSkippedOnceAndTheScanGoesOn() {
        long id = fedBack("2026-03-02 15:00");
        // stopped after its deadline before any scan ran: the action is owed by recorded times but its
        // assignment state no longer allows it, so it is skipped, recorded as considered, not retried
        f.at("2026-03-03 15:30");
        f.act(f.housingHandler, id, "reply");
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(List.of(), entries(f.view(id), "reply_overdue"));
        assertNull(f.view(id).fields().get("overdueNotices"));
        // another item's due action in the same scan is still taken
        long other = fedBack("2026-03-03 16:00");
        f.at("2026-03-04 16:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(1, entries(f.view(other), "reply_overdue").size());
    }

    @Test
    public void theDeadlineActionKeepsTheTrailInOrderWhenTheItemChangedAfterTheDeadline() {
        long id = fedBack("2026-03-02 15:00");
        f.at("2026-03-03 15:20");
        f.act(f.dispatcher, id, "remark", "text", "催办");
        f.at("2026-03-03 15:40");
        assertEquals(1, f.kernel.raiseDueCards());
        ItemView v = f.view(id);
        assertEquals(t("2026-03-03 15:20"), entries(v, "reply_overdue").get(0).at());
        assertEquals("reply_overdue", HotlineFixture.last(v).action());
    }

    @Test
    public void aClocksOwnRedDistanceReplacesTheLinesFromTheYellowCard() {
        f.at("2026-03-02 10:00");
        long own = f.kernel.create(f.dispatcher, LINE, Map.of("title", "五日红牌"), "REST").id();
        f.act(f.dispatcher, own, "assign", "unitId", f.housing.id(), "redDays", 5);
        long declared = f.kernel.create(f.dispatcher, LINE, Map.of("title", "三日红牌"), "REST").id();
        f.act(f.dispatcher, declared, "assign", "unitId", f.housing.id());
        f.at("2026-03-05 17:00");
        assertEquals(2, f.kernel.raiseDueCards());             // both yellow
        f.at("2026-03-10 17:00");
        assertEquals("only the line's 3 days are due", 1, f.kernel.raiseDueCards());
        assertEquals(List.of("YELLOW", "RED"), colours(declared));
        assertEquals(List.of("YELLOW"), colours(own));
        f.at("2026-03-12 16:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-12 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(t("2026-03-12 17:00"), f.view(own).cards().get(1).raisedAt());
    }

    @Test
    public void changingTheRedDistanceAfterTheYellowCardMovesTheDueRedCard() {
        f.at("2026-03-02 10:00");
        long id = f.kernel.create(f.dispatcher, LINE, Map.of("title", "调整红牌"), "REST").id();
        f.act(f.dispatcher, id, "assign", "unitId", f.housing.id());
        f.at("2026-03-05 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        f.act(f.dispatcher, id, "set_red_days", "unitId", f.housing.id(), "redDays", 1);
        f.at("2026-03-06 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(t("2026-03-06 17:00"), f.view(id).cards().get(1).raisedAt());
        refused("INVALID_VALUE:redDays", () -> f.act(f.dispatcher, id, "set_red_days", "unitId", f.housing.id(),
                "redDays", 0));
    }

    private List<String> colours(long id) {
        return f.view(id).cards().stream().map(ItemView.Card::colour).toList();
    }

    @Test
    public void aDeadlineActionMustBeADeclaredSystemActionThatNeedsNoInputButTheUnit() {
        assertTrue(problems(definition("nothing")).contains("unknown action nothing"));
        assertTrue(problems(definition("remark")).contains("must be allowed to the role system"));
        assertTrue(problems(definition("remark")).contains("may require no input but the unit"));
        assertTrue(problems(definition("feedback")).contains("must select its assignment by a unit field"));
    }

    private static String problems(LineDefinition d) {
        return String.join("; ", DefinitionValidator.problems(d));
    }

    @Test
    public void theCardActionIsTakenInTheTransactionThatRaisesEachCard() {
        f.at("2026-03-02 10:00");
        long id = f.kernel.create(f.dispatcher, LINE, Map.of("title", "亮牌通知"), "REST").id();
        f.act(f.dispatcher, id, "assign", "unitId", f.housing.id());
        f.events.clear();
        f.at("2026-03-05 18:00");                               // scanned after the yellow card's instant
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(0, f.kernel.raiseDueCards());
        ItemView v = f.view(id);
        assertEquals(List.of("YELLOW@" + f.housing.id()), v.fields().get("cardNotices"));
        List<ItemView.AuditEntry> taken = entries(v, "card_notice");
        assertEquals(1, taken.size());
        assertEquals("system", taken.get(0).actor());
        assertEquals("at the card, not at the scan", t("2026-03-05 17:00"), taken.get(0).at());
        assertEquals(List.of("card.yellow", LINE + ".yellow_card", LINE + ".card_notice"), f.events.topics);
        f.at("2026-03-10 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(List.of("YELLOW@" + f.housing.id(), "RED@" + f.housing.id()), f.view(id).fields().get("cardNotices"));
        assertEquals(List.of("YELLOW", "RED"), colours(id));
    }

    @Test
    public void aRefusedCardActionLeavesTheCardRaisedAndNothingOfTheAction() {
        f.at("2026-03-02 10:00");
        long id = f.kernel.create(f.dispatcher, LINE, Map.of("title", "不通知", "quiet", true), "REST").id();
        f.act(f.dispatcher, id, "assign", "unitId", f.housing.id());
        long version = f.view(id).version();
        f.at("2026-03-05 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        ItemView v = f.view(id);
        assertEquals(List.of("YELLOW"), colours(id));
        assertNull("the action's write was rolled back", v.fields().get("cardNotices"));
        assertEquals(List.of(), entries(v, "card_notice"));
        assertEquals(version, v.version());
        assertEquals(1, entries(v, "yellow_card").size());
        assertEquals(0, f.kernel.raiseDueCards());
    }

    @Test
    public void aCardActionNeedsACardAndNoInputButTheUnitAndTheColour() {
        assertTrue(problems(definition("reply_overdue", "card_notice", false))
                .contains("raises no card but declares a card action"));
        assertTrue(problems(definition("reply_overdue", "nothing", true)).contains("unknown action nothing"));
        assertTrue(problems(definition("reply_overdue", "remark", true))
                .contains("may require no input but the unit and card"));
        assertEquals("", problems(definition("reply_overdue")));
    }
}
