package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Spec §11 scenarios 1–21 and 28: intake, receipt, transfers, returns, feedback, submit and both reviews. */
public class ClueFlowTest {

    private ClueFixture f;

    @Before
    public void setUp() {
        f = new ClueFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private List<String> trailActions(long id) {
        return f.get(id).auditTrail().stream().map(ItemView.AuditEntry::action).toList();
    }

    @Test
    public void theC1SequenceFromIntakeToCompletion() {
        // 1. intake with a workplace city
        ItemView c1 = f.create();
        long id = c1.id();
        assertEquals("XS20260302000001", c1.number());
        assertEquals("XS20260302000001", c1.fields().get("clueNo"));
        assertEquals(PENDING_RECEIPT, c1.state());
        assertEquals(f.uLZ.id(), f.holder(id));
        assertEquals("CITY", c1.fields().get("holderLevel"));
        assertEquals(List.of(id), f.ids(f.liqiang, "pending-receipt"));
        assertTrue(f.ids(f.zhaogang, "pending-receipt").isEmpty());
        assertEquals(1, c1.auditTrail().size());
        assertEquals("create", c1.auditTrail().get(0).action());
        assertEquals("MINI_PROGRAM", c1.auditTrail().get(0).channel());
        assertEquals(1, f.events.stream().filter("clue.create"::equals).count());

        // 6. receive by the wrong unit (陈静 cannot even see a 兰州 clue: NOT_FOUND, spec README rule 3)
        ClueFixture.Snapshot pending = f.snapshot(id);
        f.refused("NOT_FOUND", () -> f.act(f.chenjing, id, "receive"));
        f.refused("OUT_OF_SCOPE", () -> f.act(f.zhaogang, id, "receive"));
        f.refused("FORBIDDEN", () -> f.act(f.wangmin, id, "receive"));
        pending.unchanged();

        // 4. receive one
        f.at("2026-03-02 09:30");
        ItemView received = f.act(f.liqiang, id, "receive");
        assertEquals(HANDLING, received.state());
        assertEquals("2026-03-02T09:30:00+08:00", received.fields().get("receivedAt"));
        assertFalse(f.ids(f.liqiang, "pending-receipt").contains(id));
        assertTrue(f.ids(f.liqiang, "case-management").contains(id));
        assertTrue(f.ids(f.liqiang, "city-transfer").contains(id));

        // 8. intra-city transfer rejections
        ClueFixture.Snapshot handling = f.snapshot(id);
        f.refused("INVALID_VALUE:targetCountyCode", () -> f.act(f.liqiang, id, "transfer_within_city", "targetCountyCode", "620502"));
        CivicException missing = f.refused("MISSING_FIELD:targetCountyCode", () -> f.act(f.liqiang, id, "transfer_within_city"));
        assertEquals(400, missing.status());
        f.refused("FORBIDDEN", () -> f.act(f.wangmin, id, "transfer_within_city", "targetCountyCode", "620102"));
        f.refused("FORBIDDEN", () -> f.act(f.liqiang, id, "transfer_within_province", "targetCityCode", "620500"));
        long stillPending = f.create().id();
        f.refused("INVALID_STATE", () -> f.act(f.liqiang, stillPending, "transfer_within_city", "targetCountyCode", "620102"));
        handling.unchanged();

        // 7. intra-city transfer
        ItemView sent = f.act(f.liqiang, id, "transfer_within_city", "targetCountyCode", "620102");
        assertEquals(PENDING_RECEIPT, sent.state());
        assertEquals(f.uCG.id(), f.holder(id));
        assertEquals("COUNTY", sent.fields().get("holderLevel"));
        assertEquals("620102", sent.fields().get("workplaceCountyCode"));
        assertEquals(f.uLZ.id(), ((Number) sent.fields().get("sentByUnitId")).longValue());
        assertEquals(List.of(id), f.ids(f.zhaogang, "pending-receipt"));

        // 9. the county handles and adds progress
        f.at("2026-03-02 14:00");
        f.act(f.zhaogang, id, "receive");
        f.act(f.zhaogang, id, "add_progress", "summary", "已约谈用工单位负责人，责令3日内支付");
        Map<?, ?> first = (Map<?, ?>) f.views.progress(f.wangmin, id).get(0);
        assertEquals("已约谈用工单位负责人，责令3日内支付", first.get("summary"));
        assertEquals(f.uCG.id(), ((Number) first.get("unitId")).longValue());
        assertEquals("赵刚", first.get("userName"));
        Map<String, Object> mine = f.complainant.clue(f.mp, "mp-001", id);
        assertEquals("已约谈用工单位负责人，责令3日内支付", ((Map<?, ?>) ((List<?>) mine.get("progress")).get(0)).get("summary"));

        // 10. progress validation and scope
        ClueFixture.Snapshot atCounty = f.snapshot(id);
        f.refused("MISSING_FIELD:summary", () -> f.act(f.zhaogang, id, "add_progress", "summary", "  "));
        f.refused("INVALID_VALUE:summary", () -> f.act(f.zhaogang, id, "add_progress", "summary", "长".repeat(501)));
        f.refused("NOT_FOUND", () -> f.act(f.liuyang, id, "add_progress", "summary", "七里河区的进度"));
        f.refused("OUT_OF_SCOPE", () -> f.act(f.liqiang, id, "add_progress", "summary", "市里的进度"));

        // 11. submit needs the completion feedback
        f.refused("COMPLETION_FEEDBACK_REQUIRED", () -> f.act(f.zhaogang, id, "submit"));
        atCounty.unchanged();

        // 12. completion feedback and submit from the county
        f.at("2026-03-05 10:00");
        f.refused("INVALID_VALUE:handledDate", () -> f.act(f.zhaogang, id, "record_completion_feedback",
                "resultSummary", "已督促用工单位足额支付拖欠工资18600元，投诉人确认收到", "handledDate", "2026-03-06"));
        f.act(f.zhaogang, id, "record_completion_feedback", "resultSummary", "已督促用工单位足额支付拖欠工资18600元，投诉人确认收到",
                "handledDate", "2026-03-05");
        ItemView submitted = f.act(f.zhaogang, id, "submit");
        assertEquals(PENDING_CITY_REVIEW, submitted.state());
        assertEquals(f.uLZ.id(), f.holder(id));
        assertEquals(List.of(id), f.ids(f.liqiang, "review-pending"));

        // 13. the city approves
        ItemView approved = f.act(f.zhangli, id, "approve");
        assertEquals(PENDING_PROVINCE_REVIEW, approved.state());
        assertEquals(f.uP.id(), f.holder(id));
        Map<?, ?> cityReview = (Map<?, ?>) f.views.reviewHistory(f.wangmin, id).get(0);
        assertEquals("CITY", cityReview.get("reviewLevel"));
        assertEquals("APPROVED", cityReview.get("result"));
        assertEquals("张丽", cityReview.get("reviewerName"));
        assertTrue(f.ids(f.liqiang, "reviewed").contains(id));

        // 14. the province approves
        f.at("2026-03-06 11:00");
        int before = f.events.size();
        ItemView done = f.act(f.wangmin, id, "approve");
        assertEquals(COMPLETED, done.state());
        assertEquals("2026-03-06T11:00:00+08:00", done.fields().get("completedAt"));
        assertTrue(f.events.subList(before, f.events.size()).contains("clue.completed"));
        Map<String, Object> seen = f.complainant.clue(f.mp, "mp-001", id);
        assertEquals("已督促用工单位足额支付拖欠工资18600元，投诉人确认收到",
                ((Map<?, ?>) seen.get("completionFeedback")).get("resultSummary"));
        f.refused("INVALID_STATE", () -> f.act(f.zhaogang, id, "add_progress", "summary", "办结之后的进度"));

        // 28. the progress query trail, in order, with the handler of each step
        List<Map<String, Object>> trail = f.views.trail(f.wangmin, id);
        assertEquals(List.of("create", "receive", "transfer_within_city", "receive", "add_progress",
                "record_completion_feedback", "submit", "approve", "approve"), trail.stream().map(e -> e.get("action")).toList());
        assertEquals(List.of("陇明公小程序后台", "李强", "李强", "赵刚", "赵刚", "赵刚", "赵刚", "张丽", "王敏"),
                trail.stream().map(e -> e.get("userName")).toList());
        assertEquals(PENDING_RECEIPT, trail.get(2).get("toState"));
        assertEquals(PENDING_PROVINCE_REVIEW, trail.get(7).get("toState"));
        assertEquals(f.uCG.name(), trail.get(6).get("unitName"));
    }

    @Test
    public void intakeWithoutACityAndIntakeValidation() {
        // 2. no workplace city: the province handles it at once
        ItemView c2 = f.create("complainantAccountId", "mp-002", "workplaceCityCode", null, "workplaceCountyCode", null);
        assertEquals(HANDLING, c2.state());
        assertEquals(f.uP.id(), f.holder(c2.id()));
        assertEquals("PROVINCE", c2.fields().get("holderLevel"));
        assertTrue(f.ids(f.wangmin, "case-management").contains(c2.id()));
        assertTrue(f.ids(f.wangmin, "province-transfer").contains(c2.id()));

        // 3. validation: nothing is stored
        long before = f.views.visible(f.wangmin).size();
        f.refused("INVALID_VALUE:complainantPhone", () -> f.create("complainantPhone", "1380000"));
        f.refused("INVALID_VALUE:workplaceCityCode", () -> f.create("workplaceCityCode", "620102", "workplaceCountyCode", null));
        f.refused("INVALID_VALUE:workplaceCityCode", () -> f.create("workplaceCityCode", "610100", "workplaceCountyCode", null));
        f.refused("INVALID_VALUE:workplaceCountyCode", () -> f.create("workplaceCountyCode", "620502"));
        f.refused("INVALID_VALUE:workplaceCountyCode", () -> f.create("workplaceCityCode", null));
        f.refused("INVALID_VALUE:content", () -> f.create("content", "太短了"));
        f.refused("MISSING_FIELD:complainantAccountId", () -> f.create("complainantAccountId", null));
        CivicException e = f.refused("MISSING_FIELD:respondentName", () -> f.create("respondentName", null, "content", null));
        assertEquals(List.of("respondentName", "content"), e.details().get("fields"));
        f.refused("FORBIDDEN", () -> f.kernel.create(f.zhaogang, LINE, Map.of("channel", "PORTAL"), "REST"));
        assertEquals(before, f.views.visible(f.wangmin).size());

        // the portal needs no mini-program account
        ItemView portal = f.create("channel", "PORTAL", "complainantAccountId", null);
        assertEquals("PORTAL", portal.auditTrail().get(0).channel());
    }

    @Test
    public void receiveAllReceivesTheCallersUnitsPendingClues() {
        // 5.
        long c3 = f.create().id();
        long c4 = f.create().id();
        long c5 = f.create().id();
        long c6 = f.create("workplaceCityCode", "620500", "workplaceCountyCode", null).id();
        Map<String, Object> r = ClueResource.receiveAll(f.kernel, f.views, f.liqiang, Map.of());
        assertEquals(3, r.get("received"));
        assertEquals(List.of(), r.get("skipped"));
        for (long id : new long[] {c3, c4, c5}) {
            assertEquals(HANDLING, f.get(id).state());
            assertEquals(1, trailOf(id, "receive"));
        }
        assertEquals(PENDING_RECEIPT, f.get(c6).state());
        assertEquals(f.uTS.id(), f.holder(c6));
        // listed ids that are not the caller's are skipped, the rest proceed
        long c7 = f.create().id();
        Map<String, Object> listed = ClueResource.receiveAll(f.kernel, f.views, f.liqiang, Map.of("clueIds", List.of(c6, c7, c3)));
        assertEquals(1, listed.get("received"));
        assertEquals(List.of(Map.of("clueId", c6, "code", "NOT_FOUND"), Map.of("clueId", c3, "code", "INVALID_STATE")),
                listed.get("skipped"));
        f.refused("FORBIDDEN", () -> ClueResource.receiveAll(f.kernel, f.views, f.wangmin, Map.of()));
    }

    private long trailOf(long id, String action) {
        return trailActions(id).stream().filter(action::equals).count();
    }

    @Test
    public void rejectionsAtBothLevelsKeepTheReviewHistory() {
        // 15.
        f.at("2026-03-02 10:00");
        long c7 = f.atCounty();
        f.act(f.zhaogang, c7, "record_completion_feedback", "resultSummary", "第一次反馈：已督促用工单位支付工资", "handledDate", "2026-03-02");
        f.act(f.zhaogang, c7, "submit");
        f.act(f.liqiang, c7, "reject", "opinion", "请补充工资支付凭证");
        ItemView rejected = f.get(c7);
        assertEquals(HANDLING, rejected.state());
        assertEquals(f.uCG.id(), f.holder(c7));
        assertEquals("已驳回", row(f.zhaogang, "case-management", c7).get("tagLabel"));
        f.act(f.zhaogang, c7, "record_completion_feedback", "resultSummary", "第二次反馈：已补充工资支付凭证", "handledDate", "2026-03-02");
        f.act(f.zhaogang, c7, "submit");
        f.act(f.liqiang, c7, "approve");
        f.act(f.wangmin, c7, "reject", "opinion", "支付金额与反映金额不一致，请核实");
        assertEquals(HANDLING, f.get(c7).state());
        assertEquals(f.uLZ.id(), f.holder(c7));
        assertEquals("已驳回", row(f.liqiang, "case-management", c7).get("tagLabel"));
        assertEquals("支付金额与反映金额不一致，请核实", row(f.liqiang, "case-management", c7).get("tagOpinion"));
        f.act(f.liqiang, c7, "record_completion_feedback", "resultSummary", "第三次反馈：经核实已足额支付", "handledDate", "2026-03-02");
        assertEquals(PENDING_PROVINCE_REVIEW, f.act(f.liqiang, c7, "submit").state());
        assertEquals(COMPLETED, f.act(f.wangmin, c7, "approve").state());
        List<String> history = f.views.reviewHistory(f.wangmin, c7).stream()
                .map(o -> ((Map<?, ?>) o).get("reviewLevel") + " " + ((Map<?, ?>) o).get("result")).toList();
        assertEquals(List.of("CITY REJECTED", "CITY APPROVED", "PROVINCE REJECTED", "PROVINCE APPROVED"), history);
        Map<String, Object> feedback = f.views.completionFeedback(f.wangmin, c7);
        assertEquals("第三次反馈：经核实已足额支付", ((Map<?, ?>) feedback.get("current")).get("resultSummary"));
        assertEquals(List.of("第一次反馈：已督促用工单位支付工资", "第二次反馈：已补充工资支付凭证"),
                ((List<?>) feedback.get("history")).stream().map(o -> ((Map<?, ?>) o).get("resultSummary")).toList());
        assertEquals("马建国", ((Map<?, ?>) feedback.get("registration")).get("complainantName"));
        List<Map<String, Object>> trail = f.views.trail(f.wangmin, c7);
        for (int i = 1; i < trail.size(); i++) {
            assertTrue(String.valueOf(trail.get(i - 1).get("at")).compareTo(String.valueOf(trail.get(i).get("at"))) <= 0);
            assertTrue(trail.get(i).get("userName") != null);
        }

        // 16. a rejection needs an opinion
        long other = f.atCounty();
        f.act(f.zhaogang, other, "record_completion_feedback", "resultSummary", "已督促用工单位足额支付拖欠工资", "handledDate", "2026-03-02");
        f.act(f.zhaogang, other, "submit");
        ClueFixture.Snapshot review = f.snapshot(other);
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.liqiang, other, "reject", "opinion", " "));
        review.unchanged();
        assertTrue(f.views.reviewHistory(f.wangmin, other).isEmpty());

