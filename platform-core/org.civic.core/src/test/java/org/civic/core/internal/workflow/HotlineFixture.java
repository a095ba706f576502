package org.civic.core.internal.workflow;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
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
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorklistDef;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small 110-like line ("hotline") on a real in-memory database, a province → city → county region
 * tree with units and callers, and the global 2026 working calendar of {@code data/calendar.json}
 * (public holidays and make-up working days) with the 110 spec's office hours 09:00-12:00,13:00-17:00.
 * Shared by the kernel's test classes; each test builds a fresh one and closes it.
 */
final class HotlineFixture implements AutoCloseable {

    static final String LINE = "hotline";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    final EntityManagerFactory emf;
    final TestSupport.TestClock clock = new TestSupport.TestClock();
    final Events events = new Events();
    final OrganizationServiceImpl org;
    final CalendarServiceImpl calendars;
    final WorkflowServiceImpl kernel;
    AutoCloseable registration;

    final Unit provinceCentre;
    final Unit cityCentre;
    final Unit cityUrban;
    final Unit centre;
    final Unit inspection;
    final Unit housing;
    final Unit market;
    final Unit water;
    final Unit qlhCentre;
    final Unit qlhHousing;
    final Unit qinzhou;

    /** Province dispatcher (sees everything of 620000). */
    final Caller province;
    /** City-level handler of 兰州市城管委. */
    final Caller cityHandler;
    /** The county's dispatcher (城关区指挥中心, 620102). */
    final Caller dispatcher;
    /** A second dispatcher of the same county centre. */
    final Caller dispatcher2;
    /** City dispatcher: sees the county's items, but did not create them. */
    final Caller cityDispatcher;
    /** Sees the county's items (region view role) but may take no action. */
    final Caller auditor;
    final Caller housingHandler;
    final Caller marketHandler;
    final Caller waterHandler;
    /** 七里河区's dispatcher and handler: another county. */
    final Caller otherCounty;
    final Caller otherCountyHandler;
    /** The county centre with both roles: sees by region, holds nothing. */
    final Caller centreHandler;

    HotlineFixture() {
        emf = TestSupport.database();
        Caller root = TestSupport.globalAdmin();
        org = new OrganizationServiceImpl(emf, clock, events, new ExtensionRegistry(), new CredentialCache());
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("620100", "兰州市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620102", "城关区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620103", "七里河区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620500", "天水市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620502", "秦州区", "COUNTY", null, "620500", null, null));
        provinceCentre = unit(root, "省指挥中心", "620000");
        cityCentre = unit(root, "兰州市指挥中心", "620100");
        cityUrban = unit(root, "兰州市城管委", "620100");
        centre = unit(root, "城关区指挥中心", "620102");
        inspection = unit(root, "城关区督查室", "620102");
        housing = unit(root, "城关区住建局", "620102");
        market = unit(root, "城关区市场监管局", "620102");
        water = unit(root, "城关区水务局", "620102");
        qlhCentre = unit(root, "七里河区指挥中心", "620103");
        qlhHousing = unit(root, "七里河区住建局", "620103");
        qinzhou = unit(root, "秦州区城管局", "620502");
        calendars = new CalendarServiceImpl(emf, clock, events, org);
        loadCalendar(root);
        kernel = new WorkflowServiceImpl(emf, clock, calendars, events, TestSupport.config(false, false));
        registration = kernel.register(definition());

