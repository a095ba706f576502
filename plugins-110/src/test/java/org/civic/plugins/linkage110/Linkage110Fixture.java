package org.civic.plugins.linkage110;

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
import org.civic.core.internal.security.AuthenticationServiceImpl;
import org.civic.core.internal.security.CredentialCache;
import org.civic.core.internal.security.RememberedLoginsImpl;
import org.civic.core.internal.workflow.WorkflowServiceImpl;

/**
 * Spec §11's fixture on the real kernel and an in-memory database: 城关区 (620102) with 张掖路街道 and its
 * street office, the 110 linkage office, the IVR and 110 alarm partner accounts, 七里河区 (620103) with its
 * own partner; a Monday–Friday 2026 calendar with office 09:00–12:00 and 13:00–17:00. The clock stands
 * still until a test moves it.
 */
final class Linkage110Fixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    final EntityManagerFactory emf;
    final Clock clock = new Clock();
    final List<String> events = new ArrayList<>();
    final OrganizationServiceImpl org;
    final CalendarServiceImpl calendars;
    final WorkflowServiceImpl kernel;
    final AutoCloseable registration;

    final Unit office;
    final Unit zyl;
    final Unit gll;
    final Unit sj;
    final Caller gaofeng;
    final Caller tianjing;
    final Caller gongping;
    final Caller baiyun;
    final Caller baixue;
    final Caller hanxue;
    final Caller kongming;
    final Caller wechat;
    final Caller foreignWechat;
    final CredentialCache credentials = new CredentialCache();
    final AuthenticationServiceImpl authentication;
    final RememberedLoginsImpl remembered;
    final Caller ivr;
    final Caller alarm;
    final Caller foreignIvr;

    Linkage110Fixture() {
        this(Limits.defaults());
    }

    Linkage110Fixture(Limits limits) {
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.nonJtaDataSource", "");
        props.put("openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        props.put("openjpa.ConnectionURL", "jdbc:derby:memory:linkage110_" + DATABASES.incrementAndGet() + ";create=true");
        props.put("openjpa.Log", "slf4j");
        emf = Persistence.createEntityManagerFactory("civic", props);
        EventPublisher publisher = (topic, payload) -> events.add(topic);
        Linkage110Line plugin = new Linkage110Line(d -> () -> { }, Map.of());
        org = new OrganizationServiceImpl(emf, clock, publisher, KernelForTests.extensions(plugin), credentials);
        Caller root = new Caller(1, "root", "root", 0, "", "", Set.of(Caller.GLOBAL_ADMIN));
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        org.createRegion(root, new RegionInput("620100", "兰州市", "CITY", null, "620000", null, null));
        org.createRegion(root, new RegionInput("620102", "城关区", "COUNTY", null, "620100", null, null));
        org.createRegion(root, new RegionInput("620102001", "张掖路街道", "STREET", null, "620102", null, null));
        org.createRegion(root, new RegionInput("620102002", "皋兰路街道", "STREET", null, "620102", null, null));
        org.createRegion(root, new RegionInput("620103", "七里河区", "COUNTY", null, "620100", null, null));
        office = unit(root, "城关区110联动办", Linkage110Line.LINKAGE_OFFICE, "620102", List.of());
        zyl = unit(root, "张掖路街道办事处", Linkage110Line.STREET_OFFICE, "620102001", List.of(Linkage110Line.MEMBER_TAG));
        gll = unit(root, "皋兰路街道办事处", Linkage110Line.STREET_OFFICE, "620102002", List.of(Linkage110Line.MEMBER_TAG));
        sj = unit(root, "城关区市场监督管理局", Linkage110Line.BUREAU, "620102", List.of(Linkage110Line.MEMBER_TAG));
        Unit wechatUnit = unit(root, "城关区110微联动平台", Linkage110Line.PARTNER_SYSTEM, "620102", List.of());
        Unit qlhWechat = unit(root, "七里河区110微联动平台", Linkage110Line.PARTNER_SYSTEM, "620103", List.of());
        Unit ivrUnit = unit(root, "城关区自动回访系统", Linkage110Line.PARTNER_SYSTEM, "620102", List.of());
        Unit alarmUnit = unit(root, "城关区110接处警系统", Linkage110Line.PARTNER_SYSTEM, "620102", List.of());
        Unit qlhIvr = unit(root, "七里河区自动回访系统", Linkage110Line.PARTNER_SYSTEM, "620103", List.of());
        calendars = new CalendarServiceImpl(emf, clock, publisher, org);
        calendars.initialise(root, null, 2026, 2026, false);
        calendars.setOfficeHours(root, "620102", "09:00-12:00,13:00-17:00");
        kernel = new WorkflowServiceImpl(emf, clock, calendars, publisher, KernelForTests.config());
        registration = kernel.register(Linkage110Line.definition(limits));
        kernel.addFieldMasking(new Linkage110Masking());
        tianjing = user(root, "tianjing", "田静", office, Linkage110Line.DISPATCHER);
        gongping = user(root, "gongping", "龚平", office, Linkage110Line.LEADER);
        baiyun = user(root, "baiyun", "白云", zyl, Linkage110Line.HANDLER);
        gaofeng = user(root, "gaofeng", "高峰", gll, Linkage110Line.HANDLER);
        baixue = user(root, "baixue", "白雪", zyl, Linkage110Line.HANDLER);
        hanxue = user(root, "hanxue", "韩雪", office, Linkage110Line.DISPATCHER);
        kongming = user(root, "kongming", "孔明", sj, Linkage110Line.HANDLER);
        wechat = user(root, "wechat_cg", "城关区110微联动平台", wechatUnit, Linkage110Line.WECHAT_PARTNER);
        foreignWechat = user(root, "wechat_qlh", "七里河区110微联动平台", qlhWechat, Linkage110Line.WECHAT_PARTNER);
        authentication = new AuthenticationServiceImpl(emf, clock, credentials, KernelForTests.config());
        remembered = new RememberedLoginsImpl(emf, clock);
        ivr = user(root, "ivr_cg", "城关区自动回访系统", ivrUnit, Linkage110Line.IVR_PARTNER);
        alarm = user(root, "alarm_cg", "城关区110接处警系统", alarmUnit, Linkage110Line.ALARM_PARTNER);
        foreignIvr = user(root, "ivr_qlh", "七里河区自动回访系统", qlhIvr, Linkage110Line.IVR_PARTNER);
        at("2026-03-02 09:50");
    }

    private Unit unit(Caller root, String name, String type, String region, List<String> tags) {
        return org.createUnit(root, new UnitInput(name, null, type, region, null, tags, null, null, null));
    }

    private Caller user(Caller root, String login, String name, Unit unit, String role) {
        User u = org.createUser(root, new UserInput(login, name, "Linkage2026", unit.id(), List.of(role), null, null,
                null));
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

    /** The test's platform clock: stands still until a test moves it. */
    static final class Clock implements PlatformClock {
        volatile Instant now = Instant.parse("2026-03-02T01:50:00Z");

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

    /** Appeal A1 of §11 as a draft by 田静. */
    ItemView draft(Object... overrides) {
        Map<String, Object> input = in("appellantName", "马女士", "appellantPhone", "13800000002",
                "appealTime", "2026-03-02T09:40:00+08:00", "title", "小区门口餐馆油烟扰民",
                "content", "张掖路某小区门口餐馆每天排放油烟，影响居民生活。", "address", "城关区张掖路某号",
                "streetRegionCode", "620102001", "category", "环境保护");
        input.putAll(in(overrides));
        input.values().removeIf(v -> v == null);
        return kernel.create(tianjing, Linkage110Line.LINE, input, "REST");
    }

    /** A1 dispatched to 张掖路, signed, fed back and called back by the unit: AWAITING_ARCHIVE. */
    long awaitingArchive() {
        long id = draft().id();
        act(tianjing, id, "dispatch", "handlingUnitIds", List.of(zyl.id()));
        act(baiyun, id, "sign");
        act(baiyun, id, "feedback", "content", "已约谈餐馆经营者，责令整改");
        act(baiyun, id, "dept_callback", "result", "SATISFIED", "content", "诉求人表示油烟问题已解决");
        assertEquals("AWAITING_ARCHIVE", get(id).state());
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
        return kernel.get(tianjing, id);
    }
}
