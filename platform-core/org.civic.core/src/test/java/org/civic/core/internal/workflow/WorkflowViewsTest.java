package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.internal.TestSupport;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Worklists (region and unit audiences) with counts, queries with every filter, sort and paging, statistics. */
public class WorkflowViewsTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private static ItemQuery q(String state, String assignmentState, String region, Long unit, OffsetDateTime from,
            OffsetDateTime to, String card, String text, String sort) {
        return new ItemQuery(state, assignmentState, region, unit, from, to, card, text, sort, 0, 50);
    }

    private List<Long> ids(Caller c, ItemQuery query) {
        return f.kernel.query(c, LINE, query).items().stream().map(ItemSummary::id).toList();
    }

    private List<Long> list(Caller c, String worklist) {
        return f.kernel.worklist(c, LINE, worklist, ItemQuery.all(0, 50)).items().stream().map(ItemSummary::id).toList();
    }

    @Test
    public void worklistsCountWhatEachAudienceMayOpen() {
        long draft = f.draft("草稿").id();
        long both = f.dispatched(f.housing, f.market);
        f.at("2026-03-02 10:10");
        long signed = f.dispatched(f.housing);
        f.act(f.housingHandler, signed, "sign");
        long other = f.kernel.create(f.otherCounty, LINE, in("title", "七里河件", "category", "ROAD"), "REST").id();
        f.kernel.act(f.otherCounty, other, "dispatch", in("unitIds", List.of(f.qlhHousing.id())), null, "REST");

        assertEquals(Map.of("drafts", 1L, "in_progress", 2L, "mine", 0L), f.kernel.worklistCounts(f.dispatcher, LINE));
        assertEquals(Map.of("to_sign", 1L, "handling", 1L, "mine", 2L), f.kernel.worklistCounts(f.housingHandler, LINE));
        assertEquals(Map.of("to_sign", 1L, "handling", 0L, "mine", 1L), f.kernel.worklistCounts(f.marketHandler, LINE));
        assertEquals(Map.of("to_sign", 0L, "handling", 0L, "mine", 0L), f.kernel.worklistCounts(f.waterHandler, LINE));
        assertEquals(Map.of("in_progress", 2L, "mine", 0L), f.kernel.worklistCounts(f.auditor, LINE));
        assertEquals(Map.of("drafts", 0L, "in_progress", 1L, "mine", 0L), f.kernel.worklistCounts(f.otherCounty, LINE));
        assertEquals("the city sees both counties", Map.of("drafts", 1L, "in_progress", 3L, "mine", 0L),
                f.kernel.worklistCounts(f.cityDispatcher, LINE));
        assertEquals(List.of(draft), list(f.dispatcher, "drafts"));
        assertEquals(List.of(both), list(f.housingHandler, "to_sign"));
        assertEquals(List.of(signed), list(f.housingHandler, "handling"));
        assertEquals(List.of(both), list(f.marketHandler, "to_sign"));
        assertEquals(List.of(other), list(f.otherCountyHandler, "to_sign"));
        // counts agree with the lists
        for (Caller c : List.of(f.dispatcher, f.housingHandler, f.marketHandler, f.auditor, f.cityDispatcher)) {
            f.kernel.worklistCounts(c, LINE).forEach((name, n) -> assertEquals(c.loginName() + " " + name, n.longValue(),
                    f.kernel.worklist(c, LINE, name, ItemQuery.all(0, 1)).total()));
        }
        refused("FORBIDDEN", () -> f.kernel.worklist(f.auditor, LINE, "drafts", ItemQuery.all(0, 10)));
        refused("FORBIDDEN", () -> f.kernel.worklist(f.dispatcher, LINE, "to_sign", ItemQuery.all(0, 10)));
        refused("NOT_FOUND", () -> f.kernel.worklist(f.dispatcher, LINE, "nope", ItemQuery.all(0, 10)));
        refused("NOT_FOUND", () -> f.kernel.worklistCounts(f.dispatcher, "noline"));
    }

    @Test
    public void worklistsSortByTheirDefaultAndPage() {
        long normal = f.dispatched(f.housing);                       // sign deadline 12:00
        f.at("2026-03-02 10:20");
        long urgent = f.dispatchedWith(Map.of("urgent", true, "title", "燃气泄漏"), f.housing);  // sign deadline 10:50
        assertEquals("to_sign sorts by deadline", List.of(urgent, normal), list(f.housingHandler, "to_sign"));
        assertEquals("mine sorts by creation", List.of(normal, urgent), list(f.housingHandler, "mine"));
        Page<ItemSummary> page = f.kernel.worklist(f.housingHandler, LINE, "to_sign", ItemQuery.all(1, 1));
        assertEquals(2, page.total());
        assertEquals(List.of(normal), page.items().stream().map(ItemSummary::id).toList());
        assertEquals(1, page.offset());
        assertEquals(List.of(normal, urgent), f.kernel.worklist(f.housingHandler, LINE, "to_sign",
                ItemQuery.all(0, 10).page(0, 10)).items().stream().map(ItemSummary::id).sorted().toList());
        ItemSummary row = f.kernel.worklist(f.housingHandler, LINE, "to_sign", ItemQuery.all(0, 1)).items().get(0);
        assertEquals(t("2026-03-02 10:50"), row.deadline());
        assertEquals(30L, row.remainingMinutes().longValue());
        assertEquals("办理中", row.stateLabel().zh());
        assertEquals(1, row.holders().size());
        assertEquals("PENDING_SIGN", row.holders().get(0).state());
        assertEquals(f.housing.id(), row.holders().get(0).unitId());
        assertEquals(Boolean.TRUE, row.fields().get("urgent"));
    }

    @Test
    public void queriesFilterByEveryCriterionWithinTheCallersScope() {
        long draft = f.draft("路灯不亮").id();
        long both = f.dispatched(f.housing, f.market);
        f.at("2026-03-03 09:00");
        long signed = f.dispatched(f.housing);
        f.act(f.housingHandler, signed, "sign");
        long other = f.kernel.create(f.otherCounty, LINE, in("title", "七里河路灯", "category", "ROAD"), "REST").id();
        String signedNumber = f.view(signed).number();

        assertEquals(List.of(signed, both, draft), ids(f.dispatcher, q(null, null, null, null, null, null, null, null, null)));
        assertEquals(List.of(draft), ids(f.dispatcher, q("DRAFT", null, null, null, null, null, null, null, null)));
        assertEquals(List.of(signed), ids(f.dispatcher, q(null, "HANDLING", null, null, null, null, null, null, null)));
        assertEquals(List.of(signed, both), ids(f.dispatcher, q(null, null, null, f.housing.id(), null, null, null,
                null, null)));
        assertEquals(List.of(both), ids(f.dispatcher, q(null, null, null, f.market.id(), null, null, null, null, null)));
        assertEquals("created before is exclusive", List.of(both, draft), ids(f.dispatcher, q(null, null, null, null, null,
                t("2026-03-03 09:00"), null, null, null)));
        assertEquals(List.of(signed), ids(f.dispatcher, q(null, null, null, null, t("2026-03-03 09:00"), null, null, null,
                null)));
        assertEquals(List.of(draft), ids(f.dispatcher, q(null, null, null, null, null, null, null, "不亮", null)));
        assertEquals(List.of(signed), ids(f.dispatcher, q(null, null, null, null, null, null, null,
                signedNumber.substring(signedNumber.length() - 13).toLowerCase(), null)));
        assertEquals(List.of(draft, both, signed), ids(f.dispatcher, q(null, null, null, null, null, null, null, null,
                "createdAt")));
        assertEquals(List.of(draft, both, signed), ids(f.dispatcher, q(null, null, null, null, null, null, null, null,
                "number")));
        assertEquals(List.of(signed, both, draft), ids(f.dispatcher, q(null, null, null, null, null, null, null, null,
                "-number")));
        // region subtree: the city sees both counties, a county only its own even when it asks for the other
        assertEquals(List.of(other, signed, both, draft), ids(f.cityDispatcher, q(null, null, "620100", null, null, null,
                null, null, null)));
        assertEquals(List.of(other), ids(f.cityDispatcher, q(null, null, "620103", null, null, null, null, null, null)));
        assertEquals(List.of(), ids(f.dispatcher, q(null, null, "620103", null, null, null, null, null, null)));
        assertEquals(List.of(other), ids(TestSupport.globalAdmin(), q(null, null, null, null, null, null, null, "七里河",
                null)));
        Page<ItemSummary> page = f.kernel.query(f.dispatcher, LINE, ItemQuery.all(2, 2));
        assertEquals(3, page.total());
        assertEquals(List.of(draft), page.items().stream().map(ItemSummary::id).toList());
        refused("INVALID_VALUE:sort", () -> ids(f.dispatcher, q(null, null, null, null, null, null, null, null, "colour")));
        refused("INVALID_VALUE:card", () -> ids(f.dispatcher, q(null, null, null, null, null, null, "GREEN", null, null)));
        refused("INVALID_VALUE:regionCode", () -> ids(f.dispatcher, q(null, null, "62", null, null, null, null, null,
                null)));
        refused("NOT_FOUND", () -> f.kernel.query(f.dispatcher, "noline", ItemQuery.all(0, 10)));
    }

    @Test
    public void statisticsCountOpenClosedOnTimeAndOverdueInTheCallersScope() {
        long onTime = f.dispatched(f.housing);
        long overdueOpen = f.dispatched(f.market);
        long lateClosed = f.dispatched(f.housing);
        f.act(f.housingHandler, onTime, "sign");
        f.at("2026-03-02 10:30");
        f.act(f.housingHandler, onTime, "feedback", "content", "已修复");
        f.at("2026-03-02 12:00");
        f.act(f.dispatcher, onTime, "close", "opinion", "办结");
        f.at("2026-03-02 15:00");
        assertEquals("the sign cards of the two unsigned items", 2, f.kernel.raiseDueCards());
        f.act(f.housingHandler, lateClosed, "sign");
        f.act(f.housingHandler, lateClosed, "feedback", "content", "迟到的反馈");
        f.at("2026-03-03 09:00");
        f.draft("新草稿");
        f.kernel.create(f.otherCounty, LINE, in("title", "七里河件", "category", "WATER"), "REST");
        f.at("2026-03-03 10:00");
        f.act(f.dispatcher, lateClosed, "close", "opinion", "办结");

        Statistic byState = f.kernel.statistic(f.dispatcher, LINE, "by-state", ItemQuery.all(0, 1));
        Statistic.Row total = byState.total();
        assertEquals(4, total.total());
        assertEquals(2, total.open());
        assertEquals(2, total.closed());
        assertEquals(1, total.onTime());
        assertEquals(2, total.overdue());
        assertEquals(0.5, total.onTimeRate(), 1e-9);
        assertEquals(0.5, total.overdueRate(), 1e-9);
        assertEquals("(2 h + 24 h) / 2", 13.0, total.averageHandlingHours(), 1e-9);
        assertEquals(List.of("CLOSED 已办结 2", "DISPATCHED 办理中 1", "DRAFT 待派发 1"), byState.rows().stream()
                .map(r -> r.key() + " " + r.label() + " " + r.total()).toList());
        Statistic.Row dispatchedRow = byState.rows().get(1);
        assertEquals(1, dispatchedRow.overdue());
        assertNull("no item of the group closed", dispatchedRow.onTimeRate());

        Statistic byDay = f.kernel.statistic(f.dispatcher, LINE, "by-day", ItemQuery.all(0, 1));
        assertEquals(List.of("2026-03-02 3 2", "2026-03-03 1 0"), byDay.rows().stream()
                .map(r -> r.key() + " " + r.total() + " " + r.closed()).toList());
        assertEquals(List.of("2026-03 4"), f.kernel.statistic(f.dispatcher, LINE, "by-month", ItemQuery.all(0, 1)).rows()
                .stream().map(r -> r.key() + " " + r.total()).toList());
        Statistic byUnit = f.kernel.statistic(f.dispatcher, LINE, "by-unit", ItemQuery.all(0, 1));
        assertEquals(List.of("城关区住建局 2 1 1", "城关区市场监管局 1 0 1"), byUnit.rows().stream()
                .map(r -> r.label() + " " + r.total() + " " + r.onTime() + " " + r.overdue()).sorted().toList());
        Statistic byRegion = f.kernel.statistic(f.cityDispatcher, LINE, "by-region", ItemQuery.all(0, 1));
        assertEquals(List.of("620102 城关区 4", "620103 七里河区 1"), byRegion.rows().stream()
                .map(r -> r.key() + " " + r.label() + " " + r.total()).toList());
        assertEquals(List.of("620100 兰州市 5"), f.kernel.statistic(f.province, LINE, "by-region", ItemQuery.all(0, 1))
                .rows().stream().map(r -> r.key() + " " + r.label() + " " + r.total()).toList());
        // filters apply, and another county sees only its own item
        assertEquals(2, f.kernel.statistic(f.dispatcher, LINE, "by-state",
                q("CLOSED", null, null, null, null, null, null, null, null)).total().total());
        Statistic.Row qlh = f.kernel.statistic(f.otherCounty, LINE, "by-state", ItemQuery.all(0, 1)).total();
        assertEquals(1, qlh.total());
        assertEquals(0, qlh.overdue());
        assertNull(qlh.onTimeRate());
        refused("NOT_FOUND", () -> f.kernel.statistic(f.dispatcher, LINE, "by-weather", ItemQuery.all(0, 1)));
        assertEquals(List.of(lateClosed, overdueOpen), ids(f.dispatcher, q(null, null, null, null, null, null, "YELLOW",
                null, null)));
        assertEquals(List.of(onTime, lateClosed), ids(f.dispatcher, q("CLOSED", null, null, null, null, null, null, null,
                "createdAt")));
    }
}
