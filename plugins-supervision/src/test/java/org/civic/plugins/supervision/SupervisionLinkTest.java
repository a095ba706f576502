package org.civic.plugins.supervision;

import static org.civic.core.api.workflow.ClockDef.DeadlineRule.workingDays;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
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
 * A supervision item attached to a work item of another installed line through the kernel's links only:
 * the supervision item shows the other item's live state and deadlines, the other item's detail shows that
 * it is supervised and by which unit.
 */
public class SupervisionLinkTest {

    private SupervisionFixture f;
    private AutoCloseable appeals;
    private SupervisionViews views;
    private Caller appealHandler;

    @Before
    public void setUp() {
        f = new SupervisionFixture();
        appeals = f.kernel.register(LineDefinition.builder("appeal", "诉求", "Appeal")
                .states(StateDef.of("OPEN", "办理中", "Open"), StateDef.terminal("DONE", "已办结", "Done"))
                .createdBy("appeal_handler")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory())
                .clocks(ClockDef.of("handling", "办理时限", "Handling limit", workingDays(3)).withYellowCard())
                .onCreate(Effect.startClock("handling"))
                .actions(ActionDef.of("finish", "办结", "Finish").allowedFrom("OPEN").leadsTo("DONE").allowedTo("appeal_handler"))
                .build());
        views = new SupervisionViews(f.kernel, new OrgDirectory(f.org), f.clock);
        appealHandler = new Caller(9999, "appeal", "诉求办理人", f.construction.id(), f.construction.name(), "620000",
                Set.of("appeal_handler"));
    }

    @After
    public void tearDown() throws Exception {
        appeals.close();
        f.close();
    }

    @Test
    public void theSupervisionItemFollowsTheLinkedItemLive() {
        ItemView appeal = f.kernel.create(appealHandler, "appeal", SupervisionFixture.in("title", "道路积水"), "REST");
        long s = f.draftS1("linkedItemId", appeal.id()).id();

        List<Map<String, Object>> linked = views.linked(f.zhouMin, s);
        assertEquals(1, linked.size());
        assertEquals(appeal.id(), ((Number) linked.get(0).get("itemId")).longValue());
        assertEquals("appeal", linked.get(0).get("line"));
        assertEquals("OPEN", linked.get(0).get("state"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clocks = (List<Map<String, Object>>) linked.get(0).get("clocks");
        assertEquals("2026-03-05T23:59:59+08:00", clocks.get(0).get("deadline"));
        assertEquals("RUNNING", clocks.get(0).get("status"));

        f.kernel.act(appealHandler, appeal.id(), "finish", SupervisionFixture.in(), null, "REST");
        linked = views.linked(f.zhouMin, s);
        assertEquals("DONE", linked.get(0).get("state"));
        assertEquals(Boolean.TRUE, linked.get(0).get("terminal"));

        // The appeal's handler learns that it is supervised and by whom, without seeing the supervision item.
        ItemView.Link back = f.kernel.get(appealHandler, appeal.id()).links().get(0);
        assertEquals(SupervisionRules.LINK_KIND, back.kind());
        assertEquals("IN", back.direction());
        assertEquals(Supervision.LINE, back.line());
        assertEquals("督办科", back.byUnit());
        assertFalse(back.visible());
        f.refused("NOT_FOUND", () -> f.kernel.get(appealHandler, s));
        // The clerk sees the link with the supervision item's number from the appeal's side too.
        ItemView.Link clerkSide = f.kernel.get(f.zhouMin, appeal.id()).links().get(0);
        assertTrue(clerkSide.visible());
        assertEquals(s, clerkSide.itemId());

        // One link per supervision item; an item the clerk cannot see cannot be linked.
        f.refused("INVALID_VALUE:linkedItemId", () -> f.act(f.zhouMin, s, "edit_draft", "linkedItemId", appeal.id()));
        f.refused("INVALID_VALUE:linkedItemId", () -> f.draftS1("linkedItemId", 987654));
    }
}
