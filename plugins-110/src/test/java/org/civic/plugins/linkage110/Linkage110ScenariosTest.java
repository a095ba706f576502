package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Spec §11 scenarios 19, 23, 24, 25, 27, 28 and 31 on the real kernel with an in-memory database: the plain
 * logic of send-backs, extensions, cards and the department-callback flag, at the spec's instants (the
 * fixture's clock stands still between steps; cards are raised by the kernel's scanner as the platform does
 * after each move of the adjustable clock). Scenario 31 over HTTP, web against WeChat, is in Linkage110IT.
 */
public class Linkage110ScenariosTest {

    private Linkage110Fixture f;

    @Before
    public void setUp() {
        f = new Linkage110Fixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    /** The platform moves the clock, then raises the cards now due (ClockListener). */
    private void at(String local) {
        f.at(local);
        f.kernel.raiseDueCards();
    }

    private ItemView.Assignment task(long id, long unitId) {
        return f.get(id).assignments().stream().filter(a -> a.unitId() == unitId).reduce((a, b) -> b).orElseThrow();
    }

    private static ItemView.Clock clock(ItemView.Assignment task, String name) {
        return task.clocks().stream().filter(c -> c.name().equals(name)).reduce((a, b) -> b).orElseThrow();
    }

    private static OffsetDateTime t(String local) {
        return OffsetDateTime.parse(local.replace(' ', 'T') + ":00+08:00");
    }

    private List<String> cards(long id) {
        List<String> out = new ArrayList<>();
        for (ItemView.Assignment a : f.get(id).assignments()) {
            for (ItemView.Card c : a.cards()) {
                out.add(c.clock() + " " + c.colour() + " " + c.raisedAt().toInstant());
            }
        }
        return out;
    }

    private static String card(String clock, String colour, String local) {
        return clock + " " + colour + " " + t(local).toInstant();
    }

    /** A1 dispatched Mon 2026-03-02 10:00 to 张掖路 and signed by 白云 at 10:30 (deadline Thu 17:00). */
    private long signed() {
        long id = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, id, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        f.at("2026-03-02 10:30");
        f.act(f.baiyun, id, "sign");
        assertEquals(t("2026-03-05 17:00").toInstant(), clock(task(id, f.zyl.id()), "handling").deadline().toInstant());
        return id;
    }

    @Test
    public void scenario19SuperviseOneUnitOfSeveral() {
        long a8 = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, a8, "dispatch", "handlingUnitIds", List.of(f.zyl.id(), f.sj.id()));
        for (org.civic.core.api.org.Caller who : List.of(f.baiyun, f.kongming)) {
            f.act(who, a8, "sign");
            f.act(who, a8, "feedback", "content", "已现场处理完毕");
            f.act(who, a8, "dept_callback", "result", "SATISFIED", "content", "诉求人满意");
        }
        assertEquals("AWAITING_ARCHIVE", f.get(a8).state());
        f.at("2026-03-04 10:00");
        ItemView v = f.act(f.tianjing, a8, "supervise", "unitIds", List.of(f.sj.id()), "opinion", "反馈内容与现场不符，请重新核查",
                "handlingDeadline", "2026-03-06T17:00:00+08:00");
        assertEquals("DISPATCHED", v.state());
        assertEquals("HANDLING", task(a8, f.sj.id()).state());
        assertEquals("DONE", task(a8, f.zyl.id()).state());
        assertEquals(t("2026-03-06 17:00").toInstant(), clock(task(a8, f.sj.id()), "handling").deadline().toInstant());
        assertEquals(1L, (long) f.kernel.worklistCounts(f.tianjing, Linkage110Line.LINE).get("awaiting_feedback"));
        assertEquals(0L, (long) f.kernel.worklistCounts(f.tianjing, Linkage110Line.LINE).get("awaiting_archive"));
        // 张掖路 has nothing to do again; 市场监管局 must feed back and call back before A8 returns to 待归档
        f.refused("INVALID_STATE", () -> f.act(f.baiyun, a8, "feedback", "content", "再次反馈内容"));
        f.act(f.kongming, a8, "feedback", "content", "已重新核查，已责令整改");
        v = f.act(f.kongming, a8, "dept_callback", "result", "SATISFIED", "content", "诉求人满意");
        assertEquals("AWAITING_ARCHIVE", v.state());
    }

