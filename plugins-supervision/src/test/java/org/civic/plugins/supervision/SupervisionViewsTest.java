package org.civic.plugins.supervision;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The to-do list, read notices, pickers, views by role, the result filter and the situation summary (§7, §8.1). */
public class SupervisionViewsTest {

    private SupervisionFixture f;
    private SupervisionViews views;

    @Before
    public void setUp() {
        f = new SupervisionFixture();
        views = new SupervisionViews(f.kernel, new OrgDirectory(f.org), f.clock);
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private List<Object> itemIds(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("itemId")).toList();
    }

    private long s6() {
        long id = f.draftS1("leadUnitId", f.construction.id(), "coUnitIds", null, "title", "建设管理处事项").id();
        f.act(f.zhouMin, id, "send", "headUserId", f.sunQiang.userId());
        return id;
    }

    @Test
    public void todoBelongsToTheAssigneeOnly() {
        long s1 = f.sentS1();
        List<Map<String, Object>> todo = views.todo(f.liJianhua);
        assertEquals(List.of(s1), itemIds(todo));
        assertEquals("REGISTRATION", todo.get(0).get("flowKind"));
        assertEquals("AT_HEAD", todo.get(0).get("node"));
        assertEquals("周敏", todo.get(0).get("previousPerson"));
        for (Caller other : List.of(f.wangFang, f.zhangWei, f.zhouMin, f.liuYang, f.maDong)) {
            assertTrue(other.loginName(), views.todo(other).isEmpty());
        }
        // Scenario 21: ending removes the open lead feedback from the head's list.
        f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.wangFang.userId());
        assertTrue(views.todo(f.liJianhua).isEmpty());
        assertEquals(List.of(s1), itemIds(views.todo(f.wangFang)));
    }

    @Test
    public void readNoticesAndPickers() {
        long s1 = f.afterScenario7();
        assertEquals(List.of(s1), itemIds(views.todo(f.zhaoLi)));
        assertEquals("CO_FEEDBACK", views.todo(f.zhaoLi).get(0).get("flowKind"));
        f.act(f.zhaoLi, s1, "submit_co_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus", "已安排专项资金2000万元");
        List<Map<String, Object>> headNotices = views.notices(f.liJianhua, false);
        assertEquals(1, headNotices.size());
        f.act(f.liJianhua, s1, "mark_read", "noticeId", headNotices.get(0).get("noticeId"));
        assertTrue(views.notices(f.liJianhua, false).isEmpty());
        assertEquals(1, views.notices(f.liJianhua, true).size());
        assertEquals(1, views.notices(f.wangFang, false).size());
        assertEquals(1, views.notices(f.zhangWei, false).size());
        assertEquals(List.of(s1), itemIds(views.picker(f.zhangWei, "lead")));
        assertEquals(List.of(s1), itemIds(views.picker(f.zhaoLi, "co")));
        assertTrue(views.picker(f.zhaoLi, "lead").isEmpty());
        assertTrue(views.picker(f.chenChen, "lead").isEmpty());
        // Scenario 17: COMPLETED takes the item out of the pickers.
        f.act(f.yangGuang, s1, "admin_modify", "resultStatus", "COMPLETED", "opinion", "已线下办结");
        assertTrue(views.picker(f.zhangWei, "lead").isEmpty());
        assertTrue(views.picker(f.zhaoLi, "co").isEmpty());
    }

    @Test
    public void viewsByRoleAndTheResultFilter() {
        long s1 = f.afterScenario7();
        long s6 = s6();
        assertEquals(List.of(s1), itemIds(views.items(f.zhangWei, "department", Map.of())));
        assertEquals(List.of(s1), itemIds(views.items(f.liuYang, "department", Map.of())));
        assertEquals(List.of(s6), itemIds(views.items(f.qianDuo, "department", Map.of())));
        f.refused("NOT_FOUND", () -> f.kernel.get(f.qianDuo, s1));
        assertEquals(2, views.items(f.maDong, "summary", Map.of()).size());
        f.refused("FORBIDDEN", () -> f.act(f.maDong, s1, "urge", "opinion", "请加快"));
        f.refused("FORBIDDEN", () -> views.items(f.maDong, "admin", Map.of()));
        List<Map<String, Object>> admin = views.items(f.yangGuang, "admin", Map.of());
        assertEquals(2, admin.size());
        assertTrue(admin.stream().anyMatch(r -> r.get("handlerList").toString().contains("赵丽")));
        assertTrue(f.kernel.get(f.yangGuang, s1).availableActions().stream().anyMatch(a -> a.id().equals("admin_modify")));
        // Scenario 25: the result filter.
        f.act(f.yangGuang, s1, "admin_modify", "resultStatus", "COMPLETED", "opinion", "已线下办结");
        assertEquals(List.of(s1), itemIds(views.items(f.maDong, "summary", Map.of("resultStatus", "COMPLETED"))));
        assertEquals(List.of(s6), itemIds(views.items(f.maDong, "summary", Map.of("resultStatus", "NOT_COMPLETED"))));
        assertEquals(List.of(s6), itemIds(views.items(f.maDong, "summary", Map.of("leadUnitId",
                String.valueOf(f.construction.id())))));
    }

    @Test
    public void situationSummaryNumbers() {
        // 规划处: S1 closed on 03-20 (deadline 03-31), S7 closed on 03-11 (deadline 03-09, yellow), S13 open.
        long s1 = f.sentS1();
        long s7 = f.sentS1("deadline", "2026-03-09");
        long s13 = f.sentS1("deadline", "2026-06-30");
        long s6 = f.draftS1("leadUnitId", f.construction.id(), "coUnitIds", null, "deadline", "2026-03-09").id();
        f.act(f.zhouMin, s6, "send", "headUserId", f.sunQiang.userId());
        for (long id : new long[] {s1, s7}) {
            f.act(f.liJianhua, id, "self_handle", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                    "promisedDate", "2026-03-09");
        }
        f.act(f.liJianhua, s13, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "推进中", "measures", "加快",
                "promisedDate", "2026-06-30");
        f.moveTo("2026-03-10 00:00");
        f.moveTo("2026-03-11 10:00");
        f.act(f.zhouMin, s7, "close_item");
        f.moveTo("2026-03-20 10:00");
        f.act(f.zhouMin, s1, "close_item");
        f.moveTo("2026-03-31 10:00");
        assertEquals("OPEN", f.get(s13).state());
        Map<String, Object> s = views.summary(f.maDong, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), null,
                f.clock.nowInZone());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) s.get("rows");
        Map<String, Object> planning = rows.stream().filter(r -> r.get("leadUnitName").equals("规划处")).findFirst().get();
        Map<String, Object> construction = rows.stream().filter(r -> r.get("leadUnitName").equals("建设管理处")).findFirst()
                .get();
        assertEquals(List.of(3L, 1L, 2L, "66.7%", 1L, "50.0%", 0L, 0L), List.of(planning.get("total"), planning.get("open"),
                planning.get("closed"), planning.get("completionRate"), planning.get("closedOnTime"),
                planning.get("onTimeRate"), planning.get("overdueOpen"), planning.get("redCards")));
        assertEquals(List.of(1L, 1L, 0L, "0.0%", "—", 1L, 1L), List.of(construction.get("total"), construction.get("open"),
                construction.get("closed"), construction.get("completionRate"), construction.get("onTimeRate"),
                construction.get("overdueOpen"), construction.get("redCards")));
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) s.get("total");
        assertEquals(List.of(4L, 2L, "50.0%"), List.of(total.get("total"), total.get("closed"), total.get("completionRate")));
        f.refused("FORBIDDEN", () -> views.summary(f.zhangWei, null, null, null, f.clock.nowInZone()));
        // S13 was fed back on 03-02: no month without feedback in March, one on 1 May (April).
        Map<String, Object> row = views.items(f.maDong, "summary", Map.of()).stream()
                .filter(r -> r.get("itemId").equals(s13)).findFirst().get();
        assertEquals(0L, row.get("monthsWithoutFeedback"));
        f.at("2026-05-01 10:00");
        row = views.items(f.maDong, "summary", Map.of()).stream().filter(r -> r.get("itemId").equals(s13)).findFirst().get();
        assertEquals(1L, row.get("monthsWithoutFeedback"));
    }
}
