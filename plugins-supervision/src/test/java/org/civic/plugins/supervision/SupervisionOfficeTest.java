package org.civic.plugins.supervision;

import static org.civic.plugins.supervision.SupervisionFixture.flow;
import static org.civic.plugins.supervision.SupervisionFixture.id;
import static org.civic.plugins.supervision.SupervisionFixture.notices;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The office's and the administrator's actions, read notices, cards, the monthly urge and the races of
 * spec §11 (scenarios 20–23, 26–31).
 */
public class SupervisionOfficeTest {

    private SupervisionFixture f;

    @Before
    public void setUp() {
        f = new SupervisionFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    /** An item whose registration flow is at the handler (scenario 22's S5). */
    private long atHandler() {
        long id = f.sentS1();
        f.act(f.liJianhua, id, "delegate_down", "nextUserId", f.wangFang.userId());
        f.act(f.wangFang, id, "delegate_down", "nextUserId", f.zhangWei.userId());
        return id;
    }

    @Test
    public void administratorReplacesTheHandlerOfAnOpenNode() {
        long s5 = atHandler();
        ItemView v = f.act(f.yangGuang, s5, "admin_modify", "handlerUserId", f.chenChen.userId(), "opinion", "人员调整");
        assertEquals(f.chenChen.userId(), id(flow(v, "REGISTRATION").get("assigneeUserId")));
        assertEquals(1, notices(v, f.zhangWei).stream().filter(n -> "REASSIGNED".equals(n.get("kind"))).count());
        assertEquals(1, notices(v, f.chenChen).stream().filter(n -> "REASSIGNED".equals(n.get("kind"))).count());
        f.refused("NOT_ASSIGNEE", () -> f.act(f.zhangWei, s5, "submit_result", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成", "promisedDate", "2026-03-20"));
        f.act(f.chenChen, s5, "submit_result", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                "promisedDate", "2026-03-20");
        f.act(f.wangFang, s5, "approve");
        v = f.act(f.liJianhua, s5, "approve");
        assertEquals("OPEN", v.state());
        // The audit trail keeps the old and new values.
        ItemView.AuditEntry modify = v.auditTrail().stream().filter(a -> a.action().equals("admin_modify")).findFirst().get();
        assertEquals("人员调整", modify.opinion());
        assertTrue(modify.details().toString().contains("handlerUserId"));
        // 陈晨, not 张伟, is now on the chain for lead feedback.
        f.refused("NOT_HANDLER", () -> f.act(f.zhangWei, s5, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        f.act(f.chenChen, s5, "start_lead_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成");
    }

    @Test
    public void administratorRules() {
        long s1 = atHandler();
        f.act(f.zhangWei, s1, "submit_result", "outcome", "CO_HANDLING", "coHandlerUserIds", List.of(f.zhaoLi.userId()),
                "promisedDate", "2026-03-25");
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.yangGuang, s1, "admin_modify", "resultStatus", "COMPLETED"));
        f.refused("FORBIDDEN", () -> f.act(f.zhouMin, s1, "admin_modify", "resultStatus", "COMPLETED", "opinion", "改"));
        f.refused("INVALID_VALUE:handlerUserId", () -> f.act(f.yangGuang, s1, "admin_modify", "handlerUserId",
                f.zhaoLi.userId(), "opinion", "改"));
        f.refused("POSITION_HAS_PENDING_TASK", () -> f.act(f.yangGuang, s1, "admin_modify", "clearDeputy", true,
                "opinion", "改"));
        f.refused("MISSING_FIELD:headUserId", () -> f.act(f.yangGuang, s1, "admin_modify", "opinion", "改"));
        long draft = f.draftS1().id();
        f.refused("INVALID_STATE", () -> f.act(f.yangGuang, draft, "admin_modify", "resultStatus", "COMPLETED",
                "opinion", "改"));
        f.act(f.wangFang, s1, "approve");
        ItemView v = f.act(f.liJianhua, s1, "approve");
        assertEquals("AT_CO_HANDLER", flow(v, "CO_FEEDBACK").get("state"));
        v = f.act(f.yangGuang, s1, "admin_modify", "coHandlersRemove", List.of(f.zhaoLi.userId()), "opinion", "不再协办");
        assertEquals("CANCELLED", flow(v, "CO_FEEDBACK").get("state"));
        assertTrue(((List<?>) v.fields().get("coHandlers")).isEmpty());
        f.refused("NOT_HANDLER", () -> f.act(f.zhaoLi, s1, "start_co_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        // Adding 刘洋 as a co-handler gives him a co-feedback flow; the result status never changes the state.
        v = f.act(f.yangGuang, s1, "admin_modify", "coHandlersAdd", List.of(f.liuYang.userId()), "resultStatus",
                "COMPLETED", "opinion", "调整");
        assertEquals("AT_CO_HANDLER", flow(v, "CO_FEEDBACK").get("state"));
        assertEquals(f.liuYang.userId(), id(flow(v, "CO_FEEDBACK").get("assigneeUserId")));
        assertEquals("OPEN", v.state());
        f.act(f.yangGuang, s1, "admin_modify", "resultStatus", "NOT_COMPLETED", "opinion", "恢复");
        assertEquals("OPEN", f.get(s1).state());
    }

    @Test
    public void urgeAndDeadlineChangeAndMarkRead() {
        long draft = f.draftS1().id();
        f.refused("INVALID_STATE", () -> f.act(f.zhouMin, draft, "urge", "opinion", "请于本周五前报送进展"));
        long s1 = f.afterScenario7();
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.zhouMin, s1, "urge"));
        f.refused("FORBIDDEN", () -> f.act(f.liJianhua, s1, "urge", "opinion", "请于本周五前报送进展"));
        ItemView v = f.act(f.zhouMin, s1, "urge", "opinion", "请于本周五前报送进展");
        for (Caller c : List.of(f.liJianhua, f.wangFang, f.zhangWei, f.zhaoLi)) {
            assertEquals(c.loginName(), 1, notices(v, c).stream().filter(n -> "URGE".equals(n.get("kind"))).count());
        }
        assertEquals(0, notices(v, f.chenChen).size());
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.zhouMin, s1, "change_deadline", "deadline", "2026-04-30"));
        f.refused("INVALID_VALUE:deadline", () -> f.act(f.zhouMin, s1, "change_deadline", "deadline", "2026-03-01",
                "opinion", "延期"));
        v = f.act(f.zhouMin, s1, "change_deadline", "deadline", "2026-04-30", "opinion", "领导同意延期");
        assertEquals("2026-04-30", v.fields().get("deadline"));

        // Mark read: only the recipient; the others keep theirs.
        long notice = id(notices(v, f.liJianhua).stream().filter(n -> "URGE".equals(n.get("kind"))).findFirst().get()
                .get("id"));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.zhangWei, s1, "mark_read", "noticeId", notice));
        v = f.act(f.liJianhua, s1, "mark_read", "noticeId", notice);
        assertNotNull(notices(v, f.liJianhua).stream().filter(n -> id(n.get("id")) == notice).findFirst().get().get("readAt"));
        assertTrue(notices(v, f.wangFang).stream().allMatch(n -> n.get("readAt") == null));
    }

    @Test
    public void cardsFollowTheDeadlineOnTheWorkingCalendar() {
        long s7 = f.sentS1("deadline", "2026-03-09");
        long s8 = f.sentS1("deadline", "2026-03-09");
        f.moveTo("2026-03-06 10:00");
        f.act(f.zhouMin, s8, "change_deadline", "deadline", "2026-03-20", "opinion", "领导同意延期");
        f.moveTo("2026-03-09 23:59");
        assertTrue(f.get(s7).cards().isEmpty());
        f.moveTo("2026-03-10 00:00");
        ItemView v = f.get(s7);
        assertEquals(1, v.cards().size());
        assertEquals("YELLOW", v.cards().get(0).colour().toUpperCase());
        assertEquals(f.planning.id(), v.cards().get(0).unitId().longValue());
        assertEquals("2026-03-10T00:00+08:00", v.cards().get(0).raisedAt().toString());
        assertTrue(f.get(s8).cards().isEmpty());
        assertEquals(List.of("YELLOW_CARD"), kinds(v, f.liJianhua, "_CARD"));
        assertEquals(List.of("YELLOW_CARD"), kinds(v, f.zhouMin, "_CARD"));
        f.moveTo("2026-03-13 00:00");
        v = f.get(s7);
        assertEquals(2, v.cards().size());
        assertEquals(List.of("YELLOW_CARD", "RED_CARD"), kinds(v, f.liJianhua, "_CARD"));
        f.moveTo("2026-03-13 10:00");
        assertEquals("each card is announced once", 2, kinds(f.get(s7), f.liJianhua, "_CARD").size());
        assertTrue(f.events.contains("supervision.red_card"));
    }

    @Test
    public void closingStopsTheRedCard() {
        long s7 = f.sentS1("deadline", "2026-03-09");
        f.act(f.liJianhua, s7, "self_handle", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                "promisedDate", "2026-03-09");
        f.moveTo("2026-03-10 00:00");
        f.moveTo("2026-03-11 10:00");
        f.act(f.zhouMin, s7, "close_item");
        f.moveTo("2026-03-13 00:00");
        assertEquals(1, f.get(s7).cards().size());
    }

    @Test
    public void monthlyUrgeOnTheFirstWorkingDayForItemsWithoutFeedback() {
        f.moveTo("2026-02-20 10:00");
        long s9 = f.sentS1("assignedDate", "2026-02-20", "deadline", "2026-06-30");
        f.act(f.liJianhua, s9, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "推进中", "measures", "加快",
                "promisedDate", "2026-06-30");
        f.moveTo("2026-03-25 10:00");
        long s10 = f.sentS1("deadline", "2026-06-30");
        f.act(f.liJianhua, s10, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "推进中", "measures", "加快",
                "promisedDate", "2026-06-30");
        long s11 = f.sentS1("deadline", "2026-06-30");
        f.act(f.liJianhua, s11, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "推进中", "measures", "加快",
                "promisedDate", "2026-06-30");
        f.act(f.yangGuang, s11, "admin_modify", "resultStatus", "COMPLETED", "opinion", "已线下办结");
        f.moveTo("2026-04-01 08:59");
        assertTrue(urges(s9).isEmpty());
        f.moveTo("2026-04-01 09:00");
        List<Map<String, Object>> urges = urges(s9);
        assertEquals(1, urges.size());
        assertEquals(Boolean.TRUE, urges.get(0).get("auto"));
        assertEquals(List.of(f.liJianhua.userId()), SupervisionRules.longs(urges.get(0).get("recipientUserIds")));
        assertTrue(urges(s10).isEmpty());
        assertTrue(urges(s11).isEmpty());
        f.moveTo("2026-04-01 10:00");
        assertEquals("once a month", 1, urges(s9).size());
        assertTrue(f.events.contains("supervision.monthly_urge"));
    }

    @Test
    public void dueSoonNoticeThreeWorkingDaysBefore() {
        long s1 = f.sentS1("deadline", "2026-03-09");
        f.moveTo("2026-03-04 08:59");
        assertTrue(notices(f.get(s1), f.liJianhua).isEmpty());
        f.moveTo("2026-03-04 09:00");
        assertEquals(List.of("DUE_SOON"), notices(f.get(s1), f.liJianhua).stream().map(n -> n.get("kind")).toList());
        f.moveTo("2026-03-05 09:00");
        assertEquals(1, notices(f.get(s1), f.liJianhua).size());
    }

    private static List<Object> kinds(ItemView v, Caller to, String suffix) {
        return notices(v, to).stream().map(n -> n.get("kind")).filter(k -> k.toString().endsWith(suffix)).toList();
    }

    @Test
    public void reminderParametersAreConfigurable() {
        long s1 = f.sentS1("deadline", "2026-03-09");
        SupervisionScheduler oneDayAtTen = new SupervisionScheduler(f.kernel, f.calendars, f.clock, 1, 10);
        f.at("2026-03-04 09:00");
        assertEquals(0, oneDayAtTen.run());
        f.at("2026-03-06 09:59");
        assertEquals(0, oneDayAtTen.run());
        f.at("2026-03-06 10:00");
        assertEquals(1, oneDayAtTen.run());
        assertEquals(List.of("DUE_SOON"), notices(f.get(s1), f.liJianhua).stream().map(n -> n.get("kind")).toList());
        assertEquals(0, oneDayAtTen.run());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> urges(long id) {
        return (List<Map<String, Object>>) f.get(id).fields().get("urges");
    }

    @Test
    public void concurrentEndsLetExactlyOneWin() throws Exception {
        long s12 = f.openByHead();
        List<CivicException> refusals = race(() -> f.act(f.zhouMin, s12, "close_item", "opinion", "一"),
                () -> f.act(f.wuQian, s12, "close_item", "opinion", "二"));
        assertEquals(1, refusals.size());
        assertTrue(List.of("CONFLICT", "INVALID_STATE").contains(refusals.get(0).code()));
        assertEquals(1, f.get(s12).auditTrail().stream().filter(a -> a.action().equals("close_item")).count());
    }

    @Test
    public void approveAndAdministratorChangeOnTheSameVersionLetExactlyOneWin() {
        long s1 = atHandler();
        f.act(f.zhangWei, s1, "submit_result", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                "promisedDate", "2026-03-20");
        long seen = f.get(s1).version();
        f.kernel.act(f.wangFang, s1, "approve", SupervisionFixture.in(), seen, "REST");
        ItemView before = f.get(s1);
        f.refused("CONFLICT", () -> f.kernel.act(f.yangGuang, s1, "admin_modify",
                SupervisionFixture.in("resultStatus", "COMPLETED", "opinion", "并发"), seen, "REST"));
        ItemView after = f.get(s1);
        assertEquals(before.version(), after.version());
        assertEquals("NOT_COMPLETED", after.fields().get("resultStatus"));
        assertEquals("PENDING_HEAD_APPROVAL", flow(after, "REGISTRATION").get("state"));
    }

    private List<CivicException> race(Runnable a, Runnable b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CivicException>> results = new ArrayList<>();
        for (Runnable r : List.of(a, b)) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    r.run();
                    return null;
                } catch (CivicException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<CivicException> refusals = new ArrayList<>();
        for (Future<CivicException> r : results) {
            if (r.get() != null) {
                refusals.add(r.get());
            }
        }
        pool.shutdown();
        return refusals;
    }
}