    @Test
    public void scenario23ExtensionApproved() {
        long a11 = signed();
        f.at("2026-03-04 10:00");
        f.act(f.baiyun, a11, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        f.act(f.tianjing, a11, "approve_extension", "unitId", f.zyl.id());
        assertEquals(t("2026-03-10 17:00").toInstant(), clock(task(a11, f.zyl.id()), "handling").deadline().toInstant());
        at("2026-03-05 17:30");
        assertEquals("no card at the old deadline", List.of(), cards(a11));
        at("2026-03-09 11:00");
        f.act(f.baiyun, a11, "feedback", "content", "已联合市场监管部门检查并整改");
        at("2026-03-20 17:00");
        assertEquals(List.of(), cards(a11));
        ItemView.Clock handling = clock(task(a11, f.zyl.id()), "handling");
        assertEquals("STOPPED", handling.status());
        assertTrue("fed back on time", !handling.stoppedAt().isAfter(handling.deadline()));
    }

    @Test
    public void scenario24ExtensionRules() {
        long a = signed();
        f.at("2026-03-05 17:10");
        f.refused("DEADLINE_PASSED", () -> f.act(f.baiyun, a, "request_extension", "newDeadline",
                "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查"));
        long b = signed();
        f.at("2026-03-04 10:00");
        f.refused("INVALID_VALUE:newDeadline", () -> f.act(f.baiyun, b, "request_extension", "newDeadline",
                "2026-03-05T17:00:00+08:00", "reason", "需协调市场监管部门联合检查"));
        f.act(f.baiyun, b, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        f.refused("REQUEST_PENDING", () -> f.act(f.baiyun, b, "request_extension", "newDeadline",
                "2026-03-11T17:00:00+08:00", "reason", "再次申请延期"));
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.tianjing, b, "reject_extension", "unitId", f.zyl.id()));
        // nothing of the refusals was written: the one request is still pending, the deadline unchanged
        assertEquals(1, ((List<?>) f.get(b).fields().get("pendingExtensions")).size());
        assertEquals(t("2026-03-05 17:00").toInstant(), clock(task(b, f.zyl.id()), "handling").deadline().toInstant());
    }