        // 17. review role and scope
        f.refused("FORBIDDEN", () -> f.act(f.zhaogang, other, "approve"));
        f.refused("NOT_FOUND", () -> f.act(f.chenjing, other, "approve"));
        f.act(f.liqiang, other, "approve");
        f.refused("FORBIDDEN", () -> f.act(f.liqiang, other, "approve"));
        long handling = f.create("workplaceCityCode", null, "workplaceCountyCode", null).id();
        f.refused("INVALID_STATE", () -> f.act(f.wangmin, handling, "approve"));
    }

    private Map<String, Object> row(org.civic.core.api.org.Caller who, String list, long id) {
        return f.views.rows(who, list, Map.of()).stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst()
                .orElseThrow();
    }

    @Test
    public void returnsGoUpOneLevelAndTheUpperLevelReRoutes() {
        // 18. the county returns
        long c8 = f.atCounty();
        f.act(f.zhaogang, c8, "return", "opinion", "用工地实际在七里河区");
        ItemView back = f.get(c8);
        assertEquals(HANDLING, back.state());
        assertEquals(f.uLZ.id(), f.holder(c8));
        assertEquals("用工地实际在七里河区", ((Map<?, ?>) back.fields().get("lastReturn")).get("opinion"));
        assertEquals("已退回", row(f.liqiang, "case-management", c8).get("tagLabel"));
        assertTrue(f.ids(f.zhaogang, "query").contains(c8));
        f.refused("OUT_OF_SCOPE", () -> f.act(f.zhaogang, c8, "add_progress", "summary", "继续办理"));
        f.act(f.liqiang, c8, "transfer_within_city", "targetCountyCode", "620103");
        assertEquals(PENDING_RECEIPT, f.get(c8).state());
        assertEquals(f.uQLH.id(), f.holder(c8));
        assertTrue(f.ids(f.zhaogang, "query").contains(c8)); // 27: held earlier, still in 赵刚's query

        // 19. return from pending receipt, and return validation
        long c9 = f.create().id();
        f.act(f.liqiang, c9, "receive");
        f.act(f.liqiang, c9, "transfer_within_city", "targetCountyCode", "620103");
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.liuyang, c9, "return"));
        assertEquals(HANDLING, f.act(f.liuyang, c9, "return", "opinion", "不属于本辖区").state());
        assertEquals(f.uLZ.id(), f.holder(c9));
        long atProvince = f.create("workplaceCityCode", null, "workplaceCountyCode", null).id();
        f.refused("FORBIDDEN", () -> f.act(f.wangmin, atProvince, "return", "opinion", "省级不能退回"));
        long inReview = f.atCounty();
        f.act(f.zhaogang, inReview, "record_completion_feedback", "resultSummary", "已督促用工单位足额支付拖欠工资", "handledDate", f.today());
        f.act(f.zhaogang, inReview, "submit");
        f.act(f.liqiang, inReview, "approve");
        f.refused("INVALID_STATE", () -> f.act(f.liqiang, inReview, "return", "opinion", "审核中不能退回"));

        // 20. the city returns, the province re-routes
        long c10 = f.create("workplaceCountyCode", null).id();
        f.act(f.liqiang, c10, "receive");
        f.act(f.liqiang, c10, "return", "opinion", "用工地为天水市");
        assertEquals(f.uP.id(), f.holder(c10));
        assertEquals("已退回", row(f.wangmin, "case-management", c10).get("tagLabel"));
        f.refused("INVALID_VALUE:targetCityCode", () -> f.act(f.wangmin, c10, "transfer_within_province", "targetCityCode", "610100"));
        ItemView moved = f.act(f.wangmin, c10, "transfer_within_province", "targetCityCode", "620500");
        assertEquals(PENDING_RECEIPT, moved.state());
        assertEquals(f.uTS.id(), f.holder(c10));
        assertEquals("620500", moved.fields().get("workplaceCityCode"));
        assertNull(moved.fields().get("workplaceCountyCode"));
        assertEquals("620500", moved.regionCode());
        assertTrue(f.ids(f.chenjing, "pending-receipt").contains(c10));
        // a clue the province does not hold cannot be re-routed by it
        long atCity = f.create().id();
        f.act(f.liqiang, atCity, "receive");
        f.refused("INVALID_STATE", () -> f.act(f.wangmin, atCity, "transfer_within_province", "targetCityCode", "620500"));
    }

    @Test
    public void theProvinceCompletesItsOwnClueWithoutReview() {
        // 21.
        long c2 = f.create("workplaceCityCode", null, "workplaceCountyCode", null).id();
        f.act(f.sunlei, c2, "record_completion_feedback", "resultSummary", "省级直接办理，已督促支付", "handledDate", f.today());
        ItemView done = f.act(f.sunlei, c2, "submit");
        assertEquals(COMPLETED, done.state());
        ItemView.AuditEntry last = done.auditTrail().get(done.auditTrail().size() - 1);
        assertEquals("submit", last.action());
        assertEquals(HANDLING, last.fromState());
        assertEquals(COMPLETED, last.toState());
        assertEquals("sunlei", last.actor());
        assertTrue(f.views.reviewHistory(f.wangmin, c2).isEmpty());
    }

    @Test
    public void availableActionsFollowTheHolderAndTheReviewLevel() {
        long id = f.atCounty();
        List<String> county = f.kernel.get(f.zhaogang, id).availableActions().stream().map(ItemView.Action::id).toList();
        assertTrue(county.containsAll(List.of("add_progress", "record_completion_feedback", "submit", "return")));
        assertTrue(f.kernel.get(f.liqiang, id).availableActions().isEmpty());
        f.act(f.zhaogang, id, "record_completion_feedback", "resultSummary", "已督促用工单位足额支付拖欠工资", "handledDate", f.today());
        f.act(f.zhaogang, id, "submit");
        assertEquals(List.of("approve", "reject"),
                f.kernel.get(f.liqiang, id).availableActions().stream().map(ItemView.Action::id).sorted().toList());
        assertTrue(f.kernel.get(f.wangmin, id).availableActions().isEmpty());
    }
}
