package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.clockOf;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.civic.core.internal.workflow.HotlineFixture.last;
import static org.civic.core.internal.workflow.HotlineFixture.part;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What actions do when they pass: business numbers, the audit trail, events after the commit,
 * dispatch with its handler, the last feedback moving the item, close, transfer down / return up on
 * the region tree, links; and the line registry (validator refusals, duplicates, closing).
 */
public class WorkflowActionsTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void businessNumbersCountPerLineRegionAndShanghaiDay() {
        assertEquals("HL-620102-20260302-0001", f.draft("一号").number());
        assertEquals("HL-620102-20260302-0002", f.draft("二号").number());
        assertEquals("another county counts on its own", "HL-620103-20260302-0001",
                f.kernel.create(f.otherCounty, LINE, in("title", "七里河", "category", "ROAD"), "REST").number());
        assertEquals("HL-620000-20260302-0001",
                f.kernel.create(f.province, LINE, in("title", "省级", "category", "ROAD"), "REST").number());
        assertEquals("HL-620102-20260302-0003", f.draft("三号").number());
        f.at("2026-03-02 23:59:59");
        assertEquals("HL-620102-20260302-0004", f.draft("四号").number());
        f.at("2026-03-03 00:00");  // 2026-03-02T16:00Z: already the 3rd in Shanghai
        assertEquals("HL-620102-20260303-0001", f.draft("五号").number());
        assertEquals("HL-620102-20260303-0002", f.draft("六号").number());
        for (ItemView.AuditEntry e : f.view(f.draft("七号").id()).auditTrail()) {
            assertEquals("create", e.action());
        }
    }

    @Test
    public void theAuditTrailRecordsActorUnitStatesOpinionInputAndClockEvents() {
        ItemView created = f.kernel.create(f.dispatcher, LINE, in("title", "路灯损坏", "category", "ROAD"), "WEB");
        ItemView.AuditEntry c = created.auditTrail().get(0);
        assertEquals("create", c.action());
        assertEquals("创建", c.actionLabel().zh());
        assertNull(c.fromState());
        assertEquals("DRAFT", c.toState());
        assertEquals("WEB", c.channel());
        assertEquals("disp", created.createdBy());
        assertEquals(Long.valueOf(f.centre.id()), created.createdUnitId());

        f.at("2026-03-02 10:00");
        ItemView d = f.kernel.act(f.dispatcher, created.id(), "dispatch", in("unitIds", List.of(f.housing.id(),
                f.market.id()), "opinion", "请尽快处理"), null, "SOAP");
        ItemView.AuditEntry e = last(d);
        assertEquals(2, d.auditTrail().size());
        assertEquals("dispatch", e.action());
        assertEquals("派发", e.actionLabel().zh());
        assertEquals("disp", e.actor());
        assertEquals("disp名", e.actorName());
        assertEquals(Long.valueOf(f.centre.id()), e.unitId());
        assertEquals("城关区指挥中心", e.unitName());
        assertEquals("SOAP", e.channel());
        assertEquals("DRAFT", e.fromState());
        assertEquals("DISPATCHED", e.toState());
        assertEquals("请尽快处理", e.opinion());
        assertEquals(t("2026-03-02 10:00"), e.at());
        assertNull("an item action acts on no assignment", e.assignmentId());
        assertEquals(List.of(f.housing.id(), f.market.id()), ((List<?>) e.input().get("unitIds")).stream()
                .map(x -> ((Number) x).longValue()).toList());
        List<?> clocks = (List<?>) e.details().get("clocks");
        assertEquals(4, clocks.size());
        Set<String> started = new java.util.TreeSet<>();
        for (Object o : clocks) {
            Map<?, ?> m = (Map<?, ?>) o;
            assertEquals("started", m.get("event"));
            started.add(m.get("clock") + " " + m.get("deadline"));
        }
        assertEquals(Set.of("sign 2026-03-02T12:00+08:00", "handling 2026-03-05T17:00+08:00"), started);
        List<?> assigned = (List<?>) e.details().get("assigned");
        assertEquals(2, assigned.size());
        assertEquals("城关区住建局", ((Map<?, ?>) assigned.get(0)).get("unit"));
        assertEquals("PENDING_SIGN", ((Map<?, ?>) assigned.get(0)).get("state"));
        // what the handler noted
        Map<?, ?> handler = (Map<?, ?>) e.details().get("handler");
        assertEquals(2, ((Number) handler.get("units")).intValue());
        assertEquals("DISPATCHED", handler.get("state"));
        assertEquals(Boolean.TRUE, handler.get("signRunning"));
        assertEquals(t("2026-03-02 12:00").toInstant().toString(), handler.get("signDeadline"));
        assertEquals(2, ((Number) d.fields().get("unitCount")).intValue());

        f.at("2026-03-02 10:30");
        ItemView s = f.act(f.housingHandler, d.id(), "sign");
        ItemView.AuditEntry sign = last(s);
        assertEquals("house", sign.actor());
        assertEquals(Long.valueOf(f.housing.id()), sign.unitId());
        assertEquals(Long.valueOf(part(s, f.housing).id()), sign.assignmentId());
        assertEquals("DISPATCHED", sign.fromState());
        assertEquals("DISPATCHED", sign.toState());
        assertNull(sign.opinion());
        Map<?, ?> stopped = (Map<?, ?>) ((List<?>) sign.details().get("clocks")).get(0);
        assertEquals("sign", stopped.get("clock"));
        assertEquals("stopped", stopped.get("event"));
        assertEquals(Boolean.TRUE, stopped.get("onTime"));
        assertEquals(part(s, f.housing).id(), ((Number) stopped.get("assignmentId")).longValue());
        assertEquals("HANDLING", ((Map<?, ?>) sign.details().get("assignment")).get("state"));
        assertEquals(t("2026-03-02 10:30"), s.updatedAt());
        assertEquals("house", s.updatedBy());

        f.at("2026-03-03 10:00");
        ItemView p = f.act(f.housingHandler, d.id(), "dispute", "opinion", "非本单位职责");
        ItemView.AuditEntry dispute = last(p);
        assertEquals("非本单位职责", dispute.opinion());
        assertEquals("paused", ((Map<?, ?>) ((List<?>) dispute.details().get("clocks")).get(0)).get("event"));
        f.at("2026-03-04 15:00");
        ItemView r = f.act(f.dispatcher, d.id(), "reject_dispute", "unitId", f.housing.id(), "opinion", "属本单位");
        Map<?, ?> resumed = (Map<?, ?>) ((List<?>) last(r).details().get("clocks")).get(0);
        assertEquals("resumed", resumed.get("event"));
        assertEquals("2026-03-03T10:00+08:00", resumed.get("pausedAt"));
        assertEquals("2026-03-05T17:00+08:00", resumed.get("previousDeadline"));
        assertEquals("2026-03-09T14:00+08:00", resumed.get("deadline"));
        // the trail is in time order and append-only
        List<String> actions = r.auditTrail().stream().map(ItemView.AuditEntry::action).toList();
        assertEquals(List.of("create", "dispatch", "sign", "dispute", "reject_dispute"), actions);
        assertEquals(5, f.count("ItemAuditEntity"));
    }

    @Test
    public void eventsArePublishedAfterTheCommitWithTheActionsPayload() {
        long id = f.draft("事件").id();
        assertEquals(List.of("hotline.create"), f.events.topics);
        assertEquals("the create was committed when its event went out", Long.valueOf(1),
                f.events.committedAuditRows.get(0));
        f.act(f.dispatcher, id, "dispatch", "unitIds", List.of(f.housing.id()));
        f.act(f.housingHandler, id, "sign");
        assertEquals(List.of("hotline.create", "hotline.dispatch", "hotline.sign"), f.events.topics);
        assertEquals(List.of(1L, 2L, 3L), f.events.committedAuditRows);
        Map<String, Object> dispatch = f.events.payloads.get(1);
        assertEquals(id, dispatch.get("itemId"));
        assertEquals(f.view(id).number(), dispatch.get("number"));
        assertEquals(LINE, dispatch.get("line"));
        assertEquals("620102", dispatch.get("regionCode"));
        assertEquals("DRAFT", dispatch.get("fromState"));
        assertEquals("DISPATCHED", dispatch.get("toState"));
        assertEquals("disp", dispatch.get("actor"));
        assertEquals("2026-03-02T10:00+08:00", dispatch.get("at"));
        assertEquals(f.housing.id(), f.events.payloads.get(2).get("unitId"));
        // a refused action publishes nothing
        refused("INVALID_STATE", () -> f.act(f.housingHandler, id, "sign"));
        assertEquals(3, f.events.topics.size());
    }

    @Test
    public void theLastFeedbackMovesTheItemToReviewAndCloseEndsIt() {
        long id = f.dispatched(f.housing, f.market, f.water);
        for (HotlineFixture.Snapshot s : List.of(f.snapshot(id))) {
            assertNotNull(s);
        }
        f.act(f.housingHandler, id, "sign");
        f.act(f.marketHandler, id, "sign");
        f.act(f.waterHandler, id, "sign");
        f.at("2026-03-03 09:00");
        assertEquals("DISPATCHED", f.act(f.housingHandler, id, "feedback", "content", "已修复").state());
        assertEquals("DISPATCHED", f.act(f.marketHandler, id, "feedback", "content", "已配合").state());
        ItemView withTwo = f.view(id);
        assertEquals("DONE", part(withTwo, f.housing).state());
        assertEquals("HANDLING", part(withTwo, f.water).state());
        assertEquals("STOPPED", clockOf(part(withTwo, f.housing), "handling").status());
        assertEquals("RUNNING", clockOf(part(withTwo, f.water), "handling").status());
        assertFalse(clockOf(part(withTwo, f.housing), "handling").overdue());
        ItemView review = f.act(f.waterHandler, id, "feedback", "content", "已疏通");
        assertEquals("REVIEW", review.state());
        assertEquals("待审核", review.stateLabel().zh());
        assertEquals("DISPATCHED", last(review).fromState());
        assertEquals("REVIEW", last(review).toState());
        assertNull(review.closedAt());
        assertEquals(List.of("close"), f.kernel.get(f.dispatcher, id).availableActions().stream()
                .map(ItemView.Action::id).toList());
        f.at("2026-03-03 11:00");
        ItemView closed = f.act(f.dispatcher, id, "close", "opinion", "办结");
        assertTrue(closed.terminal());
        assertEquals("CLOSED", closed.state());
        assertEquals(t("2026-03-03 11:00"), closed.closedAt());
        assertTrue(f.kernel.get(f.dispatcher, id).availableActions().isEmpty());
        assertEquals(List.of("hotline.close"), f.events.topics.subList(f.events.topics.size() - 1, f.events.topics.size()));
    }

    @Test
    public void anAssignmentMovesDownTheRegionTreeOneLevelAtATimeAndBackUp() {
        long id = f.kernel.create(f.province, LINE, in("title", "省级交办", "category", "NOISE"), "REST").id();
        ItemView atCity = f.kernel.act(f.province, id, "assign_lead", in("leadUnitId", f.cityUrban.id()), null, "REST");
        ItemView.Assignment lead = part(atCity, f.cityUrban);
        assertEquals("HANDLING", lead.state());
        assertEquals("LEAD", lead.role());
        assertEquals(t("2026-03-05 17:00"), clockOf(lead, "handling").deadline());
        HotlineFixture.Snapshot before = f.snapshot(id);
        refused("INVALID_VALUE:targetUnitId", () -> f.act(f.cityHandler, id, "transfer_down",
                "targetUnitId", f.cityCentre.id(), "opinion", "同级"));           // same level
        refused("INVALID_VALUE:targetUnitId", () -> f.act(f.cityHandler, id, "transfer_down",
                "targetUnitId", f.qinzhou.id(), "opinion", "外市"));              // another city's county
        refused("INVALID_VALUE:targetUnitId", () -> f.act(f.cityHandler, id, "transfer_down",
                "targetUnitId", f.provinceCentre.id(), "opinion", "上级"));       // up is no transfer down
        refused("INVALID_STATE", () -> f.act(f.cityHandler, id, "return_up", "opinion", "无上级"));
        before.unchanged();

        f.at("2026-03-02 11:00");
        ItemView atCounty = f.act(f.cityHandler, id, "transfer_down", "targetUnitId", f.housing.id(), "opinion", "请办理");
        assertEquals(1, atCounty.assignments().size());
        ItemView.Assignment moved = atCounty.assignments().get(0);
        assertEquals(lead.id(), moved.id());
        assertEquals(f.housing.id(), moved.unitId());
        assertEquals("620102", moved.unitRegionCode());
        assertEquals(List.of(f.cityUrban.id()), moved.previousUnits());
        assertEquals("the clock goes along unchanged", t("2026-03-05 17:00"), clockOf(moved, "handling").deadline());
        Map<?, ?> transfer = (Map<?, ?>) last(atCounty).details().get("transfer");
        assertEquals(f.cityUrban.id(), ((Number) transfer.get("fromUnitId")).longValue());
        assertEquals(f.housing.id(), ((Number) transfer.get("toUnitId")).longValue());
        // the city unit keeps reading the item but no longer holds it
        assertEquals(id, f.kernel.get(f.cityHandler, id).id());
        refused("OUT_OF_SCOPE", () -> f.act(f.cityHandler, id, "transfer_down", "targetUnitId", f.market.id(),
                "opinion", "再转"));
        assertTrue(f.kernel.get(f.cityHandler, id).availableActions().isEmpty());
        assertEquals(List.of("transfer_down", "return_up", "dispute", "request_extension", "feedback"),
                f.kernel.get(f.housingHandler, id).availableActions().stream().map(ItemView.Action::id).toList());

        ItemView back = f.act(f.housingHandler, id, "return_up", "opinion", "不属本级管辖");
        assertEquals(f.cityUrban.id(), back.assignments().get(0).unitId());
        assertEquals(List.of(), back.assignments().get(0).previousUnits());
        assertEquals("不属本级管辖", last(back).opinion());
        Map<?, ?> ret = (Map<?, ?>) last(back).details().get("return");
        assertEquals(f.cityUrban.id(), ((Number) ret.get("toUnitId")).longValue());
        assertEquals(id, f.kernel.get(f.housingHandler, id).id());
        refused("OUT_OF_SCOPE", () -> f.act(f.housingHandler, id, "return_up", "opinion", "再退"));

        // the card of the transferred clock is charged to the unit holding it when the deadline passes
        f.act(f.cityHandler, id, "transfer_down", "targetUnitId", f.market.id(), "opinion", "改派");
        f.at("2026-03-06 09:00");
        assertEquals(1, f.kernel.raiseDueCards());
        ItemView.Card yellow = f.view(id).cards().get(0);
        assertEquals(Long.valueOf(f.market.id()), yellow.unitId());
        assertEquals(t("2026-03-05 17:00"), yellow.raisedAt());
    }

    @Test
    public void aMergeLinksBothItemsAndEndsTheMergedOne() {
        long a = f.draft("噪音扰民").id();
        long b = f.draft("噪音扰民（重复）").id();
        f.at("2026-03-02 11:00");
        ItemView merged = f.act(f.dispatcher, b, "merge", "intoItemId", a);
        assertEquals("MERGED", merged.state());
        assertTrue(merged.terminal());
        assertEquals(t("2026-03-02 11:00"), merged.closedAt());
        assertEquals(1, merged.links().size());
        assertEquals(new ItemView.Link("merged-into", "OUT", a, f.view(a).number(), HotlineFixture.LINE, "DRAFT",
                f.centre.name(), true), merged.links().get(0));
        Map<?, ?> link = (Map<?, ?>) last(merged).details().get("link");
        assertEquals("merged-into", link.get("kind"));
        assertEquals(a, ((Number) link.get("itemId")).longValue());
        ItemView target = f.kernel.get(f.dispatcher, a);
        assertEquals(new ItemView.Link("merged-into", "IN", b, merged.number(), HotlineFixture.LINE, "MERGED",
                f.centre.name(), true), target.links().get(0));
        assertEquals("DRAFT", target.state());
        assertEquals(1, f.count("ItemLinkEntity"));
    }

    @Test
    public void registrationRefusesBrokenDefinitionsNamingEveryProblem() {
        FieldDef title = FieldDef.of("title", "标题", "Title", FieldType.STRING);
        LineDefinition broken = LineDefinition.builder("broken", "坏", "Broken").numberPrefix("bad-prefix")
                .createdBy("x")
                .states(StateDef.of("OPEN", "开", "Open"), StateDef.of("LOST", "丢", "Lost"),
                        StateDef.of("OPEN", "再", "Again"))
                .assignmentStates(StateDef.of("HELD", "持有", "Held"))
                .createFields(FieldDef.of("kind", "类", "Kind", FieldType.ENUM))
                .clocks(ClockDef.of("limit", "时限", "Limit", ClockDef.DeadlineRule.minutes(5)).whenUrgent("hurry",
                        ClockDef.DeadlineRule.minutes(1)))
                .actions(ActionDef.of("go", "走", "Go").allowedFrom("OPEN", "NOWHERE").leadsTo("OPEN").allowedTo("x")
                                .withEffects(Effect.startClock("nosuchclock"), Effect.setFields("ghost")),
                        ActionDef.of("go", "走", "Go").allowedFrom("OPEN").allowedTo("x"),
                        ActionDef.of("decide", "定", "Decide").allowedFrom("OPEN").onAssignmentIn("HELD")
                                .selectingAssignmentBy("who").allowedTo("x")
                                .withInput(FieldDef.of("who", "谁", "Who", FieldType.STRING))
                                .withEffects(Effect.whenAllAssignments(Set.of("HELD"), Set.of(), "LOST")),
                        ActionDef.of("nobody", "无", "Nobody").allowedFrom("OPEN"))
                .worklists(WorklistDef.region("list", "表", "List", "CLOSED").sortedBy("colour"))
                .build();
        try {
            f.kernel.register(broken);
            fail("a broken definition was registered");
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            for (String problem : List.of("duplicate state id OPEN", "number prefix 'bad-prefix'",
                    "create form: the field title is missing", "enum field kind lists no values",
                    "clock limit depends on unknown field hurry", "action go starts from unknown state NOWHERE",
                    "unknown clock nosuchclock", "effect uses unknown input field ghost", "duplicate action id go",
                    "selects its assignment by who, which must be a required UNIT input field",
                    "the item state LOST must be among the action's targets", "action nobody is allowed to no role",
                    "worklist list lists unknown state CLOSED", "worklist list sorts by unknown key colour",
                    "state LOST cannot be reached from OPEN")) {
                assertTrue(problem + " not in: " + m, m.contains(problem));
            }
        }
        for (String id : List.of("items", "Hotline", "x")) {
            try {
                f.kernel.register(HotlineFixture.definition(id, "ZZ"));
                fail("line id " + id + " was accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("line id"));
            }
        }
        assertEquals(List.of(LINE), f.kernel.lines().stream().map(LineDefinition::line).toList());
        assertNotNull(title);
    }

    @Test
    public void aLineIdIsRegisteredOnceAndClosingOnlyEndsItsOwnRegistration() throws Exception {
        try {
            f.kernel.register(HotlineFixture.definition());
            fail("registered twice");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("already registered"));
        }
        AutoCloseable second = f.kernel.register(HotlineFixture.definition("hotlinetwo", "HT"));
        assertEquals(List.of(LINE, "hotlinetwo"), f.kernel.lines().stream().map(LineDefinition::line).toList());
        assertEquals("HT-620102-20260302-0001", f.kernel.create(f.dispatcher, "hotlinetwo",
                in("title", "第二条线", "category", "ROAD"), "REST").number());
        assertEquals("HL-620102-20260302-0001", f.draft("第一条线").number());
        second.close();
        assertEquals(List.of(LINE), f.kernel.lines().stream().map(LineDefinition::line).toList());
        // a stale registration closed again does not remove a newer one of the same line
        AutoCloseable third = f.kernel.register(HotlineFixture.definition("hotlinetwo", "HT"));
        second.close();
        assertEquals("hotlinetwo", f.kernel.line("hotlinetwo").line());
        third.close();
        refused("NOT_FOUND", () -> f.kernel.line("hotlinetwo"));
    }

    @Test
    public void twoLinesCannotShareANumberPrefix() {
        // business numbers are unique across lines: a second line numbering with HL would collide with the first
        try {
            f.kernel.register(HotlineFixture.definition("hotlinetwo", "HL"));
            fail("a second line with the prefix HL was registered");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("number prefix HL is already used by line hotline"));
        }
        assertEquals(List.of(LINE), f.kernel.lines().stream().map(LineDefinition::line).toList());
        assertEquals("HL-620102-20260302-0001", f.draft("一号").number());
    }
}