    @Test
    public void scenario25ExtensionPendingAtTheDeadlineThenRejected() {
        long a12 = signed();
        f.at("2026-03-05 16:00");
        f.act(f.baiyun, a12, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调市场监管部门联合检查");
        at("2026-03-05 17:00");
        at("2026-03-06 09:59");
        assertEquals("no card while the request is pending", List.of(), cards(a12));
        at("2026-03-06 10:00");
        f.act(f.tianjing, a12, "reject_extension", "unitId", f.zyl.id(), "opinion", "请按期办结");
        f.kernel.raiseDueCards();
        assertEquals(List.of(card("handling", "YELLOW", "2026-03-06 10:00")), cards(a12));
        at("2026-03-11 09:59");
        assertEquals(1, cards(a12).size());
        at("2026-03-11 10:00");
        assertEquals(List.of(card("handling", "YELLOW", "2026-03-06 10:00"), card("handling", "RED", "2026-03-11 10:00")),
                cards(a12));
    }

    @Test
    public void scenario27HandlingCards() {
        long a13 = signed();
        at("2026-03-05 16:59");
        assertEquals(List.of(), cards(a13));
        at("2026-03-05 17:00");
        assertEquals(List.of(card("handling", "YELLOW", "2026-03-05 17:00")), cards(a13));
        at("2026-03-10 16:59");
        assertEquals(1, cards(a13).size());
        // the scanner decides by recorded thresholds, not by scan time: a late scan raises at 17:00
        at("2026-03-12 08:00");
        assertEquals(List.of(card("handling", "YELLOW", "2026-03-05 17:00"), card("handling", "RED", "2026-03-10 17:00")),
                cards(a13));

        // feedback committed at Thu 16:59:59 would have produced no card
        long other = signed();
        f.clock.now = t("2026-03-05 16:59").plusSeconds(59).toInstant();
        f.act(f.baiyun, other, "feedback", "content", "已约谈餐馆经营者，责令整改");
        at("2026-03-20 17:00");
        assertEquals(List.of(), cards(other));
    }

    @Test
    public void scenario28DepartmentCallbackOverdueIsFlaggedWithoutACard() {
        long a = signed();
        f.at("2026-03-02 15:00");
        f.act(f.baiyun, a, "feedback", "content", "已约谈餐馆经营者，责令整改");
        ItemView.Clock callback = clock(task(a, f.zyl.id()), "callback");
        assertEquals(t("2026-03-03 15:00").toInstant(), callback.deadline().toInstant());
        at("2026-03-03 14:59");
        assertEquals(false, clock(task(a, f.zyl.id()), "callback").overdue());
        at("2026-03-03 15:01");
        callback = clock(task(a, f.zyl.id()), "callback");
        assertTrue("flagged 超时未回访", callback.overdue());
        assertTrue(callback.remainingMinutes() < 0);
        // S-ZYL is notified: the system's 超时未回访 entry, taken once at the deadline, owes the unit a push message
        List<ItemView.AuditEntry> notified = f.get(a).auditTrail().stream()
                .filter(e -> e.action().equals("callback_overdue")).toList();
        assertEquals(1, notified.size());
        assertEquals("system", notified.get(0).actor());
        assertEquals(t("2026-03-03 15:00"), notified.get(0).at());
        assertEquals("callback_overdue", ((Map<?, ?>) ((Map<?, ?>) f.get(a).fields().get(AppealRules.NOTICES))
                .get(Long.toString(f.zyl.id()))).get("event"));
        at("2026-03-10 15:00");
        assertEquals("no card for the department callback", List.of(), cards(a));
        assertEquals("notified once", 1, f.get(a).auditTrail().stream()
                .filter(e -> e.action().equals("callback_overdue")).count());
        // the late callback is still accepted
        assertEquals("DONE", task(f.act(f.baiyun, a, "dept_callback", "result", "SATISFIED", "content", "诉求人满意")
                .id(), f.zyl.id()).state());
    }

    @Test
    public void scenario31ConcurrentSignsAndConcurrentCallbackAndSendBack() throws Exception {
        for (int round = 0; round < 3; round++) {
            long a15 = f.draft().id();
            f.at("2026-03-02 10:00");
            f.act(f.tianjing, a15, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            List<Object> outcomes = race(() -> f.kernel.act(f.baiyun, a15, "sign", Linkage110Fixture.in(), null, "WEB"),
                    () -> f.kernel.act(f.baixue, a15, "sign", Linkage110Fixture.in(), null, WeChatLogins.CHANNEL));
            assertExactlyOneWon(outcomes);
            assertEquals(1, f.get(a15).auditTrail().stream().filter(e -> e.action().equals("sign")).count());
            assertEquals("HANDLING", task(a15, f.zyl.id()).state());

            long a16 = f.awaitingArchive();
            outcomes = race(() -> f.act(f.tianjing, a16, "confirm_callback", "result", "SATISFIED", "content", "回访满意"),
                    () -> f.act(f.hanxue, a16, "supervise", "unitIds", List.of(f.zyl.id()), "opinion", "请重新核查",
                            "handlingDeadline", "2026-03-06T17:00:00+08:00"));
            assertExactlyOneWon(outcomes);
            ItemView after = f.get(a16);
            boolean archived = outcomes.get(0) instanceof ItemView;
            assertEquals(archived ? "ARCHIVED" : "DISPATCHED", after.state());
            assertEquals(archived ? "DONE" : "HANDLING", task(a16, f.zyl.id()).state());
            assertEquals(1, after.auditTrail().stream()
                    .filter(e -> e.action().equals("confirm_callback") || e.action().equals("supervise")).count());
        }
    }

    private static void assertExactlyOneWon(List<Object> outcomes) {
        long won = outcomes.stream().filter(o -> o instanceof ItemView).count();
        assertEquals(outcomes.toString(), 1, won);
        for (Object o : outcomes) {
            if (o instanceof CivicException e) {
                assertTrue(e.code(), e.code().equals("CONFLICT") || e.code().equals("INVALID_STATE"));
            }
        }
    }

    /** Runs both at the same moment; each answers its view or its refusal. */
    private static List<Object> race(Callable<ItemView> first, Callable<ItemView> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<ItemView> c : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return c.call();
                    } catch (CivicException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
