package org.civic.plugins.supervision;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.internal.KernelForTests;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.civic.core.internal.workflow.WorkflowServiceImpl;

/**
 * Spec §11's fixture on the real kernel and an in-memory database: 甘肃省交通运输厅 (620000) with its
 * supervision office, three departments, the leaders' and the administrator's units, real users with
 * the line's roles, and a Monday–Friday calendar for 2026 without holidays. The clock stands still
 * until a test moves it.
 */
final class SupervisionFixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    final EntityManagerFactory emf;
    final Clock clock = new Clock();
    final List<String> events = new ArrayList<>();
    final OrganizationServiceImpl org;
    final CalendarServiceImpl calendars;
    final WorkflowServiceImpl kernel;
    final SupervisionScheduler scheduler;
    final AutoCloseable registration;

    final Unit office;
    final Unit planning;
    final Unit finance;
    final Unit construction;
    final Unit leaders;
    final Unit adminOffice;

    final Caller zhouMin;   // 周敏 clerk
    final Caller wuQian;    // 吴倩 clerk
    final Caller liJianhua; // 李建华 head of 规划处
    final Caller wangFang;  // 王芳 deputy of 规划处
    final Caller zhangWei;  // 张伟 handler of 规划处
    final Caller chenChen;  // 陈晨 handler of 规划处
    final Caller liuYang;   // 刘洋 head of 财务处
    final Caller zhaoLi;    // 赵丽 handler of 财务处
    final Caller sunQiang;  // 孙强 head of 建设管理处
    final Caller qianDuo;   // 钱多 deputy of 建设管理处
    final Caller maDong;    // 马东 leader
    final Caller yangGuang; // 杨光 administrator

    SupervisionFixture() {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", "");
        props.put("openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        props.put("openjpa.ConnectionURL", "jdbc:derby:memory:supervision" + DATABASES.incrementAndGet() + ";create=true");
        props.put("openjpa.Log", "slf4j");
        emf = Persistence.createEntityManagerFactory("civic", props);
        EventPublisher publisher = (topic, payload) -> events.add(topic);
        PlatformExtension plugin = new PlatformExtension() {
            @Override
            public String id() {
                return Supervision.LINE;
            }

            @Override
            public Collection<RoleDefinition> roles() {
                return Supervision.roles();
            }
        };
        org = new OrganizationServiceImpl(emf, clock, publisher, KernelForTests.extensions(plugin), new CredentialCache());
        Caller root = new Caller(1, "root", "root", 0, "", "", Set.of(Caller.GLOBAL_ADMIN));
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        office = unit(root, "督办科");
        planning = unit(root, "规划处");
        finance = unit(root, "财务处");
        construction = unit(root, "建设管理处");
        leaders = unit(root, "厅领导");
        adminOffice = unit(root, "办公室");
        calendars = new CalendarServiceImpl(emf, clock, publisher, org);
        calendars.initialise(root, null, 2026, 2026, false);
        kernel = new WorkflowServiceImpl(emf, clock, calendars, publisher, KernelForTests.config());
        registration = kernel.register(Supervision.definition(new SupervisionRules(new OrgDirectory(org))));
        scheduler = new SupervisionScheduler(kernel, calendars, clock, 3, 9);

        zhouMin = user(root, "zhoumin", "周敏", office, Supervision.CLERK);
        wuQian = user(root, "wuqian", "吴倩", office, Supervision.CLERK);
        liJianhua = user(root, "lijianhua", "李建华", planning, Supervision.HEAD);
        wangFang = user(root, "wangfang", "王芳", planning, Supervision.DEPUTY);
        zhangWei = user(root, "zhangwei", "张伟", planning, Supervision.HANDLER);
        chenChen = user(root, "chenchen", "陈晨", planning, Supervision.HANDLER);
        liuYang = user(root, "liuyang", "刘洋", finance, Supervision.HEAD);
        zhaoLi = user(root, "zhaoli", "赵丽", finance, Supervision.HANDLER);
        sunQiang = user(root, "sunqiang", "孙强", construction, Supervision.HEAD);
        qianDuo = user(root, "qianduo", "钱多", construction, Supervision.DEPUTY);
        maDong = user(root, "madong", "马东", leaders, Supervision.LEADER);
        yangGuang = user(root, "yangguang", "杨光", adminOffice, Supervision.ADMIN);
        at("2026-03-02 10:00");
    }

    private Unit unit(Caller root, String name) {
        return org.createUnit(root, new UnitInput(name, null, "DEPARTMENT", "620000", null, null, null, null, null));
    }

    private Caller user(Caller root, String login, String name, Unit unit, String role) {
        User u = org.createUser(root, new UserInput(login, name, "Supervise2026", unit.id(), List.of(role), null, null,
                null));
        return new Caller(u.id(), login, name, unit.id(), unit.name(), "620000", Set.of(role));
    }

    @Override
    public void close() throws Exception {
        registration.close();
        emf.close();
    }

    // ------------------------------------------------------------------ time

    void at(String local) {
        clock.now = LocalDateTime.parse(local.replace(' ', 'T')).atOffset(CST).toInstant();
    }

    /** The test's platform clock: stands still; moving it runs the line's reminders and the card scan. */
    static final class Clock implements PlatformClock {
        volatile Instant now = Instant.parse("2026-03-02T02:00:00Z");

        @Override
        public Instant now() {
            return now;
        }
    }

    void moveTo(String local) {
        at(local);
        kernel.raiseDueCards();
        scheduler.run();
    }

    // ------------------------------------------------------------------ S1 and helpers

    static Map<String, Object> in(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Item S1 of §11 as a fresh draft by 周敏. */
    ItemView draftS1(Object... overrides) {
        Map<String, Object> input = in("title", "完成2026年农村公路建设项目前期工作", "source", "LEADER_INSTRUCTION",
                "leadUnitId", planning.id(), "coUnitIds", List.of(finance.id()), "assignedDate", "2026-03-02",
                "deadline", "2026-03-31", "content", "按厅党组会议要求，3月底前完成项目可研批复和资金测算。");
        input.putAll(in(overrides));
        input.values().removeIf(v -> v == null);
        return kernel.create(zhouMin, Supervision.LINE, input, "REST");
    }

    /** S1 registered and sent to 李建华. */
    long sentS1(Object... overrides) {
        long id = draftS1(overrides).id();
        act(zhouMin, id, "send", "headUserId", liJianhua.userId());
        return id;
    }

    /** S1 after 李建华 self-handled with APPLY_COMPLETION (OPEN). */
    long openByHead() {
        long id = sentS1();
        act(liJianhua, id, "self_handle", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成可研批复和资金测算",
                "promisedDate", "2026-03-20", "opinion", "同意");
        return id;
    }

    /** Scenario 7: 李建华 → 王芳 → 张伟, CO_HANDLING with 赵丽, approved twice: OPEN with a co-feedback flow. */
    long afterScenario7() {
        long id = sentS1();
        act(liJianhua, id, "delegate_down", "nextUserId", wangFang.userId());
        act(wangFang, id, "delegate_down", "nextUserId", zhangWei.userId());
        act(zhangWei, id, "submit_result", "outcome", "CO_HANDLING", "coHandlerUserIds", List.of(zhaoLi.userId()),
                "promisedDate", "2026-03-25");
        act(wangFang, id, "approve", "opinion", "同意");
        act(liJianhua, id, "approve", "opinion", "同意");
        return id;
    }

    ItemView act(Caller who, long id, String action, Object... kv) {
        return kernel.act(who, id, action, in(kv), null, "REST");
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
        return kernel.get(zhouMin, id);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> flows(ItemView v) {
        return (List<Map<String, Object>>) v.fields().get("flows");
    }

    static Map<String, Object> flow(ItemView v, String kind) {
        List<Map<String, Object>> all = flows(v).stream().filter(f -> kind.equals(f.get("kind"))).toList();
        return all.get(all.size() - 1);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> notices(ItemView v, Caller to) {
        return ((List<Map<String, Object>>) v.fields().get("notices")).stream()
                .filter(n -> ((Number) n.get("userId")).longValue() == to.userId()).toList();
    }

    static long id(Object o) {
        return ((Number) o).longValue();
    }
}
