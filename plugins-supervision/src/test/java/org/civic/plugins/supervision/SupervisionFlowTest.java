package org.civic.plugins.supervision;

import static org.civic.plugins.supervision.SupervisionFixture.flow;
import static org.civic.plugins.supervision.SupervisionFixture.flows;
import static org.civic.plugins.supervision.SupervisionFixture.id;
import static org.civic.plugins.supervision.SupervisionFixture.notices;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Registration, the lead chain with its three outcomes, approval and send-back, the skip rule and a
 * co-handling round trip (spec §11 scenarios 1–19), on the real kernel.
 */
public class SupervisionFlowTest {

    private SupervisionFixture f;

    @Before
    public void setUp() {
        f = new SupervisionFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void registerNumbersDraftsAndSendReachesTheHeadOnly() {
        ItemView draft = f.draftS1();
        assertEquals("DRAFT", draft.state());
        assertEquals("DB20260001", draft.fields().get("itemNo"));
        assertEquals("DB20260002", f.draftS1().fields().get("itemNo"));
        // Department users do not see drafts.
        f.refused("NOT_FOUND", () -> f.kernel.get(f.liJianhua, draft.id()));
        ItemView sent = f.act(f.zhouMin, draft.id(), "send", "headUserId", f.liJianhua.userId());
        assertEquals("IN_REGISTRATION", sent.state());
        Map<String, Object> reg = flow(sent, "REGISTRATION");
        assertEquals("AT_HEAD", reg.get("state"));
        assertEquals(f.liJianhua.userId(), id(reg.get("assigneeUserId")));
        assertTrue(f.events.contains("supervision.send"));
        // The deadline clock runs on the lead unit's assignment: cards go against 规划处.
        ItemView.Assignment lead = sent.assignments().stream().filter(a -> a.role().equals("LEAD")).findFirst().get();
        assertEquals(f.planning.id(), lead.unitId());
        assertEquals("2026-04-01T00:00+08:00", lead.clocks().get(0).deadline().toString());
    }

    @Test
    public void sendValidationLeavesTheDraftUntouched() {
        long noSource = f.draftS1("source", null).id();
        f.refused("MISSING_FIELD:source", () -> f.act(f.zhouMin, noSource, "send", "headUserId", f.liJianhua.userId()));
        long early = f.draftS1("deadline", "2026-03-01").id();
        f.refused("INVALID_VALUE:deadline", () -> f.act(f.zhouMin, early, "send", "headUserId", f.liJianhua.userId()));
        long s1 = f.draftS1().id();
        f.refused("INVALID_VALUE:headUserId", () -> f.act(f.zhouMin, s1, "send", "headUserId", f.sunQiang.userId()));
        f.refused("MISSING_FIELD:headUserId", () -> f.act(f.zhouMin, s1, "send"));
        long ownCo = f.draftS1("coUnitIds", List.of(f.planning.id())).id();
        f.refused("INVALID_VALUE:coUnitIds", () -> f.act(f.zhouMin, ownCo, "send", "headUserId", f.liJianhua.userId()));
        long toOffice = f.draftS1("leadUnitId", f.office.id()).id();
        f.refused("INVALID_VALUE:leadUnitId", () -> f.act(f.zhouMin, toOffice, "send", "headUserId", f.liJianhua.userId()));
        for (long id : new long[] {noSource, early, s1, ownCo, toOffice}) {
            ItemView v = f.get(id);
            assertEquals("DRAFT", v.state());
            assertTrue(flows(v).isEmpty());
        }
        f.refused("FORBIDDEN", () -> f.kernel.create(f.zhangWei, Supervision.LINE, SupervisionFixture.in("title", "张伟登记"),
                "REST"));
        // Drafts: edit, then delete; both refused once sent.
        f.act(f.zhouMin, s1, "edit_draft", "title", "完成项目前期工作");
        assertEquals("完成项目前期工作", f.get(s1).title());
        f.act(f.zhouMin, noSource, "delete_draft");
        assertEquals("DELETED", f.get(noSource).state());
        f.act(f.zhouMin, s1, "send", "headUserId", f.liJianhua.userId());
        f.refused("INVALID_STATE", () -> f.act(f.zhouMin, s1, "edit_draft", "title", "再改"));
        f.refused("INVALID_STATE", () -> f.act(f.zhouMin, s1, "delete_draft"));
    }

    @Test
    public void headSelfHandlesAndTheOfficeEnds() {
        long s1 = f.openByHead();
        ItemView v = f.get(s1);
        assertEquals("OPEN", v.state());
        assertEquals("ENDED", flow(v, "REGISTRATION").get("state"));
        assertEquals("APPLY_COMPLETION", v.fields().get("latestOutcome"));
        assertEquals(f.liJianhua.userId(), id(v.fields().get("leadHandlerUserId")));
        assertEquals("2026-03-20", v.fields().get("promisedDate"));
        assertEquals(List.of("FLOW_ENDED"), notices(v, f.zhouMin).stream().map(n -> n.get("kind")).toList());
        ItemView closed = f.act(f.zhouMin, s1, "close_item", "opinion", "经核实已完成");
        assertEquals("CLOSED", closed.state());
        assertEquals("COMPLETED", closed.fields().get("resultStatus"));
        f.refused("INVALID_STATE", () -> f.act(f.wuQian, s1, "close_item"));
        f.refused("FORBIDDEN", () -> f.act(f.liJianhua, s1, "close_item"));
    }

    @Test
    public void resultFieldsAreRequiredPerOutcome() {
        long s1 = f.sentS1();
        f.refused("MISSING_FIELD:implementationStatus", () -> f.act(f.liJianhua, s1, "self_handle", "outcome",
                "APPLY_COMPLETION", "promisedDate", "2026-03-20"));
        f.refused("MISSING_FIELD:measures", () -> f.act(f.liJianhua, s1, "self_handle", "outcome", "NOT_COMPLETED",
                "notCompletedReason", "资金未到位", "promisedDate", "2026-03-20"));
        f.refused("MISSING_FIELD:promisedDate", () -> f.act(f.liJianhua, s1, "self_handle", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        f.refused("MISSING_FIELD:coHandlerUserIds", () -> f.act(f.liJianhua, s1, "self_handle", "outcome", "CO_HANDLING",
                "promisedDate", "2026-03-20"));
        f.refused("MISSING_FIELD:outcome", () -> f.act(f.liJianhua, s1, "self_handle", "promisedDate", "2026-03-20"));
        f.refused("INVALID_VALUE:promisedDate", () -> f.act(f.liJianhua, s1, "self_handle", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成", "promisedDate", "2026-03-01"));
        // Hand-down targets.
        f.refused("MISSING_FIELD:nextUserId", () -> f.act(f.liJianhua, s1, "delegate_down"));
        f.refused("INVALID_VALUE:nextUserId", () -> f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.zhangWei.userId()));
        f.refused("INVALID_VALUE:nextUserId", () -> f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.qianDuo.userId()));
        assertEquals("AT_HEAD", flow(f.get(s1), "REGISTRATION").get("state"));
    }

    @Test
    public void deputySelfHandlesSkipsHerOwnApprovalAndNeedsTheHead() {
        long s1 = f.sentS1();
        f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.wangFang.userId());
        ItemView v = f.act(f.wangFang, s1, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "资金来源尚未落实",
                "measures", "已报请财务处协调", "promisedDate", "2026-04-15");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "REGISTRATION").get("state"));
        assertEquals(Boolean.TRUE, flow(v, "REGISTRATION").get("result") instanceof Map<?, ?> r
                ? r.get("promisedAfterDeadline") : null);
        // Sent back from the head, the flow returns to the deputy's own node (she self-handled).
        v = f.act(f.liJianhua, s1, "send_back", "opinion", "请写明资金协调进度");
        assertEquals("AT_DEPUTY", flow(v, "REGISTRATION").get("state"));
        assertEquals(f.wangFang.userId(), id(flow(v, "REGISTRATION").get("assigneeUserId")));
        v = f.act(f.wangFang, s1, "self_handle", "outcome", "NOT_COMPLETED", "notCompletedReason", "资金来源尚未落实",
                "measures", "已报请财务处协调，预计4月上旬到位", "promisedDate", "2026-04-15");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "REGISTRATION").get("state"));
        v = f.act(f.liJianhua, s1, "approve");
        assertEquals("OPEN", v.state());
        assertEquals("NOT_COMPLETED", v.fields().get("latestOutcome"));
        assertEquals("NOT_COMPLETED", v.fields().get("resultStatus"));
        f.refused("COMPLETION_NOT_APPLIED", () -> f.act(f.zhouMin, s1, "close_item"));
    }

    @Test
    public void fullChainWithCoHandlingRoundTrip() {
        long s1 = f.sentS1();
        f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.wangFang.userId());
        f.act(f.wangFang, s1, "delegate_down", "nextUserId", f.zhangWei.userId());
        f.refused("INVALID_STATE", () -> f.act(f.zhangWei, s1, "delegate_down", "nextUserId", f.chenChen.userId()));
        f.refused("INVALID_VALUE:coHandlerUserIds", () -> f.act(f.zhangWei, s1, "submit_result", "outcome", "CO_HANDLING",
                "coHandlerUserIds", List.of(f.chenChen.userId()), "promisedDate", "2026-03-25"));
        ItemView v = f.act(f.zhangWei, s1, "submit_result", "outcome", "CO_HANDLING", "coHandlerUserIds",
                List.of(f.zhaoLi.userId()), "promisedDate", "2026-03-25");
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "REGISTRATION").get("state"));
        assertEquals(f.wangFang.userId(), id(flow(v, "REGISTRATION").get("assigneeUserId")));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.liJianhua, s1, "approve"));
        v = f.act(f.wangFang, s1, "approve");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "REGISTRATION").get("state"));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.wangFang, s1, "approve"));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.zhangWei, s1, "approve"));
        // 赵丽's unit sees nothing until she is a co-handler... 财务处 is a co-unit, so 刘洋 already sees S1.
        f.kernel.get(f.liuYang, s1);
        v = f.act(f.liJianhua, s1, "approve");
        assertEquals("OPEN", v.state());
        assertEquals("ENDED", flow(v, "REGISTRATION").get("state"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> co = (List<Map<String, Object>>) v.fields().get("coHandlers");
        assertEquals(1, co.size());
        assertEquals(f.zhaoLi.userId(), id(co.get(0).get("userId")));
        assertEquals(f.finance.id(), id(co.get(0).get("unitId")));
        Map<String, Object> coFlow = flow(v, "CO_FEEDBACK");
        assertEquals("AT_CO_HANDLER", coFlow.get("state"));
        assertEquals(f.zhaoLi.userId(), id(coFlow.get("assigneeUserId")));

        f.refused("FEEDBACK_IN_PROGRESS", () -> f.act(f.zhaoLi, s1, "start_co_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已安排"));
        // Co-feedback validation, then the feedback reaches the three lead-chain people at once.
        f.refused("INVALID_VALUE:outcome", () -> f.act(f.zhaoLi, s1, "submit_co_feedback", "outcome", "CO_HANDLING"));
        f.refused("MISSING_FIELD:measures", () -> f.act(f.zhaoLi, s1, "submit_co_feedback", "outcome", "NOT_COMPLETED",
                "notCompletedReason", "尚在测算"));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.liuYang, s1, "submit_co_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已安排"));
        v = f.act(f.zhaoLi, s1, "submit_co_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus",
                "已安排专项资金2000万元");
        assertEquals("ENDED", flow(v, "CO_FEEDBACK").get("state"));
        Object at = null;
        for (var who : List.of(f.zhangWei, f.wangFang, f.liJianhua)) {
            List<Map<String, Object>> n = notices(v, who).stream().filter(x -> "CO_FEEDBACK".equals(x.get("kind"))).toList();
            assertEquals(1, n.size());
            if (at != null) {
                assertEquals(at, n.get(0).get("createdAt"));
            }
            at = n.get(0).get("createdAt");
        }
        assertEquals("OPEN", v.state());
        assertEquals("CO_HANDLING", v.fields().get("latestOutcome"));

        // Active co-feedback by 赵丽 is created and ended at once; her open one would block it.
        v = f.act(f.zhaoLi, s1, "start_co_feedback", "outcome", "NOT_COMPLETED", "notCompletedReason", "尚需审批",
                "measures", "加快办理");
        assertEquals("ENDED", flow(v, "CO_FEEDBACK").get("state"));
        assertEquals(2, notices(v, f.liJianhua).stream().filter(x -> "CO_FEEDBACK".equals(x.get("kind"))).count());
        f.refused("NOT_HANDLER", () -> f.act(f.zhaoLi, s1, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        f.refused("NOT_HANDLER", () -> f.act(f.liuYang, s1, "start_co_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
    }

    @Test
    public void sendBackReturnsToTheNodeVisitedBefore() {
        long s1 = f.sentS1();
        f.act(f.liJianhua, s1, "delegate_down", "nextUserId", f.wangFang.userId());
        f.act(f.wangFang, s1, "delegate_down", "nextUserId", f.zhangWei.userId());
        f.act(f.zhangWei, s1, "submit_result", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成可研批复",
                "promisedDate", "2026-03-20");
        f.refused("MISSING_FIELD:opinion", () -> f.act(f.wangFang, s1, "send_back"));
        ItemView v = f.act(f.wangFang, s1, "send_back", "opinion", "请补充资金测算依据");
        assertEquals("AT_HANDLER", flow(v, "REGISTRATION").get("state"));
        assertEquals(f.zhangWei.userId(), id(flow(v, "REGISTRATION").get("assigneeUserId")));
        f.act(f.zhangWei, s1, "submit_result", "outcome", "APPLY_COMPLETION", "implementationStatus", "已补充资金测算依据",
                "promisedDate", "2026-03-20");
        f.act(f.wangFang, s1, "approve");
        v = f.act(f.liJianhua, s1, "send_back", "opinion", "再核实");
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "REGISTRATION").get("state"));
        assertEquals(f.wangFang.userId(), id(flow(v, "REGISTRATION").get("assigneeUserId")));
    }

    @Test
    public void monthlyLeadFeedbackByTheHandlerGoesUpTheChain() {
        long s1 = f.afterScenario7();
        String itemNo = (String) f.get(s1).fields().get("itemNo");
        f.at("2026-03-10 15:00");
        ItemView v = f.act(f.zhangWei, s1, "start_lead_feedback", "outcome", "NOT_COMPLETED", "notCompletedReason",
                "可研批复待省发改委审查", "measures", "已加强对接");
        Map<String, Object> lf = flow(v, "LEAD_FEEDBACK");
        assertEquals("PENDING_DEPUTY_APPROVAL", lf.get("state"));
        assertEquals("2026-03-25", ((Map<?, ?>) lf.get("result")).get("promisedDate"));
        f.refused("FEEDBACK_IN_PROGRESS", () -> f.act(f.zhangWei, s1, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        // Send back to the initiator, who resubmits.
        v = f.act(f.wangFang, s1, "send_back", "opinion", "请写明下一步安排");
        assertEquals("AT_INITIATOR", flow(v, "LEAD_FEEDBACK").get("state"));
        v = f.act(f.zhangWei, s1, "resubmit", "outcome", "NOT_COMPLETED", "notCompletedReason", "可研批复待省发改委审查",
                "measures", "已加强对接，3月20日前报审");
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "LEAD_FEEDBACK").get("state"));
        f.at("2026-03-11 09:30");
        f.act(f.wangFang, s1, "approve");
        v = f.act(f.liJianhua, s1, "approve");
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").get("state"));
        assertEquals("NOT_COMPLETED", v.fields().get("latestOutcome"));
        assertEquals("2026-03-11T09:30:00+08:00", v.fields().get("lastFeedbackAt"));
        assertEquals(itemNo, v.fields().get("itemNo"));
        assertEquals(2, notices(v, f.zhouMin).stream().filter(n -> "FLOW_ENDED".equals(n.get("kind"))).count());
    }

    @Test
    public void skipRuleEndsAtOnceForTheHeadAndSkipsTheDeputysOwnNode() {
        long s2 = f.openByHead();
        ItemView v = f.act(f.liJianhua, s2, "start_lead_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus",
                "全部完成");
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").get("state"));
        assertEquals(2, notices(v, f.zhouMin).size());

        long s3 = f.sentS1();
        f.act(f.liJianhua, s3, "delegate_down", "nextUserId", f.wangFang.userId());
        f.act(f.wangFang, s3, "self_handle", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                "promisedDate", "2026-03-20");
        f.act(f.liJianhua, s3, "approve");
        v = f.act(f.wangFang, s3, "start_lead_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "LEAD_FEEDBACK").get("state"));
        // The deputy node was never visited: a send-back from the head returns to the initiator.
        v = f.act(f.liJianhua, s3, "send_back", "opinion", "请补充材料");
        assertEquals("AT_INITIATOR", flow(v, "LEAD_FEEDBACK").get("state"));
        assertEquals(f.wangFang.userId(), id(flow(v, "LEAD_FEEDBACK").get("assigneeUserId")));
        f.refused("NOT_ASSIGNEE", () -> f.act(f.liJianhua, s3, "resubmit", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        v = f.act(f.wangFang, s3, "resubmit", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成，材料已补充");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "LEAD_FEEDBACK").get("state"));
        v = f.act(f.liJianhua, s3, "approve");
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").get("state"));
    }

    @Test
    public void leadFeedbackPermissions() {
        long s1 = f.afterScenario7();
        f.refused("NOT_HANDLER", () -> f.act(f.chenChen, s1, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        long sent = f.sentS1();
        f.refused("INVALID_STATE", () -> f.act(f.liJianhua, sent, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        long closed = f.openByHead();
        f.act(f.zhouMin, closed, "close_item");
        f.refused("INVALID_STATE", () -> f.act(f.liJianhua, closed, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        // Result status COMPLETED set by the administrator keeps the item OPEN but stops feedback.
        ItemView v = f.act(f.yangGuang, s1, "admin_modify", "resultStatus", "COMPLETED", "opinion", "已线下办结");
        assertEquals("OPEN", v.state());
        f.refused("ITEM_COMPLETED", () -> f.act(f.zhangWei, s1, "start_lead_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
        f.refused("ITEM_COMPLETED", () -> f.act(f.zhaoLi, s1, "start_co_feedback", "outcome", "APPLY_COMPLETION",
                "implementationStatus", "已完成"));
    }

    @Test
    public void closingCancelsOpenFlows() {
        long s4 = f.sentS1();
        f.act(f.liJianhua, s4, "delegate_down", "nextUserId", f.wangFang.userId());
        f.act(f.wangFang, s4, "self_handle", "outcome", "APPLY_COMPLETION", "implementationStatus", "已完成",
                "promisedDate", "2026-03-20");
        f.act(f.liJianhua, s4, "approve");
        ItemView v = f.act(f.wangFang, s4, "start_lead_feedback", "outcome", "APPLY_COMPLETION", "implementationStatus",
                "已全部完成");
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "LEAD_FEEDBACK").get("state"));
        f.refused("NOT_FOUND", () -> f.act(f.liJianhua, s4, "approve", "flowId", 99));
        v = f.act(f.zhouMin, s4, "close_item", "opinion", "经核实已完成");
        assertEquals("CLOSED", v.state());
        assertEquals("CANCELLED", flow(v, "LEAD_FEEDBACK").get("state"));
        assertNull(flow(v, "LEAD_FEEDBACK").get("assigneeUserId"));
        assertTrue(v.clocks().stream().noneMatch(c -> "RUNNING".equals(c.status())));
        f.refused("INVALID_STATE", () -> f.act(f.liJianhua, s4, "approve"));
    }

    @Test
    public void nothingIsWrittenOnARefusal() {
        long s1 = f.sentS1();
        ItemView before = f.get(s1);
        f.refused("MISSING_FIELD:implementationStatus", () -> f.act(f.liJianhua, s1, "self_handle", "outcome",
                "APPLY_COMPLETION", "promisedDate", "2026-03-20"));
        ItemView after = f.get(s1);
        assertEquals(before.version(), after.version());
        assertEquals(before.auditTrail().size(), after.auditTrail().size());
        assertNull(after.fields().get("latestOutcome"));
    }
}
