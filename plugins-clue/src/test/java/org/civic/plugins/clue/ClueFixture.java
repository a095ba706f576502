package org.civic.plugins.clue;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.internal.KernelForTests;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.civic.core.internal.workflow.WorkflowServiceImpl;

/**
 * Spec §11's fixture on the real kernel and an in-memory database: 甘肃省 with 兰州市 (城关区, 七里河区) and
 * 天水市 (秦州区), a clue unit in each, the officers of the spec and the mini-program's back-end account; a
 * Monday–Friday 2026 calendar. The clock stands still until a test moves it.
 */
final class ClueFixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    final EntityManagerFactory emf;
    final Clock clock = new Clock();
    final List<String> events = new ArrayList<>();
    final OrganizationServiceImpl org;
    final CalendarServiceImpl calendars;
    final WorkflowServiceImpl kernel;
    final AutoCloseable registration;
    final ClueViews views;
    final ClueMerges merges;
    final ComplainantViews complainant;
    final Caller root = new Caller(1, "root", "root", 0, "", "", Set.of(Caller.GLOBAL_ADMIN));

    final Unit uP;
    final Unit uLZ;
    final Unit uTS;
    final Unit uCG;
    final Unit uQLH;
    final Unit uQZ;
    final Caller wangmin;
    final Caller sunlei;
    final Caller liqiang;
    final Caller zhangli;
    final Caller chenjing;
    final Caller zhaogang;
    final Caller liuyang;
    final Caller zhouhong;
    /** The mini-program's back end, relaying the complainants mp-001 and mp-002. */
    final Caller mp;

    ClueFixture() {
        this(Clue.Limits.off());
    }

    ClueFixture(Clue.Limits limits) {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", "");
        props.put("openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        props.put("openjpa.ConnectionURL", "jdbc:derby:memory:clue_" + DATABASES.incrementAndGet() + ";create=true");
        props.put("openjpa.Log", "slf4j");
        emf = Persistence.createEntityManagerFactory("civic", props);
        EventPublisher publisher = (topic, payload) -> events.add(topic);
        ClueLine plugin = new ClueLine(d -> () -> { }, null, config(limits));
        org = new OrganizationServiceImpl(emf, clock, publisher, KernelForTests.extensions(plugin), new CredentialCache());
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("620100", "兰州市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620102", "城关区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620103", "七里河区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620500", "天水市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620502", "秦州区", "COUNTY", null, "620500", null, null));
        org.createRegion(root, new RegionInput("610000", "陕西省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("610100", "西安市", "CITY", null, "610000", null, null));
        uP = unit("甘肃省劳动保障监察局", Clue.CLUE_UNIT, "620000");
        uLZ = unit("兰州市劳动保障监察支队", Clue.CLUE_UNIT, "620100");
        uTS = unit("天水市劳动保障监察支队", Clue.CLUE_UNIT, "620500");
        uCG = unit("城关区劳动保障监察大队", Clue.CLUE_UNIT, "620102");
        uQLH = unit("七里河区劳动保障监察大队", Clue.CLUE_UNIT, "620103");
        uQZ = unit("秦州区劳动保障监察大队", Clue.CLUE_UNIT, "620502");
        Unit partner = unit("陇明公小程序后台", Clue.PARTNER, "620000");
        calendars = new CalendarServiceImpl(emf, clock, publisher, org);
        calendars.initialise(root, null, 2026, 2026, false);
        kernel = new WorkflowServiceImpl(emf, clock, calendars, publisher, KernelForTests.config());
        ClueOrg clueOrg = new ClueOrg(org);
        registration = kernel.register(Clue.definition(new ClueRules(clueOrg, limits)));
        kernel.addFieldMasking(new ClueMasking());
        views = new ClueViews(kernel, clueOrg, clock);
        merges = new ClueMerges(kernel, views, clock);
        complainant = new ComplainantViews(kernel);
        wangmin = user("wangmin", "王敏", uP, Clue.PROVINCE_OFFICER);
        sunlei = user("sunlei", "孙磊", uP, Clue.PROVINCE_OFFICER);
        liqiang = user("liqiang", "李强", uLZ, Clue.CITY_OFFICER);
        zhangli = user("zhangli", "张丽", uLZ, Clue.CITY_OFFICER);
        chenjing = user("chenjing", "陈静", uTS, Clue.CITY_OFFICER);
        zhaogang = user("zhaogang", "赵刚", uCG, Clue.COUNTY_OFFICER);
        liuyang = user("liuyang", "刘洋", uQLH, Clue.COUNTY_OFFICER);
        zhouhong = user("zhouhong", "周红", uQZ, Clue.COUNTY_OFFICER);
        mp = user("mp_gateway", "陇明公小程序后台", partner, Clue.INTAKE);
        at("2026-03-02 09:10");
    }

    static ClueConfig config(Clue.Limits limits) {
        return config(Map.of("clue_receiptLimitWorkingDays", limits.receiptWorkingDays() == null ? 0 : limits.receiptWorkingDays(),
                "clue_handlingLimitWorkingDays", limits.handlingWorkingDays() == null ? 0 : limits.handlingWorkingDays()));
    }

    /** The line's configuration: these values, the metatype defaults for the rest. */
    static ClueConfig config(Map<String, Object> values) {
        return (ClueConfig) java.lang.reflect.Proxy.newProxyInstance(ClueConfig.class.getClassLoader(),
                new Class<?>[] {ClueConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if ("annotationType".equals(method.getName())) {
                        return ClueConfig.class;
                    }
                    return method.getDefaultValue();
                });
    }

    private Unit unit(String name, String type, String region) {
        return org.createUnit(root, new UnitInput(name, null, type, region, null, List.of(), null, null, null));
    }

    private Caller user(String login, String name, Unit unit, String role) {
        User u = org.createUser(root, new UserInput(login, name, "Clue2026x", unit.id(), List.of(role), null, null, null));
        return new Caller(u.id(), login, name, unit.id(), unit.name(), unit.regionCode(), Set.of(role));
    }

    @Override
    public void close() throws Exception {
        registration.close();
        emf.close();
    }

    void at(String local) {
        clock.now = LocalDateTime.parse(local.replace(' ', 'T')).atOffset(CST).toInstant();
    }

    /** Moves the clock and raises the cards now due, as the platform's adjustable clock does. */
    void moveTo(String local) {
        at(local);
        kernel.raiseDueCards();
    }

    /** The test's platform clock: stands still until a test moves it. */
    static final class Clock implements PlatformClock {
        volatile Instant now = Instant.parse("2026-03-02T01:10:00Z");

        @Override
        public Instant now() {
            return now;
        }
    }

    static Map<String, Object> in(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Clue C1's data by mp-001 (workplace 兰州市/城关区), with overrides; a null value removes a field. */
    ItemView create(Object... overrides) {
        Map<String, Object> input = in("channel", "MINI_PROGRAM", "complainantAccountId", "mp-001",
                "complainantName", "马建国", "complainantPhone", "13800000001", "respondentName", "兰州某建筑劳务有限公司",
                "workplaceCityCode", "620100", "workplaceCountyCode", "620102",
                "content", "2025年10月至12月工资未发放，共计18600元。", "amountInvolved", "18600.00");
        input.putAll(in(overrides));
        input.values().removeIf(v -> v == null);
        return kernel.create(mp, Clue.LINE, input, "REST");
    }

    ItemView act(Caller who, long id, String action, Object... kv) {
        return kernel.act(who, id, action, in(kv), null, "REST");
    }

    /** A clue received by 李强, transferred to 城关区 and received by 赵刚: HANDLING at U-CG. */
    long atCounty(Object... overrides) {
        long id = create(overrides).id();
        act(liqiang, id, "receive");
        act(liqiang, id, "transfer_within_city", "targetCountyCode", "620102");
        act(zhaogang, id, "receive");
        return id;
    }

    /** A clue completed through the county, the city and the province review, with this result summary. */
    long completed(String result, Object... overrides) {
        long id = atCounty(overrides);
        act(zhaogang, id, "record_completion_feedback", "resultSummary", result, "handledDate", today());
        act(zhaogang, id, "submit");
        act(liqiang, id, "approve");
        act(wangmin, id, "approve");
        assertEquals(Clue.COMPLETED, get(id).state());
        return id;
    }

    String today() {
        return LocalDateTime.ofInstant(clock.now, CST).toLocalDate().toString();
    }

    CivicException refused(String code, Runnable r) {
        try {
            r.run();
        } catch (CivicException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        throw new AssertionError("expected " + code);
    }

    ItemView get(long id) {
        return kernel.get(wangmin, id);
    }

    Object field(long id, String name) {
        return get(id).fields().get(name);
    }

    long holder(long id) {
        return ((Number) field(id, "holderUnitId")).longValue();
    }

    /** The ids of a list of {@link ClueViews} for a caller. */
    List<Long> ids(Caller who, String list) {
        return ids(who, list, Map.of());
    }

    List<Long> ids(Caller who, String list, Map<String, String> filter) {
        List<Long> out = new ArrayList<>();
        for (Map<String, Object> r : views.rows(who, list, filter)) {
            out.add(((Number) r.get("id")).longValue());
        }
        return out;
    }

    /** What a refused request must not have written: state, version and audit trail of the item. */
    Snapshot snapshot(long id) {
        ItemView v = get(id);
        return new Snapshot(id, v.state(), v.version(), v.auditTrail().size());
    }

    final class Snapshot {
        final long id;
        final String state;
        final long version;
        final int audit;

        Snapshot(long id, String state, long version, int audit) {
            this.id = id;
            this.state = state;
            this.version = version;
            this.audit = audit;
        }

        void unchanged() {
            ItemView v = get(id);
            assertEquals(state, v.state());
            assertEquals(version, v.version());
            assertEquals(audit, v.auditTrail().size());
        }
    }
}
