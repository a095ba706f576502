package org.civic.core.api.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.civic.core.api.workflow.FieldDef.FieldType;
import org.junit.Test;

public class DefinitionValidatorTest {

    /** A small two-level review line, the shape of the clue line. */
    static LineDefinition sound() {
        return LineDefinition.builder("demo", "演示", "Demo").numberPrefix("DM")
                .states(StateDef.of("DRAFT", "草稿", "Draft"), StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.of("PENDING_REVIEW", "待审核", "Pending review"),
                        StateDef.terminal("COMPLETED", "已办结", "Completed"))
                .assignmentStates(StateDef.of("PENDING_SIGN", "待签收", "Pending sign"),
                        StateDef.of("WORKING", "办理中", "Working"), StateDef.terminal("DONE", "已完成", "Done"))
                .createdBy("staff")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory().withLength(2, 100),
                        FieldDef.of("phone", "电话", "Phone", FieldType.STRING).withPattern("^1[3-9]\\d{9}$"))
                .clocks(ClockDef.of("handling", "办理时限", "Handling limit", ClockDef.DeadlineRule.workingDays(5))
                        .forEachAssignment().redCardAfter(3))
                .actions(ActionDef.of("receive", "接收", "Receive").allowedFrom("DRAFT").leadsTo("HANDLING").allowedTo("staff")
                                .withInput(FieldDef.of("unitId", "单位", "Unit", FieldType.UNIT).mandatory())
                                .withEffects(Effect.assign("unitId", "LEAD", "PENDING_SIGN"), Effect.startClock("handling")),
                        ActionDef.of("sign", "签收", "Sign").allowedFrom("HANDLING").onAssignmentIn("PENDING_SIGN")
                                .assignmentTo("WORKING").allowedTo("staff").withScope(ActionDef.ScopeRule.HOLDER_UNIT),
                        ActionDef.of("submit", "提交", "Submit").allowedFrom("HANDLING").onAssignmentIn("WORKING")
                                .assignmentTo("DONE").mayLeadTo("PENDING_REVIEW").allowedTo("staff")
                                .withScope(ActionDef.ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.whenAllAssignments(Set.of("DONE"), Set.of(), "PENDING_REVIEW")),
                        ActionDef.of("reject", "驳回", "Reject").allowedFrom("PENDING_REVIEW").leadsTo("HANDLING").allowedTo("reviewer")
                                .withInput(FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).mandatory().withLength(2, 500)),
                        ActionDef.of("approve", "审核通过", "Approve").allowedFrom("PENDING_REVIEW").leadsTo("COMPLETED").allowedTo("reviewer"))
                .worklists(WorklistDef.region("drafts", "待处理", "Drafts", "DRAFT"),
                        WorklistDef.unit("to_sign", "待签收", "To sign", "PENDING_SIGN").sortedBy("deadline"))
                .build();
    }

    private static LineDefinition with(LineDefinition d, List<StateDef> states, List<ActionDef> actions) {
        return new LineDefinition(d.line(), d.label(), d.numberPrefix(), states, d.initialState(), d.assignmentStates(),
                d.createRoles(), d.regionViewRoles(), d.createFields(), d.createEffects(), actions, d.clocks(), d.worklists(),
                d.documents(), d.viewFields(), d.numberStyle());
    }

    @Test
    public void aSoundDefinitionHasNoProblems() {
        assertEquals(List.of(), DefinitionValidator.problems(sound()));
        DefinitionValidator.check(sound());
        assertEquals("HANDLING", sound().action("reject").to());
    }

    @Test
    public void namesUnknownUnreachableAndDuplicateParts() {
        LineDefinition d = sound();
        List<StateDef> states = new ArrayList<>(d.states());
        states.add(StateDef.of("ORPHAN", "孤立", "Orphan"));
        states.add(StateDef.of("DRAFT", "草稿", "Draft"));
        List<ActionDef> actions = new ArrayList<>(d.actions());
        actions.add(ActionDef.of("approve", "再审核", "Approve again").allowedFrom("PENDING_REVIEW").leadsTo("COMPLETED").allowedTo("reviewer"));
        actions.add(ActionDef.of("archive", "归档", "Archive").allowedFrom("NOWHERE").leadsTo("ELSEWHERE").allowedTo("staff"));
        actions.add(ActionDef.of("reopen", "重开", "Reopen").allowedFrom("COMPLETED").leadsTo("HANDLING").allowedTo("staff"));
        // an action that stays in a terminal state (a note on a completed item) is fine
        actions.add(ActionDef.of("annotate", "备注", "Annotate").allowedFrom("COMPLETED").allowedTo("staff"));
        actions.add(ActionDef.of("Bad-Id", "坏", "Bad").allowedFrom("DRAFT").allowedTo("staff"));
        actions.add(ActionDef.of("nobody", "无人", "Nobody").allowedFrom("DRAFT"));
        actions.add(ActionDef.of("pick", "选择", "Pick").allowedFrom("DRAFT").allowedTo("staff")
                .withInput(FieldDef.of("kind", "类型", "Kind", FieldType.ENUM), FieldDef.of("code", "编码", "Code", FieldType.STRING)
                        .withPattern("(unclosed").withLength(5, 2)));
        LineDefinition broken = with(d, states, actions);
        List<String> problems = DefinitionValidator.problems(broken);
        assertHas(problems, "duplicate state id DRAFT");
        assertHas(problems, "duplicate action id approve");
        assertHas(problems, "action archive starts from unknown state NOWHERE");
        assertHas(problems, "action archive leads to unknown state ELSEWHERE");
        assertHas(problems, "action reopen starts from terminal state COMPLETED and leaves it");
        assertHas(problems, "action id 'Bad-Id' must be lower_snake");
        assertHas(problems, "action nobody is allowed to no role");
        assertHas(problems, "action pick: enum field kind lists no values");
        assertHas(problems, "action pick: field code has an invalid pattern");
        assertHas(problems, "action pick: field code has minLength above maxLength");
        assertHas(problems, "state ORPHAN cannot be reached from DRAFT");
        try {
            DefinitionValidator.check(broken);
            fail("accepted a broken definition");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("state ORPHAN cannot be reached"));
        }
    }

    @Test
    public void lineIdInitialStateAndLabels() {
        LineDefinition d = sound();
        LineDefinition bad = new LineDefinition("Demo Line", Label.of("", "Demo"), "dm", d.states(), "START",
                d.assignmentStates(), Set.of(), d.regionViewRoles(), List.of(), d.createEffects(), d.actions(), d.clocks(),
                d.worklists(), List.of(DocumentDef.of("Sheet", "派发单", "Sheet", DefinitionValidatorTest.class, "no/such.ftlx")
                        .inStates("NOWHERE")), List.of(), LineDefinition.NumberStyle.REGION_DAY);
        List<String> problems = DefinitionValidator.problems(bad);
        assertHas(problems, "line id 'Demo Line' must be 2-30 lower-case letters and digits");
        assertHas(problems, "initial state START is not a declared state");
        assertHas(problems, "number prefix 'dm' must be 1-10 upper-case letters and digits");
        assertHas(problems, "line Demo Line names no role that may create items");
        assertHas(problems, "create form: the field title is missing");
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.contains("needs a Chinese and an English label")));
        assertHas(problems, "document name 'Sheet' must be lower_snake");
        assertHas(problems, "document Sheet is printable in unknown state NOWHERE");
        assertHas(problems, "document Sheet: template no/such.ftlx not found");
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue("missing '" + expected + "' in " + problems, problems.contains(expected));
    }

    @Test
    public void namesWrongAssignmentClockAndWorklistReferences() {
        LineDefinition d = sound();
        List<ActionDef> actions = new ArrayList<>(d.actions());
        actions.add(ActionDef.of("feedback", "反馈", "Feedback").allowedFrom("HANDLING").onAssignmentIn("SIGNED")
                .assignmentTo("FINISHED").allowedTo("staff").withEffects(Effect.stopClock("sign_in"),
                        Effect.dispatch("unitIds", "LEAD", "NOWHERE")));
        actions.add(ActionDef.of("decide", "裁决", "Decide").allowedFrom("HANDLING").onAssignmentIn("WORKING")
                .selectingAssignmentBy("unitId").allowedTo("staff"));
        actions.add(ActionDef.of("close", "关闭", "Close").allowedFrom("HANDLING").assignmentTo("DONE").allowedTo("staff")
                .withEffects(Effect.whenAllAssignments(Set.of("DONE"), Set.of(), "COMPLETED"), Effect.returnUp()));
        LineDefinition broken = new LineDefinition(d.line(), d.label(), d.numberPrefix(), d.states(), d.initialState(),
                d.assignmentStates(), d.createRoles(), d.regionViewRoles(), d.createFields(), d.createEffects(), actions,
                List.of(d.clocks().get(0), d.clocks().get(0)),
                List.of(WorklistDef.region("drafts", "待处理", "Drafts", "LOST").sortedBy("colour"),
                        WorklistDef.unit("drafts", "待签收", "To sign", "GONE")),
                List.of(DocumentDef.of("sheet", "派发单", "Sheet", DefinitionValidatorTest.class, "docs/sheet.ftlx"),
                        DocumentDef.of("sheet", "派发单", "Sheet", DefinitionValidatorTest.class, "docs/sheet.ftlx")),
                List.of(), LineDefinition.NumberStyle.REGION_DAY);
        List<String> problems = DefinitionValidator.problems(broken);
        assertHas(problems, "action feedback acts on unknown assignment state SIGNED");
        assertHas(problems, "action feedback leads to unknown assignment state FINISHED");
        assertHas(problems, "action feedback: unknown clock sign_in");
        assertHas(problems, "action feedback: unknown assignment state NOWHERE");
        assertHas(problems, "action feedback: effect uses unknown input field unitIds");
        assertHas(problems, "action decide selects its assignment by unitId, which must be a required UNIT input field");
        assertHas(problems, "action close changes an assignment state but acts on no assignment");
        assertHas(problems, "action close: the item state COMPLETED must be among the action's targets");
        assertHas(problems, "action close: a transfer or return needs an assignment action");
        assertHas(problems, "duplicate clock handling");
        assertHas(problems, "duplicate worklist drafts");
        assertHas(problems, "worklist drafts lists unknown state LOST");
        assertHas(problems, "worklist drafts sorts by unknown key colour");
        assertHas(problems, "worklist drafts lists unknown assignment state GONE");
        assertHas(problems, "duplicate document sheet");
        assertFalse(problems.toString(), problems.stream().anyMatch(p -> p.contains("template docs/sheet.ftlx")));
    }

    @Test
    public void aRegionPickerHoldsACodeAndNamesAnEarlierParentField() {
        LineDefinition d = sound();
        List<ActionDef> actions = new ArrayList<>(d.actions());
        FieldDef.RegionChoice under = FieldDef.RegionChoice.childrenOf("city");
        actions.add(ActionDef.of("transfer", "转办", "Transfer").allowedFrom("HANDLING").allowedTo("staff")
                .withInput(FieldDef.of("city", "市州", "City", FieldType.STRING).mandatory()
                        .picking(FieldDef.RegionChoice.childrenOfCallerRegion().withUnit("CLUE_UNIT")),
                        FieldDef.of("county", "区县", "County", FieldType.STRING).picking(under)));
        assertEquals(List.of(), DefinitionValidator.problems(with(d, d.states(), actions)));
        assertEquals("CLUE_UNIT", actions.get(actions.size() - 1).input().get(0).regions().unitType());
        assertEquals("the other facts of the field are kept", Integer.valueOf(3), FieldDef.of("c", "区", "C", FieldType.STRING)
                .withLength(3, 12).picking(under).mandatory().minLength());

        actions.add(ActionDef.of("move", "移交", "Move").allowedFrom("HANDLING").allowedTo("staff")
                .withInput(FieldDef.of("county", "区县", "County", FieldType.STRING).picking(under),
                        FieldDef.of("city", "市州", "City", FieldType.STRING),
                        FieldDef.of("count", "数量", "Count", FieldType.INTEGER)
                                .picking(FieldDef.RegionChoice.childrenOfItemRegion())));
        List<String> problems = DefinitionValidator.problems(with(d, d.states(), actions));
        assertHas(problems, "action move: field county picks the regions under field city, which must come earlier in the same form");
        assertHas(problems, "action move: field count picks regions but is not STRING");
    }

    @Test
    public void conditionalTargetsCountAsReachable() {
        LineDefinition d = sound();
        assertEquals(List.of(), DefinitionValidator.problems(d));
        List<ActionDef> actions = new ArrayList<>(d.actions());
        actions.removeIf(a -> a.id().equals("submit"));
        assertHas(DefinitionValidator.problems(with(d, d.states(), actions)), "state PENDING_REVIEW cannot be reached from DRAFT");
    }
}
