package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.time.DayType;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ActionDef.ScopeRule;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.ClockDef.DeadlineRule;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.FieldDef.FieldType;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.api.workflow.WorklistDef;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The kernel on a real (in-memory Derby) database with the 110 spec's clock examples: guards and
 * their error codes, nothing written on refusal, numbering, audit trail, events, dispatch to
 * several units, cards at their thresholds, pause/resume shifting, extensions, worklists, queries,
 * statistics, attachments and the concurrency rule.
 */
public class WorkflowKernelTest {

    private static final String LINE = "demo";

    private EntityManagerFactory emf;
    private TestSupport.TestClock clock;
    private TestSupport.RecordingEvents events;
    private WorkflowServiceImpl kernel;
    private AutoCloseable registration;
    private Caller dispatcher;
    private Caller housing;
    private Caller market;
    private Caller otherCounty;
    private Unit housingUnit;
    private Unit marketUnit;

    @Before
    public void setUp() {
        emf = TestSupport.database();
        clock = new TestSupport.TestClock();
        events = new TestSupport.RecordingEvents();
        Caller root = TestSupport.globalAdmin();
        OrganizationServiceImpl org = new OrganizationServiceImpl(emf, clock, events, new ExtensionRegistry(),
                new CredentialCache());
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("620100", "兰州市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620102", "城关区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620103", "七里河区", "COUNTY", null, "620100", null, null));
        Unit centre = unit(org, root, "城关区派单中心", "620102");
        housingUnit = unit(org, root, "城关区住建局", "620102");
        marketUnit = unit(org, root, "城关区市场监管局", "620102");
        Unit qlh = unit(org, root, "七里河区住建局", "620103");
        CalendarServiceImpl calendars = new CalendarServiceImpl(emf, clock, events, org);
        calendars.initialise(root, null, 2026, 2026, false);
        calendars.setOfficeHours(root, null, "09:00-12:00,13:00-17:00");
        calendars.setDay(root, null, LocalDate.of(2026, 4, 6), DayType.NON_WORKING, "清明节");
        calendars.setDay(root, null, LocalDate.of(2026, 4, 11), DayType.WORKING, "调休上班");
        kernel = new WorkflowServiceImpl(emf, clock, calendars, events, TestSupport.config(true, false));
        registration = kernel.register(definition());
        dispatcher = new Caller(10, "disp", "派单员", centre.id(), centre.name(), "620102", Set.of("dispatcher"));
        housing = new Caller(11, "house", "住建", housingUnit.id(), housingUnit.name(), "620102", Set.of("handler"));
        market = new Caller(12, "market", "市场", marketUnit.id(), marketUnit.name(), "620102", Set.of("handler"));
        otherCounty = new Caller(13, "qlh", "七里河", qlh.id(), qlh.name(), "620103", Set.of("dispatcher", "handler"));
        events.topics.clear();
        at("2026-03-02T10:00:00+08:00"); // Monday
    }

    @After
    public void tearDown() throws Exception {
        registration.close();
        kernel.stopScanner();
        emf.close();
    }

    private static Unit unit(OrganizationServiceImpl org, Caller root, String name, String region) {
        return org.createUnit(root, new UnitInput(name, null, "DEPARTMENT", region, null, null, null, null, null));
    }

    static LineDefinition definition() {
        FieldDef unitId = FieldDef.of("unitId", "单位", "Unit", FieldType.UNIT).mandatory();
        return LineDefinition.builder(LINE, "演示", "Demo").numberPrefix("DM")
                .states(StateDef.of("DRAFT", "待派发", "Draft"), StateDef.of("DISPATCHED", "办理中", "Dispatched"),
                        StateDef.of("REVIEW", "待审核", "Review"), StateDef.terminal("CLOSED", "已办结", "Closed"))
                .assignmentStates(StateDef.of("PENDING_SIGN", "待签收", "Pending sign"),
                        StateDef.of("HANDLING", "办理中", "Handling"), StateDef.of("DISPUTED", "争议中", "Disputed"),
                        StateDef.of("DONE", "已反馈", "Done"))
                .createdBy("dispatcher").regionViewRoles("dispatcher")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory().withLength(2, 50),
                        FieldDef.of("phone", "电话", "Phone", FieldType.STRING).withPattern("^1[3-9]\\d{9}$"),
                        FieldDef.of("appealTime", "诉求时间", "Appeal time", FieldType.DATETIME).notInFuture(),
                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN))
                .clocks(ClockDef.of("sign", "签收", "Sign", DeadlineRule.officeMinutes(120)).forEachAssignment()
                                .whenUrgent("urgent", DeadlineRule.minutes(30)).withYellowCard(),
                        ClockDef.of("handling", "办理", "Handling", DeadlineRule.workingDaysOfficeEnd(3))
                                .forEachAssignment().deadlineFrom("handlingDeadline").redCardAfter(3))
                .actions(ActionDef.of("dispatch", "派发", "Dispatch").allowedFrom("DRAFT").leadsTo("DISPATCHED")
                                .allowedTo("dispatcher")
                                .withInput(FieldDef.of("unitIds", "单位", "Units", FieldType.UNIT_LIST).mandatory()
                                        .withRange(1, 10), FieldDef.of("handlingDeadline", "期限", "Deadline",
                                                FieldType.DATETIME).inFuture())
                                .withEffects(Effect.dispatch("unitIds", "LEAD", "PENDING_SIGN"), Effect.startClock("sign"),
                                        Effect.startClock("handling")),
                        ActionDef.of("sign", "签收", "Sign").allowedFrom("DISPATCHED").onAssignmentIn("PENDING_SIGN")
                                .assignmentTo("HANDLING").allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT)
                                .withEffects(Effect.stopClock("sign")),
                        ActionDef.of("dispute", "争议", "Dispute").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DISPUTED").allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.opinion()).withEffects(Effect.pauseClock("handling")),
                        ActionDef.of("reject_dispute", "驳回争议", "Reject dispute").allowedFrom("DISPATCHED")
                                .onAssignmentIn("DISPUTED").selectingAssignmentBy("unitId").assignmentTo("HANDLING")
                                .allowedTo("dispatcher").withInput(unitId, FieldDef.opinion())
                                .withEffects(Effect.resumeClock("handling")),
                        ActionDef.of("request_extension", "申请延期", "Request extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("newDeadline", "新期限", "New deadline", FieldType.DATETIME)
                                        .mandatory()).withEffects(Effect.requestExtension("handling", "newDeadline")),
                        ActionDef.of("reject_extension", "驳回延期", "Reject extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo("dispatcher")
                                .withInput(unitId).withEffects(Effect.denyExtension("handling")),
                        ActionDef.of("feedback", "反馈", "Feedback").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DONE").mayLeadTo("REVIEW").allowedTo("handler")
                                .withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("content", "结果", "Result", FieldType.TEXT).mandatory(),
                                        FieldDef.of("files", "附件", "Files", FieldType.ATTACHMENTS))
                                .withEffects(Effect.stopClock("handling"),
                                        Effect.whenAllAssignments(Set.of("DONE"), Set.of(), "REVIEW")),
                        ActionDef.of("close", "办结", "Close").allowedFrom("REVIEW").leadsTo("CLOSED").allowedTo("dispatcher"))
                .worklists(WorklistDef.region("drafts", "待派发", "Drafts", "DRAFT").forRoles("dispatcher"),
                        WorklistDef.unit("to_sign", "待签收", "To sign", "PENDING_SIGN").sortedBy("deadline")
                                .forRoles("handler"))
                .build();
    }

    private void at(String time) {
        clock.set(OffsetDateTime.parse(time).toInstant());
    }

    private static Map<String, Object> in(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private long draft(String title) {
        return kernel.create(dispatcher, LINE, in("title", title, "phone", "13912345678"), "REST").id();
    }

    private long dispatched(Object... extra) {
        long id = draft("路灯损坏");
        Map<String, Object> input = in(extra);
        input.put("unitIds", List.of(housingUnit.id(), marketUnit.id()));
        kernel.act(dispatcher, id, "dispatch", input, null, "REST");
        return id;
    }

    private static ItemView.Assignment part(ItemView item, Unit unit) {
        return item.assignments().stream().filter(a -> a.unitId() == unit.id()).findFirst().orElseThrow();
    }

    private static ItemView.Clock clockOf(ItemView.Assignment a, String name) {
        ItemView.Clock found = null;
        for (ItemView.Clock c : a.clocks()) {
            if (c.name().equals(name)) {
                found = c;
            }
        }
        return found;
    }

    private long auditRows() {
        return TestSupport.count(emf, "ItemAuditEntity");
    }

    @Test
    public void createNumbersItemsPerLineRegionAndDayAndAuditsThem() {
        ItemView first = kernel.create(dispatcher, LINE, in("title", "路灯损坏", "urgent", true), "REST");
        ItemView second = kernel.create(dispatcher, LINE, in("title", "井盖缺失"), "SOAP");
        assertEquals("DM-620102-20260302-0001", first.number());
        assertEquals("DM-620102-20260302-0002", second.number());
        assertEquals("DRAFT", first.state());
        assertEquals(Boolean.TRUE, first.fields().get("urgent"));
        assertEquals("create", first.auditTrail().get(0).action());
        assertEquals("disp", first.auditTrail().get(0).actor());
        assertEquals("SOAP", second.auditTrail().get(0).channel());
        assertEquals(List.of("demo.create", "demo.create"), events.topics);
    }

    @Test
    public void refusedCreatesNameTheFieldAndWriteNothing() {
        CivicException missing = refused("MISSING_FIELD:title", () -> kernel.create(dispatcher, LINE, in("phone", "1"), "REST"));
        assertEquals(List.of("title"), missing.details().get("fields"));
        refused("INVALID_VALUE:phone", () -> kernel.create(dispatcher, LINE, in("title", "标题", "phone", "12345"), "REST"));
        refused("INVALID_VALUE:title", () -> kernel.create(dispatcher, LINE, in("title", "x"), "REST"));
        refused("INVALID_VALUE:appealTime", () -> kernel.create(dispatcher, LINE,
                in("title", "标题", "appealTime", "2026-03-03T10:00:00+08:00"), "REST"));
        refused("INVALID_VALUE:urgent", () -> kernel.create(dispatcher, LINE, in("title", "标题", "urgent", "yes"), "REST"));
        refused("FORBIDDEN", () -> kernel.create(housing, LINE, in("title", "标题"), "REST"));
        refused("NOT_FOUND", () -> kernel.create(dispatcher, "nosuchline", in("title", "标题"), "REST"));
        assertEquals(0, TestSupport.count(emf, "WorkItemEntity"));
        assertEquals(0, auditRows());
        assertEquals(List.of(), events.topics);
    }

    @Test
    public void dispatchCreatesOneAssignmentPerUnitWithTheSpecsDeadlines() {
        long id = dispatched();
        ItemView item = kernel.get(dispatcher, id);
        assertEquals("DISPATCHED", item.state());
        assertEquals(2, item.assignments().size());
        ItemView.Assignment a = part(item, housingUnit);
        assertEquals("PENDING_SIGN", a.state());
        assertEquals(OffsetDateTime.parse("2026-03-02T12:00:00+08:00"), clockOf(a, "sign").deadline());
        assertEquals(OffsetDateTime.parse("2026-03-05T17:00:00+08:00"), clockOf(a, "handling").deadline());
        assertEquals(120L, clockOf(a, "sign").remainingMinutes().longValue());
        // Friday 16:30 → Monday 10:30; urgent: 30 clock minutes.
        at("2026-03-06T16:30:00+08:00");
        long friday = dispatched();
        assertEquals(OffsetDateTime.parse("2026-03-09T10:30:00+08:00"),
                clockOf(part(kernel.get(dispatcher, friday), marketUnit), "sign").deadline());
        at("2026-03-02T10:00:00+08:00");
        long urgent = kernel.create(dispatcher, LINE, in("title", "燃气泄漏", "urgent", true), "REST").id();
        kernel.act(dispatcher, urgent, "dispatch", in("unitIds", List.of(housingUnit.id())), null, "REST");
        assertEquals(OffsetDateTime.parse("2026-03-02T10:30:00+08:00"),
                clockOf(part(kernel.get(dispatcher, urgent), housingUnit), "sign").deadline());
        Map<String, Object> details = item.auditTrail().get(1).details();
        assertEquals(2, ((List<?>) details.get("assigned")).size());
        assertEquals(4, ((List<?>) details.get("clocks")).size());
    }

    @Test
    public void deadlinesSkipHolidaysAndCountMakeUpSaturdays() {
        at("2026-04-03T10:00:00+08:00"); // Friday before 清明 (Monday 6 April off)
        long id = draft("清明前派发");
        kernel.act(dispatcher, id, "dispatch", in("unitIds", List.of(housingUnit.id())), null, "REST");
        // Working days after Friday: Tuesday 7, Wednesday 8, Thursday 9.
        assertEquals(OffsetDateTime.parse("2026-04-09T17:00:00+08:00"),
                clockOf(part(kernel.get(dispatcher, id), housingUnit), "handling").deadline());
        at("2026-04-09T10:00:00+08:00"); // Thursday; Saturday 11 April is a make-up working day
        long id2 = draft("调休前派发");
        kernel.act(dispatcher, id2, "dispatch", in("unitIds", List.of(housingUnit.id())), null, "REST");
        // Friday 10, Saturday 11 (worked), Monday 13.
        assertEquals(OffsetDateTime.parse("2026-04-13T17:00:00+08:00"),
                clockOf(part(kernel.get(dispatcher, id2), housingUnit), "handling").deadline());
    }

    @Test
    public void guardsAnswerTheSpecsCodesAndRefusalsWriteNothing() {
        long id = dispatched();
        long rows = auditRows();
        int published = events.topics.size();
        refused("NOT_FOUND", () -> kernel.get(otherCounty, id));
        refused("NOT_FOUND", () -> kernel.act(otherCounty, id, "sign", in(), null, "REST"));
        refused("NOT_FOUND", () -> kernel.act(dispatcher, id, "no_such_action", in(), null, "REST"));
        refused("FORBIDDEN", () -> kernel.act(dispatcher, id, "sign", in(), null, "REST"));
        refused("INVALID_STATE", () -> kernel.act(dispatcher, id, "dispatch", in("unitIds", List.of(housingUnit.id())),
                null, "REST"));
        refused("INVALID_STATE", () -> kernel.act(housing, id, "feedback", in("content", "好"), null, "REST"));
        refused("MISSING_FIELD:unitId", () -> kernel.act(dispatcher, id, "reject_dispute", in("opinion", "否"), null, "REST"));
        refused("INVALID_STATE", () -> kernel.act(dispatcher, id, "reject_dispute",
                in("unitId", housingUnit.id(), "opinion", "否"), null, "REST"));
        long version = kernel.get(housing, id).version();
        refused("CONFLICT", () -> kernel.act(housing, id, "sign", in(), version - 1, "REST"));
        assertEquals(rows, auditRows());
        assertEquals(published, events.topics.size());
        assertEquals("PENDING_SIGN", part(kernel.get(dispatcher, id), housingUnit).state());

        kernel.act(housing, id, "sign", in(), version, "REST");
        refused("INVALID_STATE", () -> kernel.act(housing, id, "sign", in(), null, "REST"));
        refused("MISSING_FIELD:content", () -> kernel.act(housing, id, "feedback", in(), null, "REST"));
        // A handler of a unit without a part in the item sees it (same region rule does not apply to
        // handlers) only through an assignment: the qlh handler sees nothing, the market handler acts
        // only on its own part.
        refused("INVALID_STATE", () -> kernel.act(market, id, "feedback", in("content", "好"), null, "REST"));
        assertEquals(List.of("sign"), kernel.get(market, id).availableActions().stream().map(ItemView.Action::id).toList());
        assertTrue(kernel.get(housing, id).availableActions().stream().anyMatch(a -> a.id().equals("feedback")));
    }

    @Test
    public void lastFeedbackMovesTheItemAndEventsFollowCommits() {
        long id = dispatched();
        kernel.act(housing, id, "sign", in(), null, "REST");
        kernel.act(market, id, "sign", in(), null, "REST");
        assertEquals("DISPATCHED", kernel.act(housing, id, "feedback", in("content", "已修复"), null, "REST").state());
        ItemView done = kernel.act(market, id, "feedback", in("content", "已配合"), null, "REST");
        assertEquals("REVIEW", done.state());
        assertEquals("DONE", part(done, marketUnit).state());
        assertEquals("STOPPED", clockOf(part(done, marketUnit), "handling").status());
        ItemView closed = kernel.act(dispatcher, id, "close", in(), null, "REST");
        assertTrue(closed.terminal());
        assertEquals(OffsetDateTime.parse("2026-03-02T10:00:00+08:00"), closed.closedAt());
        assertEquals(List.of("demo.dispatch", "demo.sign", "demo.sign", "demo.feedback", "demo.feedback", "demo.close"),
                events.topics.subList(1, events.topics.size()));
        ItemView.AuditEntry last = closed.auditTrail().get(closed.auditTrail().size() - 1);
        assertEquals("REVIEW", last.fromState());
        assertEquals("CLOSED", last.toState());
    }

    @Test
    public void cardsAreRaisedOnceAtTheirThresholdsNotAtScanTime() {
        long id = dispatched();
        kernel.act(housing, id, "sign", in(), null, "REST");           // housing signs in time
        at("2026-03-02T15:00:00+08:00");                                // scan three hours after the sign deadline
        assertEquals(1, kernel.raiseDueCards());
        assertEquals(0, kernel.raiseDueCards());
        ItemView item = kernel.get(dispatcher, id);
        assertEquals(1, item.cards().size());
        ItemView.Card yellow = item.cards().get(0);
        assertEquals("YELLOW", yellow.colour());
        assertEquals("sign", yellow.clock());
        assertEquals(Long.valueOf(marketUnit.id()), yellow.unitId());
        assertEquals(OffsetDateTime.parse("2026-03-02T12:00:00+08:00"), yellow.raisedAt());
        assertTrue(events.topics.contains("card.yellow"));
        assertTrue(events.topics.contains("demo.yellow_card"));
        assertEquals("yellow_card", item.auditTrail().get(item.auditTrail().size() - 1).action());

        kernel.act(market, id, "sign", in(), null, "REST");
        at("2026-03-11T09:00:00+08:00");
        kernel.raiseDueCards();
        item = kernel.get(dispatcher, id);
        // Handling: yellow Thursday 5 March 17:00, red three working days later, Tuesday 10 March 17:00.
        List<String> cards = item.cards().stream().map(c -> c.clock() + " " + c.colour() + " " + c.unitId() + " "
                + c.raisedAt()).toList();
        assertTrue(cards.toString(), cards.contains("handling YELLOW " + housingUnit.id() + " 2026-03-05T17:00+08:00"));
        assertTrue(cards.toString(), cards.contains("handling RED " + marketUnit.id() + " 2026-03-10T17:00+08:00"));
        assertEquals(5, cards.size());
        assertEquals(1, kernel.query(dispatcher, LINE, new ItemQuery(null, null, null, null, null, null, "RED", null,
                null, 0, 10)).total());
    }

    @Test
    public void aClockStoppedBeforeItsDeadlineRaisesNothing() {
        long id = dispatched();
        kernel.act(housing, id, "sign", in(), null, "REST");
        kernel.act(market, id, "sign", in(), null, "REST");
        at("2026-03-05T16:59:59+08:00");
        kernel.act(housing, id, "feedback", in("content", "按期"), null, "REST");
        kernel.act(market, id, "feedback", in("content", "按期"), null, "REST");
        at("2026-03-20T10:00:00+08:00");
        assertEquals(0, kernel.raiseDueCards());
        assertEquals(List.of(), kernel.get(dispatcher, id).cards());
    }

    @Test
    public void disputeFreezesTheHandlingClockAndResumingShiftsItByTheOfficeTimeLeft() {
        at("2026-03-02T10:00:00+08:00");
        long id = draft("争议");
        kernel.act(dispatcher, id, "dispatch", in("unitIds", List.of(housingUnit.id())), null, "REST");
        kernel.act(housing, id, "sign", in(), null, "REST");
        at("2026-03-03T10:00:00+08:00");
        ItemView paused = kernel.act(housing, id, "dispute", in("opinion", "非本单位职责"), null, "REST");
        assertEquals("PAUSED", clockOf(part(paused, housingUnit), "handling").status());
        at("2026-03-06T09:00:00+08:00");
        assertEquals("a paused clock raises no card", 0, kernel.raiseDueCards());
        at("2026-03-04T15:00:00+08:00");
        ItemView resumed = kernel.act(dispatcher, id, "reject_dispute", in("unitId", housingUnit.id(), "opinion", "属实"),
                null, "REST");
        // 1200 office minutes were left; from Wednesday 15:00 they end Monday 9 March 14:00 (linkage-110 §6.2).
        assertEquals(OffsetDateTime.parse("2026-03-09T14:00:00+08:00"), clockOf(part(resumed, housingUnit), "handling").deadline());
        assertEquals("HANDLING", part(resumed, housingUnit).state());
    }

    @Test
    public void aPendingExtensionHoldsTheYellowCardBackUntilItIsDenied() {
        long id = draft("延期");
        kernel.act(dispatcher, id, "dispatch", in("unitIds", List.of(housingUnit.id())), null, "REST");
        kernel.act(housing, id, "sign", in(), null, "REST");
        at("2026-03-05T10:00:00+08:00");
        refused("INVALID_VALUE:newDeadline", () -> kernel.act(housing, id, "request_extension",
                in("newDeadline", "2026-03-05T12:00:00+08:00"), null, "REST"));
        kernel.act(housing, id, "request_extension", in("newDeadline", "2026-03-10T17:00:00+08:00"), null, "REST");
        refused("REQUEST_PENDING", () -> kernel.act(housing, id, "request_extension",
                in("newDeadline", "2026-03-11T17:00:00+08:00"), null, "REST"));
        at("2026-03-06T11:00:00+08:00");
        assertEquals(0, kernel.raiseDueCards());
        kernel.act(dispatcher, id, "reject_extension", in("unitId", housingUnit.id()), null, "REST");
        kernel.raiseDueCards();
        ItemView item = kernel.get(dispatcher, id);
        assertEquals(1, item.cards().size());
        assertEquals(OffsetDateTime.parse("2026-03-06T11:00:00+08:00"), item.cards().get(0).raisedAt());
        refused("DEADLINE_PASSED", () -> kernel.act(housing, id, "request_extension",
                in("newDeadline", "2026-03-20T17:00:00+08:00"), null, "REST"));
    }

    @Test
    public void worklistsQueriesAndStatisticsSeeOnlyTheCallersScope() {
        long a = dispatched();
        draft("草稿一");
        kernel.act(housing, a, "sign", in(), null, "REST");
        assertEquals(Map.of("drafts", 1L), kernel.worklistCounts(dispatcher, LINE));
        assertEquals(Map.of("to_sign", 0L), kernel.worklistCounts(housing, LINE));
        assertEquals(Map.of("to_sign", 1L), kernel.worklistCounts(market, LINE));
        assertEquals(a, kernel.worklist(market, LINE, "to_sign", ItemQuery.all(0, 10)).items().get(0).id());
        refused("FORBIDDEN", () -> kernel.worklist(market, LINE, "drafts", ItemQuery.all(0, 10)));
        refused("NOT_FOUND", () -> kernel.worklist(market, LINE, "nope", ItemQuery.all(0, 10)));
        assertEquals(2, kernel.query(dispatcher, LINE, ItemQuery.all(0, 10)).total());
        assertEquals(1, kernel.query(dispatcher, LINE, ItemQuery.all(0, 1)).items().size());
        assertEquals(1, kernel.query(housing, LINE, ItemQuery.all(0, 10)).total());
        assertEquals(0, kernel.query(otherCounty, LINE, ItemQuery.all(0, 10)).total());
        assertEquals(1, kernel.query(dispatcher, LINE, new ItemQuery("DRAFT", null, null, null, null, null, null, "草稿",
                null, 0, 10)).total());
        assertEquals(1, kernel.query(dispatcher, LINE, new ItemQuery(null, null, null, marketUnit.id(), null, null, null,
                null, "number", 0, 10)).total());
        assertEquals(1, kernel.query(dispatcher, LINE, new ItemQuery(null, "HANDLING", "620102", null, null, null, null,
                null, null, 0, 10)).total());
        refused("INVALID_VALUE:sort", () -> kernel.query(dispatcher, LINE, new ItemQuery(null, null, null, null, null,
                null, null, null, "colour", 0, 10)));

        Statistic byState = kernel.statistic(dispatcher, LINE, "by-state", ItemQuery.all(0, 1));
        assertEquals(2, byState.total().total());
        assertEquals(2, byState.rows().size());
        Statistic byUnit = kernel.statistic(dispatcher, LINE, "by-unit", ItemQuery.all(0, 1));
        assertEquals(List.of(housingUnit.name(), marketUnit.name()),
                byUnit.rows().stream().map(Statistic.Row::label).sorted().toList());
        Statistic byRegion = kernel.statistic(TestSupport.globalAdmin(), LINE, "by-region",
                new ItemQuery(null, null, "620100", null, null, null, null, null, null, 0, 1));
        assertEquals("城关区", byRegion.rows().get(0).label());
        assertEquals(0, kernel.statistic(otherCounty, LINE, "by-day", ItemQuery.all(0, 1)).total().total());
        refused("NOT_FOUND", () -> kernel.statistic(dispatcher, LINE, "by-weather", ItemQuery.all(0, 1)));
    }

    @Test
    public void attachmentsAreStoredByChecksumAndClaimedOnceByAnAction() throws Exception {
        long id = dispatched();
        kernel.act(housing, id, "sign", in(), null, "REST");
        byte[] content = "现场照片".getBytes(StandardCharsets.UTF_8);
        ItemView.Attachment att = kernel.attach(housing, id, "照片.png", "image/png", new ByteArrayInputStream(content));
        assertEquals(64, att.sha256().length());
        assertEquals(content.length, att.size());
        assertNull(att.auditId());
        refused("INVALID_VALUE:file", () -> kernel.attach(housing, id, "run.exe", "application/x-msdownload",
                new ByteArrayInputStream(content)));
        refused("INVALID_VALUE:file", () -> kernel.attach(housing, id, "big.pdf", "application/pdf",
                new ByteArrayInputStream(new byte[2 * 1024 * 1024])));
        refused("NOT_FOUND", () -> kernel.attach(otherCounty, id, "a.png", "image/png", new ByteArrayInputStream(content)));
        assertEquals("现场照片", new String(java.nio.file.Files.readAllBytes(kernel.attachment(housing, id, att.id()).file()),
                StandardCharsets.UTF_8));
        refused("NOT_FOUND", () -> kernel.attachment(otherCounty, id, att.id()));
        ItemView after = kernel.act(housing, id, "feedback", in("content", "已处理", "files", List.of(att.id())), null, "REST");
        assertTrue(after.attachments().get(0).auditId() != null);
        kernel.act(market, id, "sign", in(), null, "REST");
        refused("INVALID_VALUE:files", () -> kernel.act(market, id, "feedback", in("content", "再用", "files",
                List.of(att.id())), null, "REST"));
    }

    @Test
    public void twentyConcurrentActionsOnOneItemLetExactlyOneSucceed() throws Exception {
        long id = dispatched();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> {
                start.await();
                try {
                    kernel.act(housing, id, "sign", in(), null, "REST");
                    return "OK";
                } catch (CivicException e) {
                    return e.code();
                }
            });
        }
        List<Future<String>> results = new ArrayList<>();
        for (Callable<String> t : tasks) {
            results.add(pool.submit(t));
        }
        start.countDown();
        int ok = 0;
        for (Future<String> f : results) {
            String r = f.get();
            assertTrue(r, r.equals("OK") || r.equals("CONFLICT") || r.equals("INVALID_STATE"));
            ok += r.equals("OK") ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, ok);
        long signs = kernel.get(dispatcher, id).auditTrail().stream().filter(e -> e.action().equals("sign")).count();
        assertEquals(1, signs);
    }

    @Test
    public void definitionsAreCheckedAndUnregisteredLinesKeepTheirItemsReadable() throws Exception {
        LineDefinition d = definition();
        try {
            kernel.register(d);
            throw new AssertionError("a second registration of the same line was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("already registered"));
        }
        LineDefinition broken = LineDefinition.builder("broken", "坏", "Broken").createdBy("x")
                .states(StateDef.of("A", "甲", "A"), StateDef.of("B", "乙", "B"))
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING)).build();
        try {
            kernel.register(broken);
            throw new AssertionError("a definition with an unreachable state was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("state B cannot be reached from A"));
        }
        long id = draft("保留");
        registration.close();
        registration = () -> { };
        ItemView kept = kernel.get(dispatcher, id);
        assertEquals("DRAFT", kept.state());
        assertEquals(false, kept.lineAvailable());
        refused("LINE_NOT_INSTALLED", () -> kernel.act(dispatcher, id, "dispatch", in("unitIds", List.of(housingUnit.id())),
                null, "REST"));
        refused("NOT_FOUND", () -> kernel.worklistCounts(dispatcher, LINE));
    }
}
