package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Spec §11 scenarios 32–34: the handling, summary and detail statistics on a known set of clues. */
public class ClueStatisticsTest {

    private static final LocalDate FROM = LocalDate.parse("2026-03-01");
    private static final LocalDate TO = LocalDate.parse("2026-03-31");
    private static final String FEEDBACK = "已督促用工单位足额支付拖欠工资，投诉人确认收到";

    private ClueFixture f;

    @Before
    public void setUp() {
        f = new ClueFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    /** D1–D6 of scenario 32. */
    private void scenario32Clues() {
        f.at("2026-03-02 09:00");
        f.completed(FEEDBACK); // D1 兰州市/城关区 COMPLETED
        f.atCounty(); // D2 兰州市/城关区 HANDLING at U-CG
        f.create("workplaceCountyCode", "620103"); // D3 兰州市/七里河区 PENDING_RECEIPT
        long d4 = f.create("workplaceCountyCode", null).id(); // D4 兰州市 PENDING_PROVINCE_REVIEW
        f.act(f.liqiang, d4, "receive");
        f.act(f.liqiang, d4, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
        f.act(f.liqiang, d4, "submit");
        long d5 = f.create("workplaceCityCode", "620500", "workplaceCountyCode", "620502").id(); // D5 天水市/秦州区, one return
        f.act(f.chenjing, d5, "receive");
        f.act(f.chenjing, d5, "transfer_within_city", "targetCountyCode", "620502");
        f.act(f.zhouhong, d5, "return", "opinion", "请市级直接办理");
        f.act(f.chenjing, d5, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
        f.act(f.chenjing, d5, "submit");
        f.at("2026-03-04 09:00");
        f.act(f.wangmin, d5, "approve");
        long d6 = f.create("workplaceCityCode", "620500", "workplaceCountyCode", null).id(); // D6 天水市, one rejection
        f.act(f.chenjing, d6, "receive");
        f.act(f.chenjing, d6, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
        f.act(f.chenjing, d6, "submit");
        f.act(f.wangmin, d6, "reject", "opinion", "请补充支付凭证");
        assertEquals(HANDLING, f.get(d6).state());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> stats, String name) {
        return ((List<Map<String, Object>>) stats.get("rows")).stream().filter(r -> name.equals(r.get("regionName")))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " in " + stats));
    }

    private static void expect(Map<String, Object> row, Object... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            Object actual = row.get((String) kv[i]);
            Object want = kv[i + 1];
            if (want instanceof Integer n) {
                assertEquals(kv[i] + " in " + row, (long) n, ((Number) actual).longValue());
            } else {
                assertEquals(kv[i] + " in " + row, want, actual);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void handlingStatisticsPerChildRegion() {
        scenario32Clues();
        Map<String, Object> province = f.views.handling(f.wangmin, FROM, TO);
        expect(row(province, "兰州市"), "total", 4, "pendingReceipt", 1, "handling", 1, "pendingReview", 1, "completed", 1,
                "completionRate", 25.0, "returnCount", 0, "rejectCount", 0);
        expect(row(province, "天水市"), "total", 2, "handling", 1, "completed", 1, "completionRate", 50.0, "returnCount", 1,
                "rejectCount", 1);
        expect(row(province, "省本级"), "total", 0);
        assertNull(row(province, "省本级").get("completionRate"));
        expect((Map<String, Object>) province.get("total"), "total", 6, "completed", 2, "completionRate", 33.3);

        Map<String, Object> city = f.views.handling(f.liqiang, FROM, TO);
        expect(row(city, "城关区"), "total", 2, "completed", 1, "completionRate", 50.0);
        expect(row(city, "七里河区"), "total", 1, "completed", 0, "completionRate", 0.0);
        expect(row(city, "市本级"), "total", 1, "pendingReview", 1, "completionRate", 0.0);
        expect((Map<String, Object>) city.get("total"), "total", 4);
        assertEquals(3, ((List<?>) city.get("rows")).size()); // 天水市 clues never appear

        Map<String, Object> county = f.views.handling(f.zhaogang, FROM, TO);
        expect(row(county, "城关区"), "total", 2, "completed", 1);
        // outside the period
        expect((Map<String, Object>) f.views.handling(f.wangmin, LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-30"))
                .get("total"), "total", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    public void summaryCountsAMergeGroupAsOneCase() {
        // 33.
        f.at("2026-03-03 09:00");
        long c11 = f.completed(FEEDBACK);
        long c12 = f.completed(FEEDBACK);
        f.atCounty();
        f.atCounty();
        f.create();
        f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c11, c12)));
        Map<String, Object> s = f.views.summary(f.zhaogang, FROM, TO, "month");
        Map<String, Object> march = ((List<Map<String, Object>>) s.get("rows")).get(0);
        assertEquals("2026-03", march.get("period"));
        expect(march, "newClues", 5, "caseCount", 4, "completed", 2, "mergeGroups", 1, "averageHandlingDays", 0.0);
        expect((Map<String, Object>) s.get("total"), "newClues", 5, "caseCount", 4);
        assertEquals(31, ((List<?>) f.views.summary(f.zhaogang, FROM, TO, "day").get("rows")).size());
        f.refused("INVALID_VALUE:bucket", () -> f.views.summary(f.zhaogang, FROM, TO, "week"));
    }

    @Test
    public void detailStatisticsListTheCityClues() {
        // 34.
        scenario32Clues();
        List<Map<String, Object>> rows = f.views.detail(f.liqiang, FROM, TO, Map.of());
        assertEquals(4, rows.size());
        for (Map<String, Object> r : rows) {
            assertEquals("兰州市", r.get("workplaceCity"));
            assertEquals("138****0001", r.get("complainantPhone"));
        }
        assertEquals(ClueViews.DETAIL_COLUMNS.size(), ClueViews.DETAIL_HEADERS.size());
        List<List<Object>> table = ClueResource.table(rows, ClueViews.DETAIL_COLUMNS);
        assertEquals(4, table.size());
        assertEquals(17, table.get(0).size());
        assertEquals(1, f.views.detail(f.liqiang, FROM, TO, Map.of("state", PENDING_PROVINCE_REVIEW)).size());
        f.refused("FORBIDDEN", () -> f.views.detail(f.mp, FROM, TO, Map.of()));
    }
}
