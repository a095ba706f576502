package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Spec §11 scenarios 33 (efficiency) and 34 (analysis), the 延期审批 list and A11's masking, on the real kernel. */
public class Linkage110ViewsTest {

    private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2026-03-31");

    private Linkage110Fixture f;
    private Linkage110Views views;

    @Before
    public void setUp() {
        f = new Linkage110Fixture();
        views = new Linkage110Views(f.kernel, f.org);
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private void moveTo(String local) {
        f.at(local);
        f.kernel.raiseDueCards();
    }

    private long dispatched() {
        long id = f.draft().id();
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    public void scenario33EfficiencyPerHandlingUnit() {
        moveTo("2026-03-02 10:00");
        long t1 = dispatched();
        long t2 = dispatched();
        long t3 = dispatched();
        long t4 = dispatched();
        long t5 = dispatched();
        moveTo("2026-03-02 10:30");
        for (long t : new long[] {t1, t2, t3, t4, t5}) {
            f.act(f.baiyun, t, "sign");
        }
        moveTo("2026-03-02 11:00");
        f.act(f.baiyun, t2, "dispute", "description", "该餐馆位于皋兰路街道辖区");
        f.act(f.baiyun, t3, "dispute", "description", "该餐馆位于皋兰路街道辖区");
        moveTo("2026-03-02 14:00");
        f.act(f.tianjing, t2, "reject_dispute", "unitId", f.zyl.id(), "opinion", "属街道职责，请继续办理");
        f.act(f.tianjing, t3, "accept_dispute", "unitId", f.zyl.id(), "newUnitIds", List.of(f.gll.id()));
        moveTo("2026-03-03 15:00");
        for (Object[] t : new Object[][] {{t1, "SATISFIED"}, {t2, "UNSATISFIED"}}) {
            long id = (Long) t[0];
            f.act(f.baiyun, id, "feedback", "content", "已约谈餐馆经营者，责令整改");
            f.act(f.baiyun, id, "dept_callback", "result", t[1], "content", "已电话回访诉求人");
            f.act(f.tianjing, id, "confirm_callback", "result", t[1], "content", "区级回访完成");
        }
        moveTo("2026-03-04 10:00");
        f.act(f.baiyun, t5, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        f.act(f.tianjing, t5, "approve_extension", "unitId", f.zyl.id());
        moveTo("2026-03-04 11:00");
        f.act(f.baiyun, t5, "feedback", "content", "已约谈餐馆经营者，责令整改");
        f.act(f.baiyun, t5, "dept_callback", "result", "SATISFIED", "content", "已电话回访诉求人");
        f.act(f.tianjing, t5, "supervise", "unitIds", List.of(f.zyl.id()), "opinion", "反馈内容与现场不符，请重新核查",
                "handlingDeadline", "2026-03-06T17:00:00+08:00");
        moveTo("2026-03-04 15:00");
        f.act(f.baiyun, t5, "feedback", "content", "已重新核查并整改到位");
        f.act(f.baiyun, t5, "dept_callback", "result", "SATISFIED", "content", "已电话回访诉求人");
        f.act(f.tianjing, t5, "confirm_callback", "result", "SATISFIED", "content", "区级回访满意");
        moveTo("2026-03-05 17:00");
        moveTo("2026-03-10 17:00");
        moveTo("2026-03-11 10:00");
        f.act(f.baiyun, t4, "feedback", "content", "已约谈餐馆经营者，责令整改");
        f.act(f.baiyun, t4, "dept_callback", "result", "UNREACHABLE", "content", "电话无人接听");

        Map<String, Object> s = views.efficiency(f.gongping, MARCH_1, MARCH_31);
        Map<String, Object> zyl = ((List<Map<String, Object>>) s.get("rows")).stream()
                .filter(r -> f.zyl.name().equals(r.get("unitName"))).findFirst().orElseThrow();
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("dispatched", 4L);
        expected.put("cancelled", 1L);
        expected.put("signedOnTime", 4L);
        expected.put("signRate", 100.0);
        expected.put("fedBack", 4L);
        expected.put("fedBackOnTime", 3L);
        expected.put("onTimeRate", 75.0);
        expected.put("yellowCards", 1L);
        expected.put("redCards", 1L);
        expected.put("extensionsRequested", 1L);
        expected.put("extensionsApproved", 1L);
        expected.put("disputesRaised", 2L);
        expected.put("disputesAccepted", 1L);
        expected.put("sentBack", 1L);
        expected.put("deptCallbackSatisfied", 2L);
        expected.put("deptCallbackUnsatisfied", 1L);
        expected.put("deptCallbackUnreachable", 1L);
        expected.put("districtSatisfaction", 66.7);
        expected.forEach((k, v) -> assertEquals(k, v, zyl.get(k)));
        Map<String, Object> gll = ((List<Map<String, Object>>) s.get("rows")).stream()
                .filter(r -> f.gll.name().equals(r.get("unitName"))).findFirst().orElseThrow();
        assertEquals(1L, gll.get("dispatched"));
        assertEquals(0L, gll.get("signedOnTime"));
        assertNull("no archived appeal of the unit: undefined", gll.get("districtSatisfaction"));
        assertEquals(5L, ((Map<String, Object>) s.get("total")).get("dispatched"));
        assertEquals("April has none", 0, ((List<?>) views.efficiency(f.gongping, LocalDate.parse("2026-04-01"),
                LocalDate.parse("2026-04-30")).get("rows")).size());
        f.refused("FORBIDDEN", () -> views.efficiency(f.baiyun, MARCH_1, MARCH_31));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void scenario34AnalysisAndMaskedPhonesForLeaders() {
        f.at("2026-03-02 09:50");
        ItemView firstAppeal = f.draft();
        String first = (String) firstAppeal.fields().get("districtNo");
        f.draft("appellantPhone", "13800000003", "category", "市场监管", "streetRegionCode", "620102002");
        f.at("2026-03-20 10:10");
        ItemView secondAppeal = f.draft("appealTime", "2026-03-20T10:05:00+08:00");
        String second = (String) secondAppeal.fields().get("districtNo");
        f.at("2026-05-02 10:10");
        f.draft("appealTime", "2026-05-02T10:05:00+08:00");

        Map<String, Object> a = views.analysis(f.tianjing, MARCH_1, MARCH_31);
        assertEquals(3, a.get("appeals"));
        List<Map<String, Object>> category = (List<Map<String, Object>>) a.get("categoryByMonth");
        assertEquals(List.of(Map.of("month", "2026-03", "category", "市场监管", "count", 1L),
                Map.of("month", "2026-03", "category", "环境保护", "count", 2L)), category);
        List<Map<String, Object>> repeat = (List<Map<String, Object>>) a.get("repeatAppellants");
        assertEquals(1, repeat.size());
        assertEquals("13800000002", repeat.get(0).get("appellantPhone"));
        assertEquals(List.of(first, second), repeat.get(0).get("districtNos"));
        assertEquals("each number's appeal, for the link to it", List.of(firstAppeal.id(), secondAppeal.id()),
                repeat.get(0).get("appealIds"));
        List<Map<String, Object>> hours = (List<Map<String, Object>>) a.get("byHour");
        assertEquals(2L, hours.get(9).get("count"));
        assertEquals(1L, hours.get(10).get("count"));
        List<Map<String, Object>> streets = (List<Map<String, Object>>) a.get("byStreet");
        assertTrue(streets.toString(), streets.contains(Map.of("streetRegionCode", "620102001", "street", "张掖路街道",
                "count", 2L)));
        List<Map<String, Object>> results = (List<Map<String, Object>>) a.get("finalResults");
        assertEquals(List.of("SATISFIED", "UNSATISFIED", "UNREACHABLE"), results.stream().map(r -> r.get("result")).toList());
        assertNull("nothing archived yet: no share", results.get(0).get("share"));
        // A11: the leader sees the phone masked
        Map<String, Object> led = views.analysis(f.gongping, MARCH_1, MARCH_31);
        assertEquals("138****0002", ((List<Map<String, Object>>) led.get("repeatAppellants")).get(0).get("appellantPhone"));
        // May 2nd lies 43 days after March 20th: not a repeat of it
        Map<String, Object> all = views.analysis(f.tianjing, null, null);
        assertEquals(List.of(first, second), ((List<Map<String, Object>>) all.get("repeatAppellants")).get(0)
                .get("districtNos"));
        f.refused("FORBIDDEN", () -> views.analysis(f.baiyun, null, null));
    }

    @Test
    public void a11PhonesAreMaskedForLeadersOnEveryRead() {
        f.at("2026-03-02 10:00");
        long a = dispatched();
        assertEquals("138****0002", f.kernel.get(f.gongping, a).fields().get("appellantPhone"));
        assertEquals("138****0002", f.kernel.get(f.gongping, a).auditTrail().get(0).input().get("appellantPhone"));
        assertEquals("138****0002", f.kernel.query(f.gongping, Linkage110Line.LINE,
                org.civic.core.api.workflow.ItemQuery.all(0, 10)).items().get(0).fields().get("appellantPhone"));
        assertEquals("13800000002", f.kernel.get(f.tianjing, a).fields().get("appellantPhone"));
        assertEquals("13800000002", f.kernel.get(f.baiyun, a).fields().get("appellantPhone"));
        assertEquals("13800000002", f.kernel.get(AutoCallbacks.system(), a).fields().get("appellantPhone"));
    }

    @Test
    public void theExtensionRequestListShowsPendingRequestsOfTheDistrict() {
        f.at("2026-03-02 10:00");
        long a = dispatched();
        f.act(f.baiyun, a, "sign");
        f.at("2026-03-04 10:00");
        f.act(f.baiyun, a, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        List<Map<String, Object>> rows = views.extensionRequests(f.tianjing);
        assertEquals(1, rows.size());
        assertEquals("2026-03-10T17:00+08:00", rows.get(0).get("newDeadline"));
        assertEquals(f.zyl.name(), rows.get(0).get("unitName"));
        f.refused("FORBIDDEN", () -> views.extensionRequests(f.baiyun));
        f.act(f.tianjing, a, "approve_extension", "unitId", f.zyl.id());
        assertTrue(views.extensionRequests(f.tianjing).isEmpty());
        assertEquals("138****0002", Linkage110Views.phone(f.gongping, "13800000002"));
        assertEquals("13800000002", Linkage110Views.phone(f.tianjing, "13800000002"));
    }
}