        province = caller(100, "prov", provinceCentre, "dispatcher");
        cityDispatcher = caller(101, "citydisp", cityCentre, "dispatcher");
        cityHandler = caller(102, "cityurban", cityUrban, "handler");
        dispatcher = caller(103, "disp", centre, "dispatcher");
        dispatcher2 = caller(104, "disp2", centre, "dispatcher");
        auditor = caller(105, "audit", inspection, "auditor");
        housingHandler = caller(106, "house", housing, "handler");
        marketHandler = caller(107, "market", market, "handler");
        waterHandler = caller(108, "water", water, "handler");
        otherCounty = caller(109, "qlh", qlhCentre, "dispatcher");
        otherCountyHandler = caller(110, "qlhhouse", qlhHousing, "handler");
        centreHandler = caller(111, "centrehand", centre, "dispatcher", "handler");
        events.clear();
        events.emf = emf;
        at("2026-03-02 10:00"); // a Monday
    }

    @Override
    public void close() throws Exception {
        try {
            if (registration != null) {
                registration.close();
            }
        } finally {
            kernel.stopScanner();
            emf.close();
        }
    }

    private Unit unit(Caller root, String name, String region) {
        return org.createUnit(root, new UnitInput(name, null, "DEPARTMENT", region, null, null, null, null, null));
    }

    private static Caller caller(long id, String login, Unit unit, String... roles) {
        return new Caller(id, login, login + "名", unit.id(), unit.name(), unit.regionCode(), Set.of(roles));
    }

    /** The 2026 days of the platform's own calendar file, on the global calendar. */
    private void loadCalendar(Caller root) {
        calendars.initialise(root, null, 2026, 2026, false);
        calendars.setOfficeHours(root, null, "09:00-12:00,13:00-17:00");
        try (InputStream in = HotlineFixture.class.getClassLoader().getResourceAsStream("data/calendar.json")) {
            JsonNode json = new ObjectMapper().readTree(in);
            int days = 0;
            for (JsonNode cal : json.get("calendars")) {
                if (cal.hasNonNull("regionCode")) {
                    continue;
                }
                for (JsonNode d : cal.get("days")) {
                    LocalDate date = LocalDate.parse(d.get("date").asText());
                    if (date.getYear() == 2026) {
                        calendars.setDay(root, null, date, DayType.valueOf(d.get("dayType").asText()),
                                d.get("note").asText());
                        days++;
                    }
                }
            }
            if (days < 10) {
                throw new IllegalStateException("data/calendar.json holds no 2026 holidays");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LineDefinition definition() {
        return definition(LINE);
    }

    /** The test line; {@code id} lets a test register a second copy under another id. */
    static LineDefinition definition(String id) {
        return definition(id, "HL");
    }

    static LineDefinition definition(String id, String prefix) {
        FieldDef unitId = FieldDef.of("unitId", "单位", "Unit", FieldType.UNIT).mandatory();
        return LineDefinition.builder(id, "热线", "Hotline").numberPrefix(prefix)
                .states(StateDef.of("DRAFT", "待派发", "Draft"), StateDef.of("DISPATCHED", "办理中", "Dispatched"),
                        StateDef.of("REVIEW", "待审核", "Review"), StateDef.terminal("CLOSED", "已办结", "Closed"),
                        StateDef.terminal("MERGED", "已并案", "Merged"))
                .assignmentStates(StateDef.of("PENDING_SIGN", "待签收", "Pending sign"),
                        StateDef.of("HANDLING", "办理中", "Handling"), StateDef.of("DISPUTED", "争议中", "Disputed"),
                        StateDef.of("DONE", "已反馈", "Done"))
                .createdBy("dispatcher").regionViewRoles("dispatcher", "auditor")
                .createFields(FieldDef.of("title", "标题", "Title", FieldType.STRING).mandatory().withLength(2, 50),
                        FieldDef.of("category", "类别", "Category", FieldType.ENUM).mandatory()
                                .withValues("ROAD", "WATER", "NOISE"),
                        FieldDef.of("phone", "电话", "Phone", FieldType.STRING).withPattern("^1[3-9]\\d{9}$"),
                        FieldDef.of("appealTime", "诉求时间", "Appeal time", FieldType.DATETIME).notInFuture(),
                        FieldDef.of("urgent", "紧急", "Urgent", FieldType.BOOLEAN),
                        FieldDef.of("persons", "人数", "Persons", FieldType.INTEGER).withRange(0, 50),
                        FieldDef.of("amount", "金额", "Amount", FieldType.DECIMAL).withRange(0, 10000),
                        FieldDef.of("visitDate", "回访日期", "Visit date", FieldType.DATE).inFuture())
                .clocks(ClockDef.of("sign", "签收时限", "Sign", DeadlineRule.officeMinutes(120)).forEachAssignment()
                                .whenUrgent("urgent", DeadlineRule.minutes(30)).withYellowCard(),
                        ClockDef.of("handling", "办理时限", "Handling", DeadlineRule.workingDaysOfficeEnd(3))
                                .forEachAssignment().whenUrgent("urgent", DeadlineRule.minutes(1440))
                                .deadlineFrom("handlingDeadline").redCardAfter(3))
                .actions(ActionDef.of("dispatch", "派发", "Dispatch").allowedFrom("DRAFT").leadsTo("DISPATCHED")
                                .allowedTo("dispatcher")
                                .withInput(FieldDef.of("unitIds", "承办单位", "Units", FieldType.UNIT_LIST).mandatory()
                                                .withRange(1, 3),
                                        FieldDef.of("handlingDeadline", "办理期限", "Deadline", FieldType.DATETIME)
                                                .inFuture(),
                                        FieldDef.of("opinion", "意见", "Opinion", FieldType.TEXT))
                                .withEffects(Effect.dispatch("unitIds", "LEAD", "PENDING_SIGN"), Effect.startClock("sign"),
                                        Effect.startClock("handling"))
                                .withHandler(HotlineFixture::dispatchHandler),
                        ActionDef.of("assign_lead", "交办", "Assign lead").allowedFrom("DRAFT").leadsTo("DISPATCHED")
                                .allowedTo("dispatcher")
                                .withInput(FieldDef.of("leadUnitId", "牵头单位", "Lead unit", FieldType.UNIT).mandatory())
                                .withEffects(Effect.assign("leadUnitId", "LEAD", "HANDLING"),
                                        Effect.startClock("handling")),
                        ActionDef.of("transfer_down", "下转", "Transfer down").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("targetUnitId", "接收单位", "Target", FieldType.UNIT).mandatory(),
                                        FieldDef.opinion())
                                .withEffects(Effect.transferDown("targetUnitId")),
                        ActionDef.of("return_up", "退回", "Return").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .allowedTo("handler").withScope(ScopeRule.HOLDER_UNIT).withInput(FieldDef.opinion())
                                .withEffects(Effect.returnUp()),
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
                                        .mandatory().inFuture(),
                                        FieldDef.of("reason", "理由", "Reason", FieldType.TEXT).mandatory())
                                .withEffects(Effect.requestExtension("handling", "newDeadline")),
                        ActionDef.of("approve_extension", "同意延期", "Approve extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo("dispatcher")
                                .withInput(unitId).withEffects(Effect.grantExtension("handling")),
                        ActionDef.of("deny_extension", "驳回延期", "Deny extension").allowedFrom("DISPATCHED")
                                .onAssignmentIn("HANDLING").selectingAssignmentBy("unitId").allowedTo("dispatcher")
                                .withInput(unitId, FieldDef.opinion()).withEffects(Effect.denyExtension("handling")),
                        ActionDef.of("feedback", "反馈", "Feedback").allowedFrom("DISPATCHED").onAssignmentIn("HANDLING")
                                .assignmentTo("DONE").mayLeadTo("REVIEW").allowedTo("handler")
                                .withScope(ScopeRule.HOLDER_UNIT)
                                .withInput(FieldDef.of("content", "办理结果", "Result", FieldType.TEXT).mandatory()
                                                .withLength(2, 500),
                                        FieldDef.of("files", "附件", "Files", FieldType.ATTACHMENTS))
                                .withEffects(Effect.stopClock("handling"),
                                        Effect.whenAllAssignments(Set.of("DONE"), Set.of(), "REVIEW")),
                        ActionDef.of("close", "办结", "Close").allowedFrom("REVIEW").leadsTo("CLOSED")
                                .allowedTo("dispatcher").withScope(ScopeRule.CREATOR_UNIT).withInput(FieldDef.opinion()),
                        ActionDef.of("merge", "并案", "Merge").allowedFrom("DRAFT").leadsTo("MERGED")
                                .allowedTo("dispatcher")
                                .withInput(FieldDef.of("intoItemId", "并入", "Into", FieldType.ITEM).mandatory())
                                .withEffects(Effect.link("merged-into", "intoItemId")))
                .worklists(WorklistDef.region("drafts", "待派发", "Drafts", "DRAFT").forRoles("dispatcher"),
                        WorklistDef.region("in_progress", "办理中", "In progress", "DISPATCHED").sortedBy("deadline")
                                .forRoles("dispatcher", "auditor"),
                        WorklistDef.unit("to_sign", "待签收", "To sign", "PENDING_SIGN").sortedBy("deadline")
                                .forRoles("handler"),
                        WorklistDef.unit("handling", "办理中", "Handling", "HANDLING", "DISPUTED").forRoles("handler"),
                        WorklistDef.unit("mine", "我的", "Mine"))
                .build();
    }

    /**
     * The line's Java: records how many units got the item, refuses an urgent dispatch to more than two
     * units (URGENT_TOO_MANY_UNITS) after the effects ran, and notes the first sign deadline.
     */
    static void dispatchHandler(org.civic.core.api.workflow.ActionContext ctx) {
        int n = ctx.created().size();
        ctx.setField("unitCount", n);
        org.civic.core.api.workflow.ActionContext.Clock sign = ctx.clock(ctx.created().get(0), "sign");
        ctx.note("handler", Map.of("units", n, "state", ctx.state(), "signRunning", sign.running(),
                "signDeadline", sign.deadline().toString()));
        if (Boolean.TRUE.equals(ctx.field("urgent")) && n > 2) {
            throw new CivicException(409, "URGENT_TOO_MANY_UNITS", "An urgent item goes to at most two units");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Sets the clock to a local Asia/Shanghai time, "2026-03-02 10:00". */
    void at(String local) {
        clock.set(t(local).toInstant());
    }

    static OffsetDateTime t(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atOffset(CST);
    }

    static Instant instant(String local) {
        return t(local).toInstant();
    }

    static Map<String, Object> in(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    ItemView draft(String title, Object... extra) {
        Map<String, Object> input = in(extra);
        input.put("title", title);
        input.putIfAbsent("category", "ROAD");
        return kernel.create(dispatcher, LINE, input, "REST");
    }

    /** A draft dispatched to the given units by the county dispatcher. */
    long dispatched(Unit... units) {
        return dispatchedWith(Map.of(), units);
    }

    long dispatchedWith(Map<String, Object> createExtra, Unit... units) {
        Map<String, Object> input = new HashMap<>(createExtra);
        input.put("title", createExtra.getOrDefault("title", "路灯损坏"));
        input.put("category", "ROAD");
        long id = kernel.create(dispatcher, LINE, input, "REST").id();
        List<Long> ids = new ArrayList<>();
        for (Unit u : units) {
            ids.add(u.id());
        }
        kernel.act(dispatcher, id, "dispatch", in("unitIds", ids), null, "REST");
        return id;
    }

    ItemView act(Caller c, long id, String action, Object... kv) {
        return kernel.act(c, id, action, in(kv), null, "REST");
    }

    ItemView view(long id) {
        return kernel.get(TestSupport.globalAdmin(), id);
    }

    static ItemView.Assignment part(ItemView item, Unit unit) {
        return item.assignments().stream().filter(a -> a.unitId() == unit.id()).findFirst()
                .orElseThrow(() -> new AssertionError("no assignment of " + unit.name()));
    }

    static ItemView.Clock clockOf(ItemView.Assignment a, String name) {
        ItemView.Clock found = null;
        for (ItemView.Clock c : a.clocks()) {
            if (c.name().equals(name)) {
                found = c;
            }
        }
        if (found == null) {
            throw new AssertionError("no clock " + name + " on " + a.unitName());
        }
        return found;
    }

    OffsetDateTime deadline(long id, Unit unit, String clockName) {
        return clockOf(part(view(id), unit), clockName).deadline();
    }

    long count(String entity) {
        return TestSupport.count(emf, entity);
    }

    /** What a refused request must leave alone: row counts of every workflow table, events, the item. */
    Snapshot snapshot(long itemId) {
        return new Snapshot(this, itemId);
    }

    static ItemView.AuditEntry last(ItemView item) {
        return item.auditTrail().get(item.auditTrail().size() - 1);
    }

    /** Counts of what a request could write, taken before it; {@link #unchanged} compares after it. */
    static final class Snapshot {
        private static final String[] TABLES = {"WorkItemEntity", "ItemAuditEntity", "AssignmentEntity", "ClockEntity",
            "CardEntity", "ItemLinkEntity", "AttachmentEntity"};
        private final HotlineFixture f;
        private final long itemId;
        private final Map<String, Long> rows = new HashMap<>();
        private final int events;
        private final ItemView before;

        Snapshot(HotlineFixture f, long itemId) {
            this.f = f;
            this.itemId = itemId;
            for (String t : TABLES) {
                rows.put(t, f.count(t));
            }
            events = f.events.topics.size();
            before = itemId == 0 ? null : f.view(itemId);
        }

        void unchanged() {
            for (String t : TABLES) {
                assertEquals(t + " rows", rows.get(t), Long.valueOf(f.count(t)));
            }
            assertEquals("events published", events, f.events.topics.size());
            if (before != null) {
                ItemView now = f.view(itemId);
                assertEquals(before.state(), now.state());
                assertEquals(before.version(), now.version());
                assertEquals(before.fields(), now.fields());
                assertEquals(before.assignments(), now.assignments());
                assertEquals(before.updatedAt(), now.updatedAt());
                assertEquals(before.auditTrail().size(), now.auditTrail().size());
            }
        }
    }

    /**
     * Records each event with its payload and, read in a fresh EntityManager at publish time, how many
     * audit entries of the event's item were committed then (proof that publishing follows the commit).
     */
    static final class Events implements EventPublisher {
        final List<String> topics = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> payloads = new CopyOnWriteArrayList<>();
        final List<Long> committedAuditRows = new CopyOnWriteArrayList<>();
        volatile EntityManagerFactory emf;

        @Override
        public void publish(String topic, Map<String, Object> payload) {
            topics.add(topic);
            payloads.add(payload);
            Object item = payload.get("itemId");
            if (emf != null && item instanceof Number n) {
                EntityManager em = emf.createEntityManager();
                try {
                    committedAuditRows.add(em.createQuery("SELECT COUNT(a) FROM ItemAuditEntity a WHERE a.itemId = :i",
                            Long.class).setParameter("i", n.longValue()).getSingleResult());
                } finally {
                    em.close();
                }
            } else {
                committedAuditRows.add(-1L);
            }
        }

        void clear() {
            topics.clear();
            payloads.clear();
            committedAuditRows.clear();
        }
    }
}
