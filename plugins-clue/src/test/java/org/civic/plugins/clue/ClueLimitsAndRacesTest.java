package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
import org.junit.Test;

/** Spec §11 scenarios 29–31 (races) and 35–36 (the optional time limits and their cards). */
public class ClueLimitsAndRacesTest {

    private static final String FEEDBACK = "已督促用工单位足额支付拖欠工资，投诉人确认收到";

    private static long count(ItemView v, String action) {
        return v.auditTrail().stream().filter(e -> action.equals(e.action())).count();
    }

    /** Runs the calls at the same moment; each answers its state afterwards, or the refusal's code. */
    private static List<String> race(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return c.call();
                    } catch (CivicException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<String> out = new ArrayList<>();
            for (Future<String> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void concurrentReceiveReviewAndReceiveAll() throws Exception {
        try (ClueFixture f = new ClueFixture()) {
            // 29. two officers of U-LZ receive the same clue
            long c15 = f.create().id();
            List<String> r = race(List.of(() -> f.act(f.liqiang, c15, "receive").state(),
                    () -> f.act(f.zhangli, c15, "receive").state()));
            assertEquals(r.toString(), 1, r.stream().filter(HANDLING::equals).count());
            assertTrue(r.toString(), r.stream().anyMatch(x -> x.equals("CONFLICT") || x.equals("INVALID_STATE")));
            assertEquals(1, count(f.get(c15), "receive"));

            // 30. the province approves and rejects at once
            long c16 = f.create("workplaceCountyCode", null).id();
            f.act(f.liqiang, c16, "receive");
            f.act(f.liqiang, c16, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
            f.act(f.liqiang, c16, "submit");
            List<String> review = race(List.of(() -> f.act(f.wangmin, c16, "approve").state(),
                    () -> f.act(f.sunlei, c16, "reject", "opinion", "请补充材料").state()));
            ItemView after = f.get(c16);
            List<?> records = (List<?>) after.fields().get("reviews");
            assertEquals(review.toString(), 1, records.size());
            String result = (String) ((Map<?, ?>) records.get(0)).get("result");
            if (COMPLETED.equals(after.state())) {
                assertEquals("APPROVED", result);
            } else {
                assertEquals(HANDLING, after.state());
                assertEquals(f.uLZ.id(), f.holder(c16));
                assertEquals("REJECTED", result);
            }

            // 31. receive_all races a single receive of one of its clues
            long c17 = f.create().id();
            long c18 = f.create().id();
            List<Object> all = new ArrayList<>();
            List<String> raced = race(List.of(() -> {
                all.add(ClueResource.receiveAll(f.kernel, f.views, f.liqiang, Map.of("clueIds", List.of(c17, c18))));
                return "done";
            }, () -> f.act(f.zhangli, c18, "receive").state()));
            assertEquals(HANDLING, f.get(c17).state());
            assertEquals(HANDLING, f.get(c18).state());
            assertEquals(1, count(f.get(c17), "receive"));
            assertEquals(1, count(f.get(c18), "receive"));
            Map<?, ?> answer = (Map<?, ?>) all.get(0);
            if (HANDLING.equals(raced.get(1))) {
                assertEquals(1, answer.get("received"));
                String code = (String) ((Map<?, ?>) ((List<?>) answer.get("skipped")).get(0)).get("code");
                assertTrue(code, code.equals("INVALID_STATE") || code.equals("CONFLICT"));
            } else {
                assertEquals(2, answer.get("received"));
            }
        }
    }

    @Test
    public void theReceiptLimitRaisesAYellowCardOnly() throws Exception {
        // 35.
        try (ClueFixture f = new ClueFixture(new Limits(1, null))) {
            f.at("2026-03-06 16:00");
            long c19 = f.create().id();
            ItemView.Clock receipt = f.get(c19).assignments().get(0).clocks().get(0);
            assertEquals("receipt", receipt.name());
            assertEquals("2026-03-09T16:00+08:00", receipt.deadline().toString());
            f.moveTo("2026-03-09 15:59");
            assertTrue(f.get(c19).cards().isEmpty());
            f.moveTo("2026-03-09 16:20");
            List<ItemView.Card> cards = f.get(c19).cards();
            assertEquals(1, cards.size());
            assertEquals("YELLOW", cards.get(0).colour());
            assertEquals("receipt", cards.get(0).clock());
            assertEquals(f.uLZ.id(), cards.get(0).unitId().longValue());
            assertEquals("2026-03-09T16:00+08:00", cards.get(0).raisedAt().toString());
            f.at("2026-03-09 16:30");
            assertEquals(HANDLING, f.act(f.liqiang, c19, "receive").state());
            f.moveTo("2026-03-20 16:30");
            assertEquals(1, f.get(c19).cards().size());
            assertTrue(f.events.contains("clue.yellow_card"));
            assertEquals("YELLOW", f.views.rows(f.liqiang, "case-management", Map.of()).get(0).get("card"));
        }
        try (ClueFixture f = new ClueFixture()) {
            f.at("2026-03-06 16:00");
            long c19 = f.create().id();
            f.moveTo("2026-03-20 16:30");
            assertTrue(f.get(c19).cards().isEmpty());
            assertTrue(f.get(c19).clocks().isEmpty());
        }
    }

    @Test
    public void theHandlingLimitRaisesYellowThenRedAgainstTheHolderOfTheMoment() throws Exception {
        // 36.
        try (ClueFixture f = new ClueFixture(new Limits(null, 10))) {
            f.at("2026-03-02 09:00");
            long c20 = f.atCounty();
            f.moveTo("2026-03-16 09:05");
            List<ItemView.Card> cards = f.get(c20).cards();
            assertEquals(1, cards.size());
            assertEquals("handling", cards.get(0).clock());
            assertEquals(f.uCG.id(), cards.get(0).unitId().longValue());
            assertEquals("2026-03-16T09:00+08:00", cards.get(0).raisedAt().toString());
            f.act(f.zhaogang, c20, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
            f.act(f.zhaogang, c20, "submit");
            f.act(f.liqiang, c20, "approve");
            assertEquals(PENDING_PROVINCE_REVIEW, f.get(c20).state());
            f.moveTo("2026-03-19 09:01");
            cards = f.get(c20).cards();
            assertEquals(2, cards.size());
            ItemView.Card red = cards.stream().filter(c -> "RED".equals(c.colour())).findFirst().orElseThrow();
            assertEquals(f.uP.id(), red.unitId().longValue());
            assertEquals("2026-03-19T09:00+08:00", red.raisedAt().toString());

            // completed before the red threshold: no red card
            f.at("2026-03-02 09:00");
            long other = f.atCounty();
            f.moveTo("2026-03-16 09:05");
            f.act(f.zhaogang, other, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
            f.act(f.zhaogang, other, "submit");
            f.act(f.liqiang, other, "approve");
            f.act(f.wangmin, other, "approve");
            f.moveTo("2026-03-25 09:00");
            assertEquals(List.of("YELLOW"), f.get(other).cards().stream().map(ItemView.Card::colour).toList());
        }
    }

    @Test
    public void aRegionHoldsOneClueUnit() throws Exception {
        try (ClueFixture f = new ClueFixture()) {
            CivicException e = f.refused("DUPLICATE:unitType", () -> f.org.createUnit(f.root,
                    new org.civic.core.api.org.UnitInput("城关区劳动监察第二大队", null, CLUE_UNIT, "620102", null, List.of(), null, null, null)));
            assertEquals(409, e.status());
        }
    }
}
