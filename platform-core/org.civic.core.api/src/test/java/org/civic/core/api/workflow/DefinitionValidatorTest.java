package org.civic.core.api.workflow;

import static org.junit.Assert.assertEquals;
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
        return new LineDefinition("demo", "ticket", Label.of("演示", "Demo"), "DM",
                List.of(StateDef.of("DRAFT", "草稿", "Draft"), StateDef.of("HANDLING", "办理中", "Handling"),
                        StateDef.of("PENDING_REVIEW", "待审核", "Pending review"),
                        StateDef.terminal("COMPLETED", "已办结", "Completed")),
                "DRAFT", Set.of("staff"),
                List.of(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory().withLength(2, 100),
                        FieldDef.of("phone", "电话", "Phone", FieldType.STRING).withPattern("^1[3-9]\\d{9}$")),
                List.of(ActionDef.of("receive", "接收", "Receive").allowedFrom("DRAFT").leadsTo("HANDLING").allowedTo("staff"),
                        ActionDef.of("submit", "提交", "Submit").allowedFrom("HANDLING").leadsTo("PENDING_REVIEW").allowedTo("staff")
                                .withScope(ActionDef.ScopeRule.HOLDER_UNIT),
                        ActionDef.of("reject", "驳回", "Reject").allowedFrom("PENDING_REVIEW").leadsTo("HANDLING").allowedTo("reviewer")
                                .withInput(FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT).mandatory().withLength(2, 500)),
                        ActionDef.of("approve", "审核通过", "Approve").allowedFrom("PENDING_REVIEW").leadsTo("COMPLETED").allowedTo("reviewer")));
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
        actions.add(ActionDef.of("Bad-Id", "坏", "Bad").allowedFrom("DRAFT").allowedTo("staff"));
        actions.add(ActionDef.of("nobody", "无人", "Nobody").allowedFrom("DRAFT"));
        actions.add(ActionDef.of("pick", "选择", "Pick").allowedFrom("DRAFT").allowedTo("staff")
                .withInput(FieldDef.of("kind", "类型", "Kind", FieldType.ENUM), FieldDef.of("code", "编码", "Code", FieldType.STRING)
                        .withPattern("(unclosed").withLength(5, 2)));
        LineDefinition broken = new LineDefinition("demo", "ticket", d.label(), "DM", states, "DRAFT", d.createRoles(),
                d.createFields(), actions);
        List<String> problems = DefinitionValidator.problems(broken);
        assertHas(problems, "duplicate state id DRAFT");
        assertHas(problems, "duplicate action id approve");
        assertHas(problems, "action archive starts from unknown state NOWHERE");
        assertHas(problems, "action archive leads to unknown state ELSEWHERE");
        assertHas(problems, "action reopen starts from terminal state COMPLETED");
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
        LineDefinition bad = new LineDefinition("Demo Line", "ticket", Label.of("", "Demo"), "DM", d.states(), "START",
                d.createRoles(), d.createFields(), d.actions());
        List<String> problems = DefinitionValidator.problems(bad);
        assertHas(problems, "line id 'Demo Line' must be 2-30 lower-case letters and digits");
        assertHas(problems, "initial state START is not a declared state");
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.contains("needs a Chinese and an English label")));
    }

    private static void assertHas(List<String> problems, String expected) {
        assertTrue("missing '" + expected + "' in " + problems, problems.contains(expected));
    }
}
