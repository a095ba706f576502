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

/** Spec §11 scenarios 22–27: supplementary notes and their unread badge, merges and their undoing, query scope. */
public class ClueMergeAndNotesTest {

    private static final String FEEDBACK = "已督促用工单位足额支付拖欠工资，投诉人确认收到";
    private static final String SAME_FEEDBACK = "已督促用工单位足额支付拖欠工资, 投诉人确认收到";

    private ClueFixture f;

    @Before
    public void setUp() {
        f = new ClueFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private Map<String, Object> row(org.civic.core.api.org.Caller who, String list, long id) {
        return f.views.rows(who, list, Map.of()).stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst()
                .orElseThrow();
    }

    @Test
    public void notesRaiseAnUnreadBadgeUntilTheHolderOpensThem() {
        // 22. while handling
        long c1 = f.atCounty();
        ItemView noted = f.act(f.mp, c1, "add_supplementary_note", "complainantAccountId", "mp-001",
                "content", "用工单位负责人电话已更换为13800000009");
        assertEquals(HANDLING, noted.state());
        assertEquals("MINI_PROGRAM", noted.auditTrail().get(noted.auditTrail().size() - 1).channel());
        assertEquals(1, row(f.zhaogang, "case-management", c1).get("unreadNotes"));
        List<Object> notes = f.views.notes(f.zhaogang, c1);
        assertEquals("用工单位负责人电话已更换为13800000009", ((Map<?, ?>) notes.get(0)).get("content"));
        assertEquals(0, row(f.zhaogang, "case-management", c1).get("unreadNotes"));
        assertEquals(List.of(c1), f.ids(f.zhaogang, "query", Map.of("hasUnreadNotes", "false")));
        ClueFixture.Snapshot before = f.snapshot(c1);
        f.refused("FORBIDDEN", () -> f.act(f.mp, c1, "add_supplementary_note", "complainantAccountId", "mp-002",
                "content", "别人的补充说明"));
        f.refused("FORBIDDEN", () -> f.act(f.zhaogang, c1, "add_supplementary_note", "complainantAccountId", "mp-001",
                "content", "工作人员不能补充"));
        f.refused("MISSING_FIELD:content", () -> f.act(f.mp, c1, "add_supplementary_note", "complainantAccountId", "mp-001"));
        before.unchanged();

        // 23. after completion: the last holder (the province) sees the badge in its clue query
        f.act(f.zhaogang, c1, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
        f.act(f.zhaogang, c1, "submit");
        f.act(f.liqiang, c1, "approve");
        f.act(f.wangmin, c1, "approve");
        f.act(f.mp, c1, "add_supplementary_note", "complainantAccountId", "mp-001", "content", "工资已全部收到，谢谢");
        ItemView done = f.get(c1);
        assertEquals(COMPLETED, done.state());
        List<?> all = (List<?>) done.fields().get("notes");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) all.get(1)).get("afterCompletion"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) all.get(0)).get("afterCompletion"));
        assertEquals(2, row(f.wangmin, "query", c1).get("unreadNotes"));
        assertEquals(List.of(c1), f.ids(f.wangmin, "query", Map.of("hasUnreadNotes", "true")));
        // the complainant sees the notes and the outcome, not who reviewed
        Map<String, Object> mine = f.complainant.clue(f.mp, "mp-001", c1);
        assertEquals(2, ((List<?>) mine.get("notes")).size());
        assertFalse(mine.containsKey("reviews"));
        f.refused("NOT_FOUND", () -> f.complainant.clue(f.mp, "mp-002", c1));
        assertEquals(List.of(), f.complainant.clues(f.mp, "mp-002"));
        assertEquals(1, f.complainant.clues(f.mp, "mp-001").size());
    }

    @Test
    public void completedCluesWithTheSameFeedbackMergeAndUnmerge() {
        // 24.
        f.at("2026-03-06 09:00");
        long c11 = f.completed(FEEDBACK);
        f.at("2026-03-06 09:30");
        long c12 = f.completed(SAME_FEEDBACK, "complainantAccountId", "mp-002", "complainantName", "马建华");
        assertEquals(ClueRules.digest(FEEDBACK), ClueRules.digest(SAME_FEEDBACK));
        Map<String, Object> candidates = f.views.list(f.zhaogang, "merge-candidates", Map.of());
        assertEquals(1, ((List<?>) candidates.get("groups")).size());
        f.at("2026-03-06 10:00");
        Map<String, Object> group = f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c12, c11), "opinion", "同一用工单位重复反映"));
        String groupNo = (String) group.get("groupId");
        assertTrue(groupNo, groupNo.matches("HB20260306\\d{4}"));
        assertEquals(c11, ((Number) group.get("masterClueId")).longValue());
        for (long id : new long[] {c11, c12}) {
            assertEquals(COMPLETED, f.get(id).state());
            assertEquals(groupNo, row(f.zhaogang, "query", id).get("mergeGroupNo"));
            assertEquals("merge", f.get(id).auditTrail().get(f.get(id).auditTrail().size() - 1).action());
        }
        for (org.civic.core.api.org.Caller who : List.of(f.zhaogang, f.liqiang, f.wangmin)) {
            assertEquals(List.of(groupNo), f.merges.groups(who).stream().map(g -> g.get("groupId")).toList());
        }
        assertEquals(0, ((List<?>) f.views.list(f.zhaogang, "merge-candidates", Map.of()).get("groups")).size());
        assertEquals(List.of(c11, c12), f.ids(f.zhaogang, "query", Map.of("merged", "true", "sort", "submittedAt")));

        // 25. merge rejections write nothing
        // (the spec's "已立案查处" is shorter than the 10 characters a result summary needs)
        long c13 = f.completed("已立案查处，责令限期整改");
        long handling = f.atCounty();
        long c14 = f.completed(FEEDBACK);
        long foreign = f.create("workplaceCountyCode", "620103").id();
        f.act(f.liqiang, foreign, "receive");
        f.act(f.liqiang, foreign, "transfer_within_city", "targetCountyCode", "620103");
        f.act(f.liuyang, foreign, "receive");
        f.act(f.liuyang, foreign, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", f.today());
        f.act(f.liuyang, foreign, "submit");
        f.act(f.liqiang, foreign, "approve");
        f.act(f.wangmin, foreign, "approve");
        ClueFixture.Snapshot s13 = f.snapshot(c13);
        ClueFixture.Snapshot s14 = f.snapshot(c14);
        f.refused("MERGE_FEEDBACK_MISMATCH", () -> f.merges.merge(f.liqiang, Map.of("memberClueIds", List.of(c14, c13))));
        f.refused("INVALID_STATE", () -> f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c14, handling))));
        f.refused("MERGE_TOO_FEW", () -> f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c14))));
        f.refused("MERGE_TOO_FEW", () -> f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c14, c14))));
        f.refused("ALREADY_MERGED", () -> f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c11, c14))));
        f.refused("NOT_FOUND", () -> f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c14, foreign))));
        f.refused("INVALID_VALUE:masterClueId", () -> f.merges.merge(f.wangmin,
                Map.of("memberClueIds", List.of(c14, foreign), "masterClueId", c13)));
        f.refused("MISSING_FIELD:memberClueIds", () -> f.merges.merge(f.wangmin, Map.of()));
        f.refused("FORBIDDEN", () -> f.merges.merge(f.mp, Map.of("memberClueIds", List.of(c14, foreign))));
        s13.unchanged();
        s14.unchanged();
        assertNull(f.field(c14, "mergeGroupNo"));

        // 26. undoing a merge
        f.refused("FORBIDDEN", () -> f.merges.cancel(f.liuyang, groupNo, Map.of("cancelOpinion", "误合并")));
        f.refused("MISSING_FIELD:cancelOpinion", () -> f.merges.cancel(f.liqiang, groupNo, Map.of()));
        Map<String, Object> cancelled = f.merges.cancel(f.liqiang, groupNo, Map.of("cancelOpinion", "误合并"));
        assertEquals(Boolean.TRUE, cancelled.get("cancelled"));
        assertEquals("误合并", cancelled.get("cancelOpinion"));
        assertNull(f.field(c11, "mergeGroupNo"));
        assertNull(f.field(c12, "mergeGroupNo"));
        assertEquals(Boolean.TRUE, f.merges.groups(f.wangmin).get(0).get("cancelled"));
        f.refused("INVALID_STATE", () -> f.merges.cancel(f.liqiang, groupNo, Map.of("cancelOpinion", "再次取消")));
        f.refused("NOT_FOUND", () -> f.merges.cancel(f.liqiang, "HB202603069999", Map.of("cancelOpinion", "没有")));
        // the clues can be merged again, into a new group
        Map<String, Object> again = f.merges.merge(f.zhaogang, Map.of("memberClueIds", List.of(c11, c12), "masterClueId", c12));
        assertFalse(groupNo.equals(again.get("groupId")));
        assertEquals(c12, ((Number) again.get("masterClueId")).longValue());
    }

    @Test
    public void eachLevelQueriesItsOwnScope() {
        // 27.
        long cg = f.atCounty();
        long qlh = f.create("workplaceCountyCode", "620103").id();
        long qz = f.create("workplaceCityCode", "620500", "workplaceCountyCode", "620502").id();
        long returned = f.atCounty();
        f.act(f.zhaogang, returned, "return", "opinion", "用工地实际在七里河区");
        f.act(f.liqiang, returned, "transfer_within_city", "targetCountyCode", "620103");
        assertEquals(List.of(cg, returned), f.ids(f.zhaogang, "query", Map.of("sort", "submittedAt")));
        assertEquals(List.of(cg, qlh, returned), f.ids(f.liqiang, "query", Map.of("sort", "submittedAt")));
        assertEquals(List.of(cg, qlh, qz, returned), f.ids(f.wangmin, "query", Map.of("sort", "submittedAt")));
        CivicException e = f.refused("NOT_FOUND", () -> f.kernel.get(f.zhaogang, qz));
        assertEquals(404, e.status());
        f.refused("NOT_FOUND", () -> f.kernel.get(f.zhaogang, 99999));
        // filters
        assertEquals(List.of(qz), f.ids(f.wangmin, "query", Map.of("workplaceCityCode", "620500")));
        assertEquals(List.of(qlh, returned), f.ids(f.wangmin, "query", Map.of("state", PENDING_RECEIPT, "workplaceCountyCode", "620103",
                "sort", "submittedAt")));
        assertEquals(List.of(qlh), f.ids(f.wangmin, "query", Map.of("state", PENDING_RECEIPT, "workplaceCountyCode", "620103",
                "holderLevel", "CITY")));
        assertEquals(4, f.ids(f.wangmin, "query", Map.of("respondentName", "建筑劳务")).size());
        assertEquals(List.of(qz), f.ids(f.wangmin, "query", Map.of("clueNo", f.get(qz).number())));
        f.refused("INVALID_VALUE:submittedFrom", () -> f.ids(f.wangmin, "query", Map.of("submittedFrom", "三月")));
        f.refused("FORBIDDEN", () -> f.views.list(f.zhaogang, "province-transfer", Map.of()));
        f.refused("FORBIDDEN", () -> f.views.list(f.mp, "query", Map.of()));
        // phones are masked in every row
        assertEquals("138****0001", f.views.rows(f.wangmin, "query", Map.of()).get(0).get("complainantPhone"));
        // the ID number is masked in details and shown in the completion-feedback view
        long withId = f.create("complainantIdNo", "62010219800101123X").id();
        assertEquals("620****123X", f.get(withId).fields().get("complainantIdNo"));
        assertEquals("62010219800101123X",
                ((Map<?, ?>) f.views.completionFeedback(f.liqiang, withId).get("registration")).get("complainantIdNo"));
    }

    @Test
    public void anotherCountysOfficerLearnsNothingOfAClue() {
        // issue 5's scope test: 周红 (秦州区) tries every read and action on a 城关区 clue
        long id = f.atCounty();
        long done = f.completed(FEEDBACK);
        f.act(f.mp, id, "add_supplementary_note", "complainantAccountId", "mp-001", "content", "补充一句");
        org.civic.core.api.workflow.ItemView.Attachment file = f.kernel.attach(f.zhaogang, id, "凭证.pdf", "application/pdf",
                new java.io.ByteArrayInputStream("%PDF-1.4 voucher".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ClueFixture.Snapshot before = f.snapshot(id);
        org.civic.core.api.org.Caller z = f.zhouhong;
        f.refused("NOT_FOUND", () -> f.kernel.get(z, id));
        f.refused("NOT_FOUND", () -> f.kernel.attachment(z, id, file.id()));
        f.refused("NOT_FOUND", () -> f.views.progress(z, id));
        f.refused("NOT_FOUND", () -> f.views.notes(z, id));
        f.refused("NOT_FOUND", () -> f.views.completionFeedback(z, id));
        f.refused("NOT_FOUND", () -> f.views.trail(z, id));
        f.refused("NOT_FOUND", () -> f.views.reviewHistory(z, id));
        for (String action : List.of("receive", "add_progress", "record_completion_feedback", "submit", "transfer_within_city",
                "transfer_within_province", "return", "approve", "reject", "add_supplementary_note", "merge", "cancel_merge")) {
            CivicException e = null;
            try {
                f.act(z, id, action, "summary", "越权", "opinion", "越权操作", "resultSummary", "越权填写的办结反馈", "handledDate",
                        f.today(), "targetCountyCode", "620502", "targetCityCode", "620500");
            } catch (CivicException refused) {
                e = refused;
            }
            assertEquals(action, "NOT_FOUND", e == null ? "accepted" : e.code());
        }
        f.refused("NOT_FOUND", () -> f.merges.merge(z, Map.of("memberClueIds", List.of(done, id))));
        ClueResource.receiveAll(f.kernel, f.views, z, Map.of("clueIds", List.of(id)));
        before.unchanged();
        for (String list : List.of("pending-receipt", "case-management", "query", "merge-candidates")) {
            assertFalse(list, f.ids(z, list).contains(id));
            assertFalse(list, f.ids(z, list).contains(done));
        }
        assertTrue(f.merges.groups(z).isEmpty());
        LocalDateRange march = new LocalDateRange();
        assertEquals(0L, ((Number) ((Map<?, ?>) f.views.handling(z, march.from, march.to).get("total")).get("total")).longValue());
        assertTrue(f.views.detail(z, march.from, march.to, Map.of()).isEmpty());
        assertEquals(0L, ((Number) ((Map<?, ?>) f.views.summary(z, march.from, march.to, "month").get("total")).get("newClues"))
                .longValue());
        assertTrue(f.kernel.query(z, LINE, org.civic.core.api.workflow.ItemQuery.all(0, 50)).items().isEmpty());
    }

    private static final class LocalDateRange {
        final java.time.LocalDate from = java.time.LocalDate.parse("2026-03-01");
        final java.time.LocalDate to = java.time.LocalDate.parse("2026-03-31");
    }

    @Test
    public void theDigestIgnoresWhatDoesNotChangeTheMeaning() {
        assertEquals("已立案查处,罚款500元.", ClueRules.digest("  已立案查处， 罚款５００元。 "));
        assertEquals("paid in full", ClueRules.digest("paid   in\tfull"));
        assertFalse(ClueRules.digest("已立案查处").equals(ClueRules.digest("已立案")));
    }
}
