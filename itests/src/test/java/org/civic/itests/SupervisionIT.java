package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The supervision line (spec/supervision.md) on the real distribution: the feature
 * {@code civic-plugin-supervision} is installed at runtime, the acceptance scenarios of spec §11 run over
 * REST in date order on the frozen adjustable clock (March 2026, Monday–Friday), the integration
 * account creates a draft (§10), and the feature is uninstalled (items stay readable, actions answer
 * LINE_NOT_INSTALLED) and installed again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SupervisionIT extends CivicTestSupport {

    private static final String FEATURE = "civic-plugin-supervision";
    private static final String PASSWORD = "Supervise2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(distribution()));
        options.add(systemProperty("civic.samplePlugin").value(System.getProperty("civic.samplePlugin")));
        return options.toArray(new Option[0]);
    }

    private Http admin;
    private final Map<String, Http> users = new HashMap<>();
    private final Map<String, Long> userIds = new HashMap<>();
    private final Map<String, Long> unitIds = new HashMap<>();

    @Test
    public void supervisionScenariosOverRestWithHotInstallAndUninstall() throws Exception {
        admin = platform().as("admin", "admin");
        assertFalse(admin.get("/api/v1/lines").body().contains("\"supervision\""));
        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("supervision line registered and its users loaded").atMost(Duration.ofSeconds(90))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"supervision\"")
                        && platform().as("zhoumin", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().as("yangguang", PASSWORD).get("/api/v1/me").status() == 200);
        for (String login : List.of("zhoumin", "wuqian", "sv_portal", "lijianhua", "wangfang", "zhangwei", "chenchen",
                "liuyang", "zhaoli", "sunqiang", "qianduo", "madong", "yangguang")) {
            Http h = platform().as(login, PASSWORD);
            JsonNode me = ok(h.get("/api/v1/me"));
            users.put(login, h);
            userIds.put(login, me.path("user").path("id").asLong());
            unitIds.put(me.path("unit").path("name").asText(), me.path("unit").path("id").asLong());
        }

        // ---------------------------------------------------------------- February: S9 (scenario 27)
        clock("2026-02-20T10:00:00+08:00");
        long s9 = draft("assignedDate", "2026-02-20", "deadline", "2026-06-30");
        send(s9, "lijianhua");
        act("lijianhua", s9, "self_handle", notCompleted("promisedDate", "2026-06-30"));

        // ---------------------------------------------------------------- Monday 2 March 2026, 10:00
        clock("2026-03-02T10:00:00+08:00");

        // §10: the integration account creates a draft for a clerk to complete and send.
        Http.Reply created = users.get("sv_portal").post("/api/v1/supervision/items", body("title", "领导批示：加快农村公路建设",
                "source", "LEADER_INSTRUCTION"));
        assertEquals(created.toString(), 201, created.status());
        long portalDraft = created.json().path("id").asLong();
        assertEquals("DRAFT", item(portalDraft).path("state").asText());
        act("zhoumin", portalDraft, "edit_draft", m("leadUnitId", unit("规划处"), "assignedDate", "2026-03-02", "deadline",
                "2026-03-31", "content", "按批示要求推进。"));
        act("zhoumin", portalDraft, "send", m("headUserId", user("lijianhua")));
        assertEquals("IN_REGISTRATION", item(portalDraft).path("state").asText());
        act("lijianhua", portalDraft, "self_handle", completion("promisedDate", "2026-03-20"));

        // 1. Register and send: the head's to-do only.
        long s1 = draft();
        JsonNode v = item(s1);
        assertTrue(v.path("fields").path("itemNo").asText().matches("DB2026\\d{4}"));
        v = act("zhoumin", s1, "send", m("headUserId", user("lijianhua")));
        assertEquals("IN_REGISTRATION", v.path("state").asText());
        assertEquals("AT_HEAD", flow(v, "REGISTRATION").path("state").asText());
        assertEquals(user("lijianhua"), flow(v, "REGISTRATION").path("assigneeUserId").asLong());
        assertTrue(todoItems("lijianhua").contains(s1));
        for (String other : List.of("wangfang", "zhangwei", "zhoumin", "liuyang", "madong")) {
            assertFalse(other, todoItems(other).contains(s1));
        }

        // 2. Send validation; the draft stays a draft; a handler may not register.
        long s2v = draft("source", null);
        refuse("zhoumin", s2v, "send", 400, "MISSING_FIELD:source", m("headUserId", user("lijianhua")));
        long early = draft("deadline", "2026-03-01");
        refuse("zhoumin", early, "send", 400, "INVALID_VALUE:deadline", m("headUserId", user("lijianhua")));
        long wrongHead = draft();
        refuse("zhoumin", wrongHead, "send", 400, "INVALID_VALUE:headUserId", m("headUserId", user("sunqiang")));
        long ownCo = draft("coUnitIds", List.of(unit("规划处")));
        refuse("zhoumin", ownCo, "send", 400, "INVALID_VALUE:coUnitIds", m("headUserId", user("lijianhua")));
        for (long id : new long[] {s2v, early, wrongHead, ownCo}) {
            assertEquals("DRAFT", item(id).path("state").asText());
        }
        expect(users.get("zhangwei").post("/api/v1/supervision/items", body("title", "张伟登记")), 403, "FORBIDDEN");

        // 3. Head self-handles; the office ends the item.
        long s3 = sent();
        v = act("lijianhua", s3, "self_handle", completion("promisedDate", "2026-03-20", "opinion", "同意"));
        assertEquals("ENDED", flow(v, "REGISTRATION").path("state").asText());
        assertEquals("OPEN", v.path("state").asText());
        assertEquals("APPLY_COMPLETION", v.path("fields").path("latestOutcome").asText());
        assertEquals(user("lijianhua"), v.path("fields").path("leadHandlerUserId").asLong());
        assertTrue(noticeKinds("zhoumin", s3).contains("FLOW_ENDED"));
        v = act("zhoumin", s3, "close_item", m("opinion", "经核实已完成"));
        assertEquals("CLOSED", v.path("state").asText());
        assertEquals("COMPLETED", v.path("fields").path("resultStatus").asText());

        // 4. Self-handle validation.
        long s4v = sent();
        refuse("lijianhua", s4v, "self_handle", 400, "MISSING_FIELD:implementationStatus",
                m("outcome", "APPLY_COMPLETION", "promisedDate", "2026-03-20"));
        refuse("lijianhua", s4v, "self_handle", 400, "MISSING_FIELD:measures",
                m("outcome", "NOT_COMPLETED", "notCompletedReason", "资金未落实", "promisedDate", "2026-03-20"));
        refuse("lijianhua", s4v, "self_handle", 400, "MISSING_FIELD:promisedDate",
                m("outcome", "APPLY_COMPLETION", "implementationStatus", "已完成"));
        refuse("lijianhua", s4v, "self_handle", 400, "MISSING_FIELD:coHandlerUserIds",
                m("outcome", "CO_HANDLING", "promisedDate", "2026-03-20"));

        // 5. Hand-down validation.
        refuse("lijianhua", s4v, "delegate_down", 400, "MISSING_FIELD:nextUserId", m());
        refuse("lijianhua", s4v, "delegate_down", 400, "INVALID_VALUE:nextUserId", m("nextUserId", user("zhangwei")));
        refuse("lijianhua", s4v, "delegate_down", 400, "INVALID_VALUE:nextUserId", m("nextUserId", user("qianduo")));

        // 6. The deputy self-handles; ending needs a completion application.
        long s6 = sent();
        act("lijianhua", s6, "delegate_down", m("nextUserId", user("wangfang")));
        v = act("wangfang", s6, "self_handle", notCompleted("promisedDate", "2026-04-15"));
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "REGISTRATION").path("state").asText());
        v = act("lijianhua", s6, "approve", m());
        assertEquals("OPEN", v.path("state").asText());
        assertEquals("NOT_COMPLETED", v.path("fields").path("latestOutcome").asText());
        assertEquals("NOT_COMPLETED", v.path("fields").path("resultStatus").asText());
        refuse("zhoumin", s6, "close_item", 409, "COMPLETION_NOT_APPLIED", m());

        // 7, 10, 11. The full chain with co-handling.
        long s7 = sent();
        act("lijianhua", s7, "delegate_down", m("nextUserId", user("wangfang")));
        act("wangfang", s7, "delegate_down", m("nextUserId", user("zhangwei")));
        refuse("zhangwei", s7, "delegate_down", 409, "INVALID_STATE", m("nextUserId", user("chenchen")));
        refuse("zhangwei", s7, "submit_result", 400, "INVALID_VALUE:coHandlerUserIds",
                m("outcome", "CO_HANDLING", "coHandlerUserIds", List.of(user("chenchen")), "promisedDate", "2026-03-25"));
        v = act("zhangwei", s7, "submit_result", m("outcome", "CO_HANDLING", "coHandlerUserIds", List.of(user("zhaoli")),
                "promisedDate", "2026-03-25"));
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "REGISTRATION").path("state").asText());
        act("wangfang", s7, "approve", m("opinion", "同意"));
        refuse("wangfang", s7, "approve", 403, "NOT_ASSIGNEE", m());
        refuse("zhangwei", s7, "approve", 403, "NOT_ASSIGNEE", m());
        v = act("lijianhua", s7, "approve", m("opinion", "同意"));
        assertEquals("ENDED", flow(v, "REGISTRATION").path("state").asText());
        assertEquals("OPEN", v.path("state").asText());
        assertEquals(user("zhaoli"), v.path("fields").path("coHandlers").path(0).path("userId").asLong());
        assertEquals(unit("财务处"), v.path("fields").path("coHandlers").path(0).path("unitId").asLong());
        assertEquals("AT_CO_HANDLER", flow(v, "CO_FEEDBACK").path("state").asText());
        assertTrue(todoItems("zhaoli").contains(s7));

        // 9. Co-feedback validation; 8. co-feedback reaches three people at once.
        long coFlow = flow(v, "CO_FEEDBACK").path("id").asLong();
        refuse("zhaoli", s7, "submit_co_feedback", 400, "INVALID_VALUE:outcome", m("outcome", "CO_HANDLING"));
        refuse("zhaoli", s7, "submit_co_feedback", 400, "MISSING_FIELD:measures",
                m("outcome", "NOT_COMPLETED", "notCompletedReason", "尚在测算"));
        refuse("liuyang", s7, "submit_co_feedback", 403, "NOT_ASSIGNEE",
                m("flowId", coFlow, "outcome", "APPLY_COMPLETION", "implementationStatus", "已安排"));
        v = act("zhaoli", s7, "submit_co_feedback", m("outcome", "APPLY_COMPLETION", "implementationStatus", "已安排专项资金2000万元"));
        assertEquals("ENDED", flow(v, "CO_FEEDBACK").path("state").asText());
        assertEquals("OPEN", v.path("state").asText());
        assertEquals("CO_HANDLING", v.path("fields").path("latestOutcome").asText());
        List<String> times = new ArrayList<>();
        for (String who : List.of("zhangwei", "wangfang", "lijianhua")) {
            List<JsonNode> n = notices(who, s7, "CO_FEEDBACK");
            assertEquals(who, 1, n.size());
            times.add(n.get(0).path("createdAt").asText());
        }
        assertEquals(1, times.stream().distinct().count());

        // 31. Mark read: the head's notice leaves his 待阅 only.
        long headNotice = notices("lijianhua", s7, "CO_FEEDBACK").get(0).path("noticeId").asLong();
        refuse("zhangwei", s7, "mark_read", 403, "NOT_ASSIGNEE", m("noticeId", headNotice));
        act("lijianhua", s7, "mark_read", m("noticeId", headNotice));
        assertTrue(notices("lijianhua", s7, "CO_FEEDBACK").isEmpty());
        assertEquals(1, notices("wangfang", s7, "CO_FEEDBACK").size());
        assertEquals(1, notices("zhangwei", s7, "CO_FEEDBACK").size());

        // 33. Print the form: the registration nodes in order, with the co-handling result naming 赵丽.
        JsonNode printable = ok(users.get("zhoumin").get("/api/v1/items/" + s7 + "/documents"));
        assertEquals("supervision_form", printable.path(0).path("name").asText());
        assertEquals("重点工作督办表", printable.path(0).path("label").path("zh").asText());
        String form = pdfText(users.get("zhoumin"), s7, "supervision_form");
        assertInOrder(form, "重点工作督办表", item(s7).path("fields").path("itemNo").asText(), item(s7).path("title").asText().replaceAll("\\s+", ""),
                "规划处", "财务处", "登记办理", "李建华向下办理", "王芳向下办理", "张伟事务办理：其他单位协办—赵丽", "王芳审批同意",
                "李建华审批同意", "协办反馈", "赵丽协办反馈：申请办结落实情况：已安排专项资金2000万元");
        expect(users.get("qianduo").get("/api/v1/items/" + s7 + "/documents/supervision_form"), 404, "NOT_FOUND");
        expect(users.get("zhoumin").get("/api/v1/items/" + s7 + "/documents/no_such_form"), 404, "NOT_FOUND");

        // 12. Send back in registration.
        long s12 = atHandler();
        act("zhangwei", s12, "submit_result", completion("promisedDate", "2026-03-20"));
        refuse("wangfang", s12, "send_back", 400, "MISSING_FIELD:opinion", m());
        v = act("wangfang", s12, "send_back", m("opinion", "请补充资金测算依据"));
        assertEquals("AT_HANDLER", flow(v, "REGISTRATION").path("state").asText());
        assertEquals(user("zhangwei"), flow(v, "REGISTRATION").path("assigneeUserId").asLong());
        act("zhangwei", s12, "submit_result", completion("promisedDate", "2026-03-20"));
        act("wangfang", s12, "approve", m());
        v = act("lijianhua", s12, "send_back", m("opinion", "再核实"));
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "REGISTRATION").path("state").asText());

        // 13, 19. Monthly lead feedback by the handler, sent back and resubmitted; same itemNo.
        String itemNo = item(s7).path("fields").path("itemNo").asText();
        assertTrue(pickerItems("zhangwei", "lead").contains(s7));
        v = act("zhangwei", s7, "start_lead_feedback", notCompleted());
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "LEAD_FEEDBACK").path("state").asText());
        refuse("zhangwei", s7, "start_lead_feedback", 409, "FEEDBACK_IN_PROGRESS", notCompleted());
        v = act("wangfang", s7, "send_back", m("opinion", "请写明下一步安排"));
        assertEquals("AT_INITIATOR", flow(v, "LEAD_FEEDBACK").path("state").asText());
        v = act("zhangwei", s7, "resubmit", notCompleted());
        assertEquals("PENDING_DEPUTY_APPROVAL", flow(v, "LEAD_FEEDBACK").path("state").asText());
        act("wangfang", s7, "approve", m());
        v = act("lijianhua", s7, "approve", m());
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").path("state").asText());
        assertEquals("NOT_COMPLETED", v.path("fields").path("latestOutcome").asText());
        assertEquals("2026-03-02T10:00:00+08:00", v.path("fields").path("lastFeedbackAt").asText());
        assertEquals(itemNo, v.path("fields").path("itemNo").asText());
        assertTrue(noticeKinds("zhoumin", s7).contains("FLOW_ENDED"));

        // 14. Skip: the head's lead feedback ends at once.
        long s14 = sent();
        act("lijianhua", s14, "self_handle", completion("promisedDate", "2026-03-20"));
        v = act("lijianhua", s14, "start_lead_feedback", completion());
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").path("state").asText());

        // 15. Skip: the deputy's own node.
        long s15 = sent();
        act("lijianhua", s15, "delegate_down", m("nextUserId", user("wangfang")));
        act("wangfang", s15, "self_handle", completion("promisedDate", "2026-03-20"));
        act("lijianhua", s15, "approve", m());
        v = act("wangfang", s15, "start_lead_feedback", completion());
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "LEAD_FEEDBACK").path("state").asText());
        v = act("lijianhua", s15, "approve", m());
        assertEquals("ENDED", flow(v, "LEAD_FEEDBACK").path("state").asText());

        // 16. Lead feedback permissions.
        refuse("chenchen", s7, "start_lead_feedback", 403, "NOT_HANDLER", completion());
        refuse("zhaoli", s7, "start_lead_feedback", 403, "NOT_HANDLER", completion());
        refuse("lijianhua", s3, "start_lead_feedback", 409, "INVALID_STATE", completion());
        refuse("lijianhua", s4v, "start_lead_feedback", 409, "INVALID_STATE", completion());

        // 18. Active co-feedback.
        v = act("zhaoli", s7, "start_co_feedback", notCompleted());
        assertEquals("ENDED", flow(v, "CO_FEEDBACK").path("state").asText());
        assertEquals(2, notices("wangfang", s7, "CO_FEEDBACK").size());
        assertEquals(2, notices("zhangwei", s7, "CO_FEEDBACK").size());
        assertEquals(1, notices("lijianhua", s7, "CO_FEEDBACK").size());

        // 28. Manual urge.
        refuse("zhoumin", s2v, "urge", 409, "INVALID_STATE", m("opinion", "请于本周五前报送进展"));
        refuse("zhoumin", s7, "urge", 400, "MISSING_FIELD:opinion", m());
        act("zhoumin", s7, "urge", m("opinion", "请于本周五前报送进展"));
        for (String who : List.of("lijianhua", "wangfang", "zhangwei", "zhaoli")) {
            assertTrue(who, noticeKinds(who, s7).contains("URGE"));
        }
        assertFalse(noticeKinds("chenchen", s7).contains("URGE"));

        // 17. The administrator sets COMPLETED: still OPEN, out of the pickers, feedback refused.
        long s17 = sent();
        act("lijianhua", s17, "delegate_down", m("nextUserId", user("wangfang")));
        act("wangfang", s17, "delegate_down", m("nextUserId", user("zhangwei")));
        act("zhangwei", s17, "submit_result", m("outcome", "CO_HANDLING", "coHandlerUserIds", List.of(user("zhaoli")),
                "promisedDate", "2026-03-25"));
        act("wangfang", s17, "approve", m());
        act("lijianhua", s17, "approve", m());
        act("zhaoli", s17, "submit_co_feedback", notCompleted());
        v = act("yangguang", s17, "admin_modify", m("resultStatus", "COMPLETED", "opinion", "已线下办结"));
        assertEquals("OPEN", v.path("state").asText());
        assertFalse(pickerItems("zhangwei", "lead").contains(s17));
        assertFalse(pickerItems("zhaoli", "co").contains(s17));
        refuse("zhangwei", s17, "start_lead_feedback", 409, "ITEM_COMPLETED", notCompleted());

        // 20. Ending needs a completion application; 29. concurrent ends.
        long s20 = sent();
        act("lijianhua", s20, "self_handle", completion("promisedDate", "2026-03-20"));
        refuse("lijianhua", s20, "close_item", 403, "FORBIDDEN", m());
        List<Http.Reply> race = race(() -> users.get("zhoumin").post(action(s20, "close_item"), body("opinion", "一")),
                () -> users.get("wuqian").post(action(s20, "close_item"), body("opinion", "经核实已完成")));
        assertEquals(race.toString(), 1, race.stream().filter(r -> r.status() == 200).count());
        Http.Reply lost = race.stream().filter(r -> r.status() != 200).findFirst().get();
        assertTrue(lost.toString(), List.of("CONFLICT", "INVALID_STATE").contains(lost.code()));
        v = item(s20);
        assertEquals("CLOSED", v.path("state").asText());
        assertEquals("COMPLETED", v.path("fields").path("resultStatus").asText());
        long closes = 0;
        for (JsonNode a : v.path("auditTrail")) {
            closes += a.path("action").asText().equals("close_item") ? 1 : 0;
        }
        assertEquals(1, closes);
        refuse("zhoumin", s20, "close_item", 409, "INVALID_STATE", m());

        // 21. Ending cancels the open lead feedback, which leaves the head's to-do.
        long s21 = sent();
        act("lijianhua", s21, "delegate_down", m("nextUserId", user("wangfang")));
        act("wangfang", s21, "self_handle", completion("promisedDate", "2026-03-20"));
        act("lijianhua", s21, "approve", m());
        v = act("wangfang", s21, "start_lead_feedback", completion());
        assertEquals("PENDING_HEAD_APPROVAL", flow(v, "LEAD_FEEDBACK").path("state").asText());
        assertTrue(todoItems("lijianhua").contains(s21));
        v = act("zhoumin", s21, "close_item", m());
        assertEquals("CANCELLED", flow(v, "LEAD_FEEDBACK").path("state").asText());
        assertFalse(todoItems("lijianhua").contains(s21));

        // 22. The administrator replaces the handler of an open node.
        long s22 = atHandler();
        v = act("yangguang", s22, "admin_modify", m("handlerUserId", user("chenchen"), "opinion", "人员调整"));
        assertEquals(user("chenchen"), flow(v, "REGISTRATION").path("assigneeUserId").asLong());
        assertTrue(noticeKinds("zhangwei", s22).contains("REASSIGNED"));
        assertTrue(noticeKinds("chenchen", s22).contains("REASSIGNED"));
        refuse("zhangwei", s22, "submit_result", 403, "NOT_ASSIGNEE", completion("promisedDate", "2026-03-20"));
        act("chenchen", s22, "submit_result", completion("promisedDate", "2026-03-20"));
        act("wangfang", s22, "approve", m());
        act("lijianhua", s22, "approve", m());
        assertTrue(pickerItems("chenchen", "lead").contains(s22));
        assertFalse(pickerItems("zhangwei", "lead").contains(s22));

        // 23. Administrator rules.
        long s23 = atHandler();
        act("zhangwei", s23, "submit_result", m("outcome", "CO_HANDLING", "coHandlerUserIds", List.of(user("zhaoli")),
                "promisedDate", "2026-03-25"));
        refuse("yangguang", s23, "admin_modify", 400, "MISSING_FIELD:opinion", m("resultStatus", "COMPLETED"));
        refuse("zhoumin", s23, "admin_modify", 403, "FORBIDDEN", m("resultStatus", "COMPLETED", "opinion", "改"));
        refuse("yangguang", s23, "admin_modify", 400, "INVALID_VALUE:handlerUserId",
                m("handlerUserId", user("zhaoli"), "opinion", "改"));
        refuse("yangguang", s23, "admin_modify", 409, "POSITION_HAS_PENDING_TASK", m("clearDeputy", true, "opinion", "改"));
        act("wangfang", s23, "approve", m());
        act("lijianhua", s23, "approve", m());
        v = act("yangguang", s23, "admin_modify", m("coHandlersRemove", List.of(user("zhaoli")), "opinion", "不再协办"));
        assertEquals("CANCELLED", flow(v, "CO_FEEDBACK").path("state").asText());

        // 30. Approve and an administrator change on the same version: exactly one wins.
        long s30 = atHandler();
        act("zhangwei", s30, "submit_result", completion("promisedDate", "2026-03-20"));
        long version = item(s30).path("version").asLong();
        ok(users.get("wangfang").with("If-Match", Long.toString(version)).post(action(s30, "approve"), body()));
        expect(users.get("yangguang").with("If-Match", Long.toString(version)).post(action(s30, "admin_modify"),
                body("resultStatus", "COMPLETED", "opinion", "并发")), 409, "CONFLICT");
        assertEquals("NOT_COMPLETED", item(s30).path("fields").path("resultStatus").asText());

        // 24, 25. Views by role and the result filter (S1 has co-handler 赵丽 after scenario 7: here s7).
        long s24 = draft("leadUnitId", unit("建设管理处"), "coUnitIds", null, "title", "建设管理处重点工作");
        send(s24, "sunqiang");
        assertTrue(viewItems("zhangwei", "department", "").contains(s7));
        assertFalse(viewItems("zhangwei", "department", "").contains(s24));
        assertTrue(viewItems("liuyang", "department", "").contains(s7));
        assertEquals(List.of(s24), viewItems("qianduo", "department", ""));
        expect(users.get("qianduo").get("/api/v1/items/" + s7), 404, "NOT_FOUND");
        assertTrue(viewItems("madong", "summary", "").containsAll(List.of(s7, s24)));
        refuse("madong", s7, "urge", 403, "FORBIDDEN", m("opinion", "请加快"));
        assertTrue(viewItems("yangguang", "admin", "").containsAll(List.of(s7, s24)));
        expect(users.get("madong").get("/api/v1/supervision/views/items/admin"), 403, "FORBIDDEN");
        List<Long> completed = viewItems("madong", "summary", "&resultStatus=COMPLETED");
        List<Long> notCompletedItems = viewItems("madong", "summary", "&resultStatus=NOT_COMPLETED");
        assertTrue(completed.contains(s3) && completed.contains(s17) && !completed.contains(s24));
        assertTrue(notCompletedItems.contains(s24) && !notCompletedItems.contains(s3));
        Http.Reply csv = users.get("madong").get("/api/v1/supervision/views/items/summary?resultStatus=COMPLETED&format=csv");
        assertEquals(200, csv.status());
        assertTrue(csv.body().contains("督办编号") && csv.body().contains(item(s3).path("fields").path("itemNo").asText()));
        assertEquals(200, users.get("madong").bytes("/api/v1/supervision/views/items/summary?format=xlsx").statusCode());

        // ---------------------------------------------------------------- 26, 32: cards and the summary
        long s26 = draft("deadline", "2026-03-09");
        send(s26, "lijianhua");
        long s26closed = draft("deadline", "2026-03-09");
        send(s26closed, "lijianhua");
        act("lijianhua", s26closed, "self_handle", completion("promisedDate", "2026-03-09"));
        long s26moved = draft("deadline", "2026-03-09");
        send(s26moved, "lijianhua");
        // The summary's items (source PROPOSAL, so that the other scenarios' items stay out of it).
        long p1 = draft("source", "PROPOSAL");
        send(p1, "lijianhua");
        act("lijianhua", p1, "self_handle", completion("promisedDate", "2026-03-20"));
        long p7 = draft("source", "PROPOSAL", "deadline", "2026-03-09");
        send(p7, "lijianhua");
        act("lijianhua", p7, "self_handle", completion("promisedDate", "2026-03-09"));
        long p13 = draft("source", "PROPOSAL", "deadline", "2026-06-30");
        send(p13, "lijianhua");
        act("lijianhua", p13, "self_handle", notCompleted("promisedDate", "2026-06-30"));
        long p6 = draft("source", "PROPOSAL", "leadUnitId", unit("建设管理处"), "coUnitIds", null, "deadline", "2026-03-09");
        send(p6, "sunqiang");

        clock("2026-03-06T10:00:00+08:00");
        refuse("zhoumin", s26moved, "change_deadline", 400, "MISSING_FIELD:opinion", m("deadline", "2026-03-20"));
        act("zhoumin", s26moved, "change_deadline", m("deadline", "2026-03-20", "opinion", "领导同意延期"));
        clock("2026-03-10T00:00:00+08:00");
        JsonNode cards = item(s26).path("cards");
        assertEquals(cards.toString(), 1, cards.size());
        assertEquals("2026-03-10T00:00:00+08:00", cards.path(0).path("raisedAt").asText());
        assertEquals(unit("规划处"), cards.path(0).path("unitId").asLong());
        assertEquals(0, item(s26moved).path("cards").size());
        assertTrue(noticeKinds("lijianhua", s26).contains("YELLOW_CARD"));
        assertTrue(noticeKinds("zhoumin", s26).contains("YELLOW_CARD"));
        assertFalse(noticeKinds("lijianhua", s26moved).contains("YELLOW_CARD"));
        clock("2026-03-11T10:00:00+08:00");
        act("zhoumin", s26closed, "close_item", m());
        act("zhoumin", p7, "close_item", m());
        clock("2026-03-13T00:00:00+08:00");
        assertEquals(2, item(s26).path("cards").size());
        assertTrue(noticeKinds("lijianhua", s26).contains("RED_CARD"));
        assertEquals(1, item(s26closed).path("cards").size());
        clock("2026-03-20T10:00:00+08:00");
        act("zhoumin", p1, "close_item", m());

        // 27 (cont.): S10's registration ends on 03-25; S11 is COMPLETED.
        clock("2026-03-25T10:00:00+08:00");
        long s10 = sent();
        act("lijianhua", s10, "self_handle", notCompleted("promisedDate", "2026-06-30"));
        long s11 = sent();
        act("lijianhua", s11, "self_handle", notCompleted("promisedDate", "2026-06-30"));
        act("yangguang", s11, "admin_modify", m("resultStatus", "COMPLETED", "opinion", "已线下办结"));

        clock("2026-03-31T10:00:00+08:00");
        JsonNode summary = ok(users.get("madong").get("/api/v1/supervision/views/summary?from=2026-03-01&to=2026-03-31&source=PROPOSAL"));
        JsonNode planning = summaryRow(summary, "规划处");
        JsonNode construction = summaryRow(summary, "建设管理处");
        assertEquals("3 1 2 66.7% 1 50.0% 0 0", line(planning, "total", "open", "closed", "completionRate", "closedOnTime",
                "onTimeRate", "overdueOpen", "redCards"));
        assertEquals("1 1 0 0.0% — 1 1", line(construction, "total", "open", "closed", "completionRate", "onTimeRate",
                "overdueOpen", "redCards"));
        assertEquals("4 2 50.0%", line(summary.path("total"), "total", "closed", "completionRate"));
        Http.Reply xlsx = users.get("madong").get("/api/v1/supervision/views/summary?source=PROPOSAL&format=csv");
        assertTrue(xlsx.body().contains("规划处") && xlsx.body().contains("66.7%"));

        // 27. The automatic monthly urge on Wednesday 1 April at 09:00.
        clock("2026-04-01T08:59:00+08:00");
        assertEquals(0, item(s9).path("fields").path("urges").size());
        clock("2026-04-01T09:00:00+08:00");
        JsonNode urges = item(s9).path("fields").path("urges");
        assertEquals(1, urges.size());
        assertTrue(urges.path(0).path("auto").asBoolean());
        assertEquals(user("lijianhua"), urges.path(0).path("recipientUserIds").path(0).asLong());
        assertEquals(0, item(s10).path("fields").path("urges").size());
        assertEquals(0, item(s11).path("fields").path("urges").size());
        assertTrue(admin.get("/api/v1/admin/events?limit=500").body().contains("supervision.monthly_urge"));

        // ---------------------------------------------------------------- attached to an item of another line
        // The sample line stands in for any installed line (a 110 appeal, a clue): the link is the kernel's.
        Bundle sample = context.installBundle("file:" + System.getProperty("civic.samplePlugin"));
        sample.start();
        Awaitility.await("sample line registered").atMost(Duration.ofSeconds(60))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"sample\"")
                        && platform().as("sp_dispatcher", "Sample2026").get("/api/v1/me").status() == 200);
        Http spDispatcher = platform().as("sp_dispatcher", "Sample2026");
        Http spHousing = platform().as("sp_housing", "Sample2026");
        long housingUnit = ok(spHousing.get("/api/v1/me")).path("unit").path("id").asLong();
        Http.Reply task = spDispatcher.post("/api/v1/sample/items", body("title", "路灯损坏", "category", "TRAFFIC"));
        assertEquals(task.toString(), 201, task.status());
        long taskId = task.json().path("id").asLong();
        ok(spDispatcher.post(action(taskId, "dispatch"), body("handlingUnitIds", List.of(housingUnit))));
        // A clerk who may also see the sample line's items (the office's liaison) registers the supervision.
        Http.Reply linker = admin.post("/api/v1/admin/users", body("loginName", "sv_liaison", "displayName", "督办联络员",
                "password", PASSWORD, "unitId", unit("督办科"), "roles", List.of("supervision_clerk", "sample_dispatcher")));
        assertEquals(linker.toString(), 201, linker.status());
        users.put("sv_liaison", platform().as("sv_liaison", PASSWORD));
        Map<String, Object> attached = m("title", "督办路灯抢修", "source", "KEY_WORK", "leadUnitId", unit("规划处"),
                "assignedDate", "2026-04-01", "deadline", "2026-04-30", "content", "督促住建局尽快修复路灯。",
                "linkedItemId", taskId);
        Http.Reply supervised = users.get("sv_liaison").post("/api/v1/supervision/items", json(attached));
        assertEquals(supervised.toString(), 201, supervised.status());
        long sLinked = supervised.json().path("id").asLong();
        JsonNode linked = ok(users.get("sv_liaison").get("/api/v1/supervision/views/linked/" + sLinked)).path(0);
        assertEquals("sample", linked.path("line").asText());
        assertEquals("DISPATCHED", linked.path("state").asText());
        assertEquals("PENDING_SIGN", linked.path("holders").path(0).path("state").asText());
        assertTrue(linked.path("clocks").toString(), linked.path("clocks").toString().contains("\"sign\""));
        ok(spHousing.post(action(taskId, "sign"), body()));
        linked = ok(users.get("sv_liaison").get("/api/v1/supervision/views/linked/" + sLinked)).path(0);
        assertEquals("HANDLING", linked.path("holders").path(0).path("state").asText());
        JsonNode back = ok(spHousing.get("/api/v1/items/" + taskId)).path("links").path(0);
        assertEquals("supervises", back.path("kind").asText());
        assertEquals("IN", back.path("direction").asText());
        assertEquals("supervision", back.path("line").asText());
        assertEquals("督办科", back.path("byUnit").asText());
        assertFalse(back.path("visible").asBoolean());
        expect(spHousing.get("/api/v1/items/" + sLinked), 404, "NOT_FOUND");
        sample.uninstall();

        // The same with a real 110 appeal (issue 7): its state and its unit's task show on the supervision item.
        features.installFeature("civic-plugin-110", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("110 line registered").atMost(Duration.ofSeconds(90))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"linkage110\"")
                        && platform().as("tianjing", "Linkage2026").get("/api/v1/me").status() == 200);
        Http tianjing = platform().as("tianjing", "Linkage2026");
        Http baiyun = platform().as("baiyun", "Linkage2026");
        long street = ok(baiyun.get("/api/v1/me")).path("unit").path("id").asLong();
        Http.Reply appeal = tianjing.post("/api/v1/linkage110/items", json(m("appellantName", "马女士",
                "appellantPhone", "13800000002", "appealTime", "2026-04-01T08:30:00+08:00", "title", "小区门口餐馆油烟扰民",
                "content", "张掖路某小区门口餐馆每天排放油烟，影响居民生活。", "streetRegionCode", "620102001",
                "category", "环境保护")));
        assertEquals(appeal.toString(), 201, appeal.status());
        long appealId = appeal.json().path("id").asLong();
        ok(tianjing.post(action(appealId, "dispatch"), body("handlingUnitIds", List.of(street))));
        Http.Reply liaison110 = admin.post("/api/v1/admin/users", body("loginName", "sv_liaison110", "displayName", "督办联络员二",
                "password", PASSWORD, "unitId", unit("督办科"), "roles", List.of("supervision_clerk", "district_dispatcher")));
        assertEquals(liaison110.toString(), 201, liaison110.status());
        Http clerk110 = platform().as("sv_liaison110", PASSWORD);
        Http.Reply onAppeal = clerk110.post("/api/v1/supervision/items", json(m("title", "督办油烟扰民诉求", "source", "KEY_WORK",
                "leadUnitId", unit("规划处"), "assignedDate", "2026-04-01", "deadline", "2026-04-30",
                "content", "督促街道尽快处理油烟扰民诉求。", "linkedItemId", appealId)));
        assertEquals(onAppeal.toString(), 201, onAppeal.status());
        long sAppeal = onAppeal.json().path("id").asLong();
        JsonNode onLine = ok(clerk110.get("/api/v1/supervision/views/linked/" + sAppeal)).path(0);
        assertEquals("linkage110", onLine.path("line").asText());
        assertEquals("DISPATCHED", onLine.path("state").asText());
        assertEquals("PENDING_SIGN", onLine.path("holders").path(0).path("state").asText());
        ok(baiyun.post(action(appealId, "sign"), body()));
        onLine = ok(clerk110.get("/api/v1/supervision/views/linked/" + sAppeal)).path(0);
        assertEquals("HANDLING", onLine.path("holders").path(0).path("state").asText());
        JsonNode appealLink = ok(tianjing.get("/api/v1/items/" + appealId)).path("links").path(0);
        assertEquals("supervises", appealLink.path("kind").asText());
        assertEquals("督办科", appealLink.path("byUnit").asText());

        // ---------------------------------------------------------------- uninstall and reinstall
        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("supervision line gone").atMost(Duration.ofSeconds(60))
                .until(() -> !admin.get("/api/v1/lines").body().contains("\"supervision\""));
        assertEquals(200, users.get("zhoumin").get("/api/v1/items/" + s7).status());
        expect(users.get("zhoumin").post(action(s7, "urge"), body("opinion", "请报送进展")), 409, "LINE_NOT_INSTALLED");
        assertEquals(404, users.get("zhoumin").get("/api/v1/supervision/views/todo").status());

        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("supervision line back").atMost(Duration.ofSeconds(60))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"supervision\"")
                        && users.get("zhoumin").get("/api/v1/supervision/views/todo").status() == 200);
        act("zhoumin", s7, "urge", m("opinion", "请报送四月进展"));
        assertTrue(todoItems("wangfang").isEmpty() || !todoItems("wangfang").contains(s7));
        long again = draft();
        assertNotEquals(item(s1).path("fields").path("itemNo").asText(), item(again).path("fields").path("itemNo").asText());
    }

    // ------------------------------------------------------------------ helpers

    private void clock(String at) {
        ok(admin.post("/api/v1/admin/clock", "{\"set\":\"" + at + "\",\"frozen\":true}"));
    }

    private long user(String login) {
        return userIds.get(login);
    }

    private long unit(String name) {
        Long id = unitIds.get(name);
        if (id == null) {
            throw new AssertionError("no unit " + name);
        }
        return id;
    }

    /** S1 of §11 as a draft by 周敏, with overrides (null removes a field). */
    private long draft(Object... overrides) {
        Map<String, Object> input = m("title", "完成2026年农村公路建设项目前期工作", "source", "LEADER_INSTRUCTION",
                "leadUnitId", unit("规划处"), "coUnitIds", List.of(unit("财务处")), "assignedDate", "2026-03-02",
                "deadline", "2026-03-31", "content", "按厅党组会议要求，3月底前完成项目可研批复和资金测算。");
        input.putAll(m(overrides));
        input.values().removeIf(v -> v == null);
        Http.Reply r = users.get("zhoumin").post("/api/v1/supervision/items", json(input));
        assertEquals(r.toString(), 201, r.status());
        return r.json().path("id").asLong();
    }

    private void send(long id, String head) {
        act("zhoumin", id, "send", m("headUserId", user(head)));
    }

    private long sent() {
        long id = draft();
        send(id, "lijianhua");
        return id;
    }

    private long atHandler() {
        long id = sent();
        act("lijianhua", id, "delegate_down", m("nextUserId", user("wangfang")));
        act("wangfang", id, "delegate_down", m("nextUserId", user("zhangwei")));
        return id;
    }

    private static Map<String, Object> completion(Object... more) {
        Map<String, Object> in = m("outcome", "APPLY_COMPLETION", "implementationStatus", "已完成可研批复和资金测算");
        in.putAll(m(more));
        return in;
    }

    private static Map<String, Object> notCompleted(Object... more) {
        Map<String, Object> in = m("outcome", "NOT_COMPLETED", "notCompletedReason", "资金来源尚未落实", "measures", "已报请财务处协调");
        in.putAll(m(more));
        return in;
    }

    private JsonNode act(String who, long id, String action, Map<String, Object> input) {
        return ok(users.get(who).post(action(id, action), json(input)));
    }

    private void refuse(String who, long id, String action, int status, String code, Map<String, Object> input) {
        long before = item(id).path("version").asLong();
        expect(users.get(who).post(action(id, action), json(input)), status, code);
        assertEquals("a refusal writes nothing", before, item(id).path("version").asLong());
    }

    private JsonNode item(long id) {
        return ok(users.get("zhoumin").get("/api/v1/items/" + id));
    }

    private static JsonNode flow(JsonNode item, String kind) {
        JsonNode found = null;
        for (JsonNode f : item.path("fields").path("flows")) {
            if (kind.equals(f.path("kind").asText())) {
                found = f;
            }
        }
        if (found == null) {
            throw new AssertionError("no " + kind + " flow in " + item);
        }
        return found;
    }

    private List<Long> todoItems(String who) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : ok(users.get(who).get("/api/v1/supervision/views/todo"))) {
            ids.add(r.path("itemId").asLong());
        }
        return ids;
    }

    private List<Long> pickerItems(String who, String kind) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : ok(users.get(who).get("/api/v1/supervision/views/picker?kind=" + kind))) {
            ids.add(r.path("itemId").asLong());
        }
        return ids;
    }

    private List<Long> viewItems(String who, String view, String query) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode r : ok(users.get(who).get("/api/v1/supervision/views/items/" + view + "?x=1" + query)).path("items")) {
            ids.add(r.path("itemId").asLong());
        }
        return ids;
    }

    private List<JsonNode> notices(String who, long item, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : ok(users.get(who).get("/api/v1/supervision/views/notices"))) {
            if (n.path("itemId").asLong() == item && kind.equals(n.path("kind").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    private List<String> noticeKinds(String who, long item) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode n : ok(users.get(who).get("/api/v1/supervision/views/notices?all=true"))) {
            if (n.path("itemId").asLong() == item) {
                kinds.add(n.path("kind").asText());
            }
        }
        return kinds;
    }

    private static JsonNode summaryRow(JsonNode summary, String unit) {
        for (JsonNode r : summary.path("rows")) {
            if (unit.equals(r.path("leadUnitName").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row " + unit + " in " + summary);
    }

    private static String line(JsonNode row, String... keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(row.path(k).asText());
        }
        return String.join(" ", parts);
    }

    private static List<Http.Reply> race(Callable<Http.Reply> a, Callable<Http.Reply> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Http.Reply> fa = pool.submit(a);
            Future<Http.Reply> fb = pool.submit(b);
            return List.of(fa.get(), fb.get());
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String body(Object... kv) {
        return json(m(kv));
    }

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
