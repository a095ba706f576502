package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.awaitility.Awaitility;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 110 linkage line on the real distribution: the feature is installed at runtime, the acceptance
 * scenarios of spec linkage-110.md §11 run over REST with the platform's frozen clock on the spec's
 * calendar (office 09:00–12:00 and 13:00–17:00, no holidays in March 2026), then the feature is
 * uninstalled (items stay, actions refused) and installed again. The later methods (in name order, one
 * container for the class) run in the weeks after it, in the same district, and compare counts before and
 * after rather than absolute ones: the WeChat micro-platform with the password change (scenarios 29, 30) and
 * the concurrent actions of web and WeChat users (31).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class Linkage110IT extends CivicTestSupport {

    private static final String FEATURE = "civic-plugin-110";
    private static final String PASSWORD = "Linkage2026";

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return new ArrayList<>(List.of(distribution())).toArray(new Option[0]);
    }

    private Http admin;
    private Http tianjing;
    private Http baiyun;
    private Http baixue;
    private Http gaofeng;
    private Http kongming;
    private Http wechat;
    private long zyl;
    private long gll;
    private long sj;
    private long xy;

    @Test
    public void appealsGoFromDraftToArchiveAndTheLineComesAndGoesWithItsFeature() throws Exception {
        admin = platform().as("admin", "admin");
        assertFalse(admin.get("/api/v1/lines").body().contains("\"linkage110\""));
        features.installFeature(FEATURE);
        Awaitility.await("110 line registered and its users loaded").atMost(Duration.ofSeconds(90))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"linkage110\"")
                        && platform().as("tianjing", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().as("qianjin", PASSWORD).get("/api/v1/me").status() == 200);
        tianjing = platform().as("tianjing", PASSWORD);
        baiyun = platform().as("baiyun", PASSWORD);
        baixue = platform().as("baixue", PASSWORD);
        gaofeng = platform().as("gaofeng", PASSWORD);
        kongming = platform().as("kongming", PASSWORD);
        zyl = unitId("张掖路街道办事处");
        gll = unitId("皋兰路街道办事处");
        sj = unitId("城关区市场监督管理局");
        xy = unitId("七里河区西园街道办事处");
        assertEquals(204, admin.put("/api/v1/admin/calendar/office-hours",
                "{\"regionCode\":\"620102\",\"officeHours\":\"09:00-12:00,13:00-17:00\"}").status());

        // 1, 2. Create: numbers per district and day; validation; role
        at("2026-03-02T09:50:00");
        expect(tianjing.post("/api/v1/linkage110/items", appeal().replace("\"appellantPhone\":\"13800000002\",", "")),
                400, "MISSING_FIELD:appellantPhone");
        expect(tianjing.post("/api/v1/linkage110/items", appeal().replace("13800000002", "12345")), 400,
                "INVALID_VALUE:appellantPhone");
        expect(tianjing.post("/api/v1/linkage110/items", appeal().replace("2026-03-02T09:40", "2026-03-03T09:40")), 400,
                "INVALID_VALUE:appealTime");
        expect(baiyun.post("/api/v1/linkage110/items", appeal()), 403, "FORBIDDEN");
        JsonNode a1 = created(tianjing.post("/api/v1/linkage110/items", appeal()));
        JsonNode a2 = created(tianjing.post("/api/v1/linkage110/items", appeal()));
        assertEquals("DRAFT", a1.path("state").asText());
        assertEquals("20260302-1", a1.path("fields").path("districtNo").asText());
        assertEquals("20260302-2", a2.path("fields").path("districtNo").asText());
        assertEquals("PHONE", a1.path("fields").path("channel").asText());
        // a street of another district (refused after the number was drawn: numbers are unique, not gap-free)
        expect(tianjing.post("/api/v1/linkage110/items", appeal().replace("620102001", "620103001")), 400,
                "INVALID_VALUE:streetRegionCode");
        assertEquals(2, tianjing.get("/api/v1/linkage110/worklists").json().path("pending").asInt());
        long id1 = a1.path("id").asLong();
        long id2 = a2.path("id").asLong();

        // 4. Dispatch validation
        at("2026-03-02T10:00:00");
        expect(tianjing.post(action(id1, "dispatch"), "{\"handlingUnitIds\":[" + xy + "]}"), 400,
                "INVALID_VALUE:handlingUnitIds");
        expect(tianjing.post(action(id1, "dispatch"), "{}"), 400, "MISSING_FIELD:handlingUnitIds");
        expect(tianjing.post(action(id1, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "],"
                + "\"handlingDeadline\":\"2026-03-02T11:00:00+08:00\"}"), 400, "INVALID_VALUE:handlingDeadline");
        expect(tianjing.post(action(id1, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "," + zyl + "]}"), 400,
                "INVALID_VALUE:handlingUnitIds");
        assertEquals("DRAFT", tianjing.get("/api/v1/items/" + id1).json().path("state").asText());

        // 3. Dispatch to one unit: sign by 12:00, handle by Thu 17:00
        JsonNode item = ok(tianjing.post(action(id1, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        assertEquals("DISPATCHED", item.path("state").asText());
        JsonNode task = assignment(item, zyl);
        assertEquals("PENDING_SIGN", task.path("state").asText());
        assertEquals("2026-03-02T12:00:00+08:00", clock(task, "sign").path("deadline").asText());
        assertEquals("2026-03-05T17:00:00+08:00", clock(task, "handling").path("deadline").asText());
        expect(tianjing.post(action(id1, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"), 409, "INVALID_STATE");
        expect(tianjing.post(action(id1, "edit_draft"), "{\"title\":\"新标题\"}"), 409, "INVALID_STATE");
        expect(tianjing.post(action(id1, "delete_draft"), "{}"), 409, "INVALID_STATE");

        // 5. Login reminders: the counts of the lists
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("awaiting_feedback").asInt());
        assertEquals(1, baiyun.get("/api/v1/linkage110/worklists").json().path("to_process").asInt());
        assertEquals(0, gaofeng.get("/api/v1/linkage110/worklists").json().path("to_process").asInt());

        // 6. Sign
        at("2026-03-02T10:30:00");
        expect(gaofeng.post(action(id1, "sign"), "{}"), 404, "NOT_FOUND");
        expect(tianjing.post(action(id1, "sign"), "{}"), 403, "FORBIDDEN");
        item = ok(baiyun.post(action(id1, "sign"), "{}"));
        assertEquals("HANDLING", assignment(item, zyl).path("state").asText());
        assertEquals(0, item.path("cards").size() + assignment(item, zyl).path("cards").size());
        expect(baixue.post(action(id1, "sign"), "{}"), 409, "INVALID_STATE");

        // 7, 8. Feedback
        expect(baiyun.post(action(id1, "feedback"), "{}"), 400, "MISSING_FIELD:content");
        at("2026-03-03T15:00:00");
        item = ok(baiyun.post(action(id1, "feedback"), "{\"content\":\"已约谈餐馆经营者，责令安装油烟净化设备，现已整改\"}"));
        assertEquals("PENDING_CALLBACK", assignment(item, zyl).path("state").asText());
        JsonNode lists = tianjing.get("/api/v1/linkage110/worklists").json();
        assertEquals(0, lists.path("awaiting_feedback").asInt());
        assertEquals(1, lists.path("awaiting_callback").asInt());
        assertEquals(1, baiyun.get("/api/v1/linkage110/worklists").json().path("to_call_back").asInt());

        // 9. Department callback
        expect(baiyun.post(action(id1, "dept_callback"), "{\"content\":\"诉求人表示油烟问题已解决\"}"), 400,
                "MISSING_FIELD:result");
        expect(baiyun.post(action(id1, "dept_callback"), "{\"result\":\"OK\",\"content\":\"诉求人表示油烟问题已解决\"}"), 400,
                "INVALID_VALUE:result");
        item = ok(baiyun.post(action(id1, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人表示油烟问题已解决\"}"));
        assertEquals("AWAITING_ARCHIVE", item.path("state").asText());
        assertEquals("DONE", assignment(item, zyl).path("state").asText());
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("awaiting_archive").asInt());
        assertEquals(1, baiyun.get("/api/v1/linkage110/worklists").json().path("unit_awaiting_archive").asInt());

        // 16, 17. Supervise (send back)
        at("2026-03-04T10:00:00");
        String sendBack = "{\"unitIds\":[" + zyl + "],\"opinion\":\"反馈内容与现场不符，请重新核查\","
                + "\"handlingDeadline\":\"2026-03-06T17:00:00+08:00\"}";
        expect(tianjing.post(action(id1, "supervise"), sendBack.replace("\"opinion\":\"反馈内容与现场不符，请重新核查\",", "")),
                400, "MISSING_FIELD:opinion");
        expect(tianjing.post(action(id1, "supervise"), "{\"unitIds\":[" + zyl + "],\"opinion\":\"请重新核查\"}"), 400,
                "MISSING_FIELD:handlingDeadline");
        expect(baiyun.post(action(id1, "supervise"), sendBack), 403, "FORBIDDEN");
        expect(tianjing.post(action(id1, "supervise"), sendBack.replace("[" + zyl + "]", "[" + sj + "]")), 400,
                "INVALID_VALUE:unitIds");
        item = ok(tianjing.post(action(id1, "supervise"), sendBack));
        assertEquals("DISPATCHED", item.path("state").asText());
        task = assignment(item, zyl);
        assertEquals("HANDLING", task.path("state").asText());
        assertEquals("2026-03-06T17:00:00+08:00", clock(task, "handling").path("deadline").asText());
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("awaiting_feedback").asInt());
        ok(baiyun.post(action(id1, "feedback"), "{\"content\":\"已重新核查，餐馆已安装油烟净化设备\"}"));
        item = ok(baiyun.post(action(id1, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人满意\"}"));
        assertEquals("AWAITING_ARCHIVE", item.path("state").asText());

        // 10. Manual district callback archives
        item = ok(tianjing.post(action(id1, "confirm_callback"), "{\"result\":\"SATISFIED\",\"content\":\"回访满意\"}"));
        assertEquals("ARCHIVED", item.path("state").asText());
        assertEquals("SATISFIED", item.path("fields").path("finalCallbackResult").asText());
        expect(tianjing.post(action(id1, "supervise"), sendBack), 409, "INVALID_STATE");
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("archived").asInt());
        assertEquals(1, baiyun.get("/api/v1/linkage110/worklists").json().path("unit_archived").asInt());

        // §9 (A10): the archive record of the archived appeal, its history in order.
        assertEquals(List.of("dispatch_sheet", "archive_record"),
                names(tianjing.get("/api/v1/items/" + id1 + "/documents").json()));
        String record = pdfText(tianjing, id1, "archive_record");
        assertInOrder(record, "事件档案", "20260302-1", "马女士", "13800000002", "小区门口餐馆油烟扰民", "城关区张掖路某号",
                "田静", "张掖路街道办事处", "2026-03-0617:00", "办理过程", "派发", "签收", "回访满意；诉求人表示油烟问题已解决",
                "督办（发回重新办理）反馈内容与现场不符，请重新核查", "反馈已重新核查，餐馆已安装油烟净化设备",
                "确认回访满意；回访满意", "区级回访", "人工回访满意回访满意", "最终回访结果：满意");

        // 18, 15. Multi-unit appeal; three unreachable district callbacks archive it
        item = ok(tianjing.post(action(id2, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "," + sj + "]}"));
        assertTrue(item.path("fields").path("multiUnit").asBoolean());
        ok(baiyun.post(action(id2, "sign"), "{}"));
        expect(baiyun.post(action(id2, "dispute"), "{\"description\":\"该餐馆位于皋兰路街道辖区\"}"), 409,
                "NOT_ALLOWED_FOR_MULTI_UNIT");
        expect(baiyun.post(action(id2, "request_extension"), "{\"newDeadline\":\"2026-03-10T17:00:00+08:00\","
                + "\"reason\":\"需协调市场监管部门联合检查\"}"), 409, "NOT_ALLOWED_FOR_MULTI_UNIT");
        ok(kongming.post(action(id2, "sign"), "{}"));
        ok(baiyun.post(action(id2, "feedback"), "{\"content\":\"街道已现场处理完毕\"}"));
        item = ok(baiyun.post(action(id2, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人满意\"}"));
        assertEquals("DISPATCHED", item.path("state").asText());
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("awaiting_feedback").asInt());
        ok(kongming.post(action(id2, "feedback"), "{\"content\":\"市场监管局已责令整改\"}"));
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("awaiting_callback").asInt());
        item = ok(kongming.post(action(id2, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人满意\"}"));
        assertEquals("AWAITING_ARCHIVE", item.path("state").asText());
        for (int attempt = 1; attempt <= 3; attempt++) {
            item = ok(tianjing.post(action(id2, "confirm_callback"), "{\"result\":\"UNREACHABLE\",\"content\":\"电话无人接听\"}"));
            assertEquals("attempt " + attempt, attempt < 3 ? "AWAITING_ARCHIVE" : "ARCHIVED", item.path("state").asText());
        }
        assertEquals("UNREACHABLE", item.path("fields").path("finalCallbackResult").asText());

        // 21, 22. Dispute rejected: the handling clock pauses and the deadline shifts
        at("2026-03-09T10:00:00");
        long id3 = created(tianjing.post("/api/v1/linkage110/items", appeal())).path("id").asLong();
        ok(tianjing.post(action(id3, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        expect(baiyun.post(action(id3, "dispute"), "{\"description\":\"该餐馆位于皋兰路街道辖区\"}"), 409, "INVALID_STATE");
        at("2026-03-09T10:30:00");
        ok(baiyun.post(action(id3, "sign"), "{}"));
        expect(baiyun.post(action(id3, "dispute"), "{}"), 400, "MISSING_FIELD:description");
        at("2026-03-10T10:00:00");
        item = ok(baiyun.post(action(id3, "dispute"), "{\"description\":\"该餐馆位于皋兰路街道辖区\"}"));
        assertEquals("DISPUTED", assignment(item, zyl).path("state").asText());
        assertEquals(1, tianjing.get("/api/v1/linkage110/worklists").json().path("disputes").asInt());
        at("2026-03-11T15:00:00");
        expect(tianjing.post(action(id3, "reject_dispute"), "{\"unitId\":" + zyl + "}"), 400, "MISSING_FIELD:opinion");
        item = ok(tianjing.post(action(id3, "reject_dispute"), "{\"unitId\":" + zyl + ",\"opinion\":\"属街道职责，请继续办理\"}"));
        task = assignment(item, zyl);
        assertEquals("HANDLING", task.path("state").asText());
        assertEquals("2026-03-16T14:00:00+08:00", clock(task, "handling").path("deadline").asText());
        at("2026-03-12T17:30:00");
        assertEquals(0, assignment(tianjing.get("/api/v1/items/" + id3).json(), zyl).path("cards").size());

        // 20. Dispute accepted: the disputing task is withdrawn, the new unit starts fresh
        at("2026-03-16T10:00:00");
        long id4 = created(tianjing.post("/api/v1/linkage110/items", appeal())).path("id").asLong();
        ok(tianjing.post(action(id4, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        ok(baiyun.post(action(id4, "sign"), "{}"));
        ok(baiyun.post(action(id4, "dispute"), "{\"description\":\"该餐馆位于皋兰路街道辖区\"}"));
        expect(tianjing.post(action(id4, "accept_dispute"), "{\"unitId\":" + zyl + ",\"newUnitIds\":[" + zyl + "]}"), 400,
                "INVALID_VALUE:newUnitIds");
        item = ok(tianjing.post(action(id4, "accept_dispute"), "{\"unitId\":" + zyl + ",\"newUnitIds\":[" + gll + "]}"));
        assertEquals("CANCELLED", assignment(item, zyl).path("state").asText());
        task = assignment(item, gll);
        assertEquals("PENDING_SIGN", task.path("state").asText());
        assertEquals("2026-03-16T12:00:00+08:00", clock(task, "sign").path("deadline").asText());
        assertEquals(1, gaofeng.get("/api/v1/linkage110/worklists").json().path("to_process").asInt());
        assertEquals(1, baiyun.get("/api/v1/linkage110/worklists").json().path("withdrawn").asInt());
        assertEquals(200, baiyun.get("/api/v1/items/" + id4).status());
        expect(baiyun.post(action(id4, "feedback"), "{\"content\":\"街道已处理完毕\"}"), 403, "OUT_OF_SCOPE");

        // 26. Sign-in card: 皋兰路 did not sign by 12:00; signing later succeeds and the card stays
        at("2026-03-16T12:10:00");
        task = assignment(tianjing.get("/api/v1/items/" + id4).json(), gll);
        assertEquals(1, task.path("cards").size());
        assertEquals("2026-03-16T12:00:00+08:00", task.path("cards").get(0).path("raisedAt").asText());
        ok(gaofeng.post(action(id4, "sign"), "{}"));
        assertEquals(1, assignment(tianjing.get("/api/v1/items/" + id4).json(), gll).path("cards").size());

        // 32. Scope
        expect(platform().as("qianjin", PASSWORD).get("/api/v1/items/" + id1), 404, "NOT_FOUND");
        Http gongping = platform().as("gongping", PASSWORD);
        // §9 (A10, A11): the dispatch sheet of a dispatched appeal; the leader's copy masks the phone.
        String sheet = pdfText(gongping, id2, "dispatch_sheet");
        assertInOrder(sheet, "110联动事件派发单", "20260302-2", "马女士", "138****0002", "田静", "张掖路街道办事处",
                "城关区市场监督管理局", "打印人");
        assertFalse(sheet, sheet.contains("13800000002"));
        assertTrue(pdfText(tianjing, id2, "dispatch_sheet").contains("13800000002"));
        expect(platform().as("qianjin", PASSWORD).get("/api/v1/items/" + id2 + "/documents/dispatch_sheet"), 404,
                "NOT_FOUND");
        assertEquals(200, gongping.get("/api/v1/items/" + id1).status());
        long id5 = created(tianjing.post("/api/v1/linkage110/items", appeal())).path("id").asLong();
        expect(tianjing.get("/api/v1/items/" + id5 + "/documents/dispatch_sheet"), 409, "INVALID_STATE");
        assertEquals(List.of(), names(tianjing.get("/api/v1/items/" + id5 + "/documents").json()));
        expect(gongping.post(action(id5, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"), 403, "FORBIDDEN");

        // 35. Delete a draft: numbers are not reused
        ok(tianjing.post(action(id5, "delete_draft"), "{}"));
        JsonNode next = created(tianjing.post("/api/v1/linkage110/items", appeal()));
        assertTrue(next.path("fields").path("districtNo").asText().compareTo("20260316-2") >= 0);

        // Hot uninstall: menus go, items stay readable and refuse actions; reinstall brings the line back
        features.uninstallFeature(FEATURE);
        Awaitility.await("110 line gone").atMost(Duration.ofSeconds(60))
                .until(() -> !admin.get("/api/v1/lines").body().contains("\"linkage110\""));
        assertEquals("ARCHIVED", admin.get("/api/v1/items/" + id1).json().path("state").asText());
        expect(tianjing.post(action(id4, "sign"), "{}"), 409, "LINE_NOT_INSTALLED");
        features.installFeature(FEATURE);
        Awaitility.await("110 line back").atMost(Duration.ofSeconds(60))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"linkage110\""));
        assertEquals(2, tianjing.get("/api/v1/linkage110/worklists").json().path("archived").asInt());
        // the reinstalled line acts again on the items it left behind
        item = ok(gaofeng.post(action(id4, "dispute"), "{\"description\":\"该餐馆仍不属本街道辖区\"}"));
        assertEquals("DISPUTED", assignment(item, gll).path("state").asText());
    }

    /** The line installed (the first method leaves it so) and the clients of the spec's fixture. */
    private void connect() {
        admin = platform().as("admin", "admin");
        if (!admin.get("/api/v1/lines").body().contains("\"linkage110\"")) {
            try {
                features.installFeature(FEATURE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        Awaitility.await("110 line registered and its users loaded").atMost(Duration.ofSeconds(90))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"linkage110\"")
                        && platform().as("wechat_cg", PASSWORD).get("/api/v1/me").status() == 200);
        tianjing = platform().as("tianjing", PASSWORD);
        baiyun = platform().as("baiyun", PASSWORD);
        baixue = platform().as("baixue", PASSWORD);
        wechat = platform().as("wechat_cg", PASSWORD);
        zyl = unitId("张掖路街道办事处");
        assertEquals(204, admin.put("/api/v1/admin/calendar/office-hours",
                "{\"regionCode\":\"620102\",\"officeHours\":\"09:00-12:00,13:00-17:00\"}").status());
    }

    private static String wechatLogin(String account, String password, String wechatUserId) {
        return "{\"account\":\"" + account + "\",\"password\":\"" + password + "\",\"wechatUserId\":\""
                + wechatUserId + "\"}";
    }

    private static String resume(String wechatUserId, String rememberToken) {
        return "{\"wechatUserId\":\"" + wechatUserId + "\",\"rememberToken\":\"" + rememberToken + "\"}";
    }

    private static String passwordChange(String oldPassword, String newPassword, String confirm) {
        return "{\"oldPassword\":\"" + oldPassword + "\",\"newPassword\":\"" + newPassword
                + "\",\"confirmPassword\":\"" + confirm + "\"}";
    }

    private long dispatched(Http dispatcher) {
        long id = created(dispatcher.post("/api/v1/linkage110/items", appeal())).path("id").asLong();
        ok(dispatcher.post(action(id, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        return id;
    }

    @Test
    public void wechatMicroPlatformAndPasswordChangeScenarios29And30() throws Exception {
        connect();
        at("2026-03-23T10:00:00");
        long a14 = dispatched(tianjing);

        // 29. 白云 logs in through the enterprise account's backend: the same lists and counts as the web
        expect(wechat.post("/api/v1/linkage110/wechat/login", wechatLogin("tianjing", PASSWORD, "wx-tianjing")), 403,
                "FORBIDDEN");
        expect(wechat.post("/api/v1/linkage110/wechat/login", wechatLogin("baiyun", "Wrong2026", "wx-baiyun")), 400,
                "INVALID_VALUE:password");
        expect(baiyun.post("/api/v1/linkage110/wechat/login", wechatLogin("baiyun", PASSWORD, "wx-baiyun")), 403,
                "FORBIDDEN");
        JsonNode login = ok(wechat.post("/api/v1/linkage110/wechat/login", wechatLogin("baiyun", PASSWORD, "wx-baiyun")));
        assertEquals("白云", login.path("displayName").asText());
        assertEquals("2026-04-22T10:00:00+08:00", login.path("rememberedUntil").asText());
        String remember = login.path("rememberToken").asText();
        Http wx = platform().bearer(login.path("token").asText());
        JsonNode webCounts = baiyun.get("/api/v1/linkage110/worklists").json();
        assertEquals(webCounts, wx.get("/api/v1/linkage110/worklists").json());
        assertEquals(webCounts.path("to_process"), login.path("reminder").path("to_process"));
        assertTrue(wx.get("/api/v1/linkage110/worklists/to_process").body().contains("\"id\":" + a14));
        // she signs A14 on WeChat: the audit entry has channel WECHAT (the web's entries are WEB or REST)
        JsonNode item = ok(wx.post(action(a14, "sign"), "{}"));
        JsonNode last = item.path("auditTrail").get(item.path("auditTrail").size() - 1);
        assertEquals("sign", last.path("action").asText());
        assertEquals("WECHAT", last.path("channel").asText());
        assertEquals("REST", item.path("auditTrail").get(0).path("channel").asText());

        // reopening the next day needs no password
        at("2026-03-24T09:00:00");
        JsonNode next = ok(wechat.post("/api/v1/linkage110/wechat/session", resume("wx-baiyun", remember)));
        assertEquals("2026-04-23T09:00:00+08:00", next.path("rememberedUntil").asText());
        Http wxNext = platform().bearer(next.path("token").asText());
        assertEquals(200, wxNext.get("/api/v1/items/" + a14).status());
        expect(wechat.post("/api/v1/linkage110/wechat/session", resume("wx-other", remember)), 401, "LOGIN_REQUIRED");

        // 30. The web's password change: the spec's rules, nothing written on refusal
        JsonNode webLogin = ok(platform().post("/api/v1/auth/login",
                "{\"loginName\":\"baiyun\",\"password\":\"" + PASSWORD + "\"}"));
        Http web = platform().bearer(webLogin.path("token").asText());
        expect(web.post("/api/v1/me/password", passwordChange("Wrong2026", "Baiyun2026x", "Baiyun2026x")), 400,
                "INVALID_VALUE:oldPassword");
        expect(web.post("/api/v1/me/password", passwordChange(PASSWORD, "12345678", "12345678")), 400,
                "INVALID_VALUE:newPassword");
        expect(web.post("/api/v1/me/password", passwordChange(PASSWORD, "abc123", "abc123")), 400,
                "INVALID_VALUE:newPassword");
        expect(web.post("/api/v1/me/password", passwordChange(PASSWORD, PASSWORD, PASSWORD)), 400,
                "INVALID_VALUE:newPassword");
        expect(web.post("/api/v1/me/password", passwordChange(PASSWORD, "Baiyun2026x", "Baiyun2026y")), 400,
                "INVALID_VALUE:confirmPassword");
        assertEquals(200, wxNext.get("/api/v1/linkage110/worklists").status());
        assertEquals(204, web.post("/api/v1/me/password", passwordChange(PASSWORD, "Baiyun2026x", "Baiyun2026x")).status());
        // every other login ends, the remembered WeChat login included; the session that changed it stays
        assertEquals(200, web.get("/api/v1/me").status());
        assertEquals(401, wxNext.get("/api/v1/linkage110/worklists").status());
        assertEquals(401, wx.get("/api/v1/linkage110/worklists").status());
        assertEquals(401, baiyun.get("/api/v1/me").status());
        expect(wechat.post("/api/v1/linkage110/wechat/session", resume("wx-baiyun", remember)), 401, "LOGIN_REQUIRED");
        // WeChat asks for the password again
        expect(wechat.post("/api/v1/linkage110/wechat/login", wechatLogin("baiyun", PASSWORD, "wx-baiyun")), 400,
                "INVALID_VALUE:password");
        JsonNode again = ok(wechat.post("/api/v1/linkage110/wechat/login", wechatLogin("baiyun", "Baiyun2026x", "wx-baiyun")));
        assertEquals(204, wechat.post("/api/v1/linkage110/wechat/logout", "{\"wechatUserId\":\"wx-baiyun\"}").status());
        expect(wechat.post("/api/v1/linkage110/wechat/session", resume("wx-baiyun", again.path("rememberToken").asText())),
                401, "LOGIN_REQUIRED");
        // back to the fixture's password for the other methods
        assertEquals(204, web.post("/api/v1/me/password", passwordChange("Baiyun2026x", PASSWORD, PASSWORD)).status());
        assertEquals(200, baiyun.get("/api/v1/me").status());
    }

    @Test
    public void webAndWechatUsersActAtTheSameMomentScenario31() throws Exception {
        connect();
        Http hanxue = platform().as("hanxue", PASSWORD);
        at("2026-03-30T10:00:00");
        Http baixueOnWechat = platform().bearer(ok(wechat.post("/api/v1/linkage110/wechat/login",
                wechatLogin("baixue", PASSWORD, "wx-baixue"))).path("token").asText());
        // the Basic credentials are verified once before the race, so both requests start equal
        assertEquals(200, baiyun.get("/api/v1/me").status());
        assertEquals(200, hanxue.get("/api/v1/me").status());
        assertEquals(200, tianjing.get("/api/v1/me").status());
        for (int round = 0; round < 3; round++) {
            long a15 = dispatched(tianjing);
            List<Http.Reply> replies = race(() -> baiyun.post(action(a15, "sign"), "{}"),
                    () -> baixueOnWechat.post(action(a15, "sign"), "{}"));
            assertOneWon(replies);
            JsonNode item = tianjing.get("/api/v1/items/" + a15).json();
            assertEquals("HANDLING", assignment(item, zyl).path("state").asText());
            assertEquals(1, count(item, "sign"));

            long a16 = dispatched(tianjing);
            ok(baiyun.post(action(a16, "sign"), "{}"));
            ok(baiyun.post(action(a16, "feedback"), "{\"content\":\"已约谈餐馆经营者，责令整改\"}"));
            ok(baiyun.post(action(a16, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人满意\"}"));
            replies = race(() -> tianjing.post(action(a16, "confirm_callback"),
                    "{\"result\":\"SATISFIED\",\"content\":\"回访满意\"}"),
                    () -> hanxue.post(action(a16, "supervise"), "{\"unitIds\":[" + zyl + "],\"opinion\":\"请重新核查\","
                            + "\"handlingDeadline\":\"2026-04-03T17:00:00+08:00\"}"));
            assertOneWon(replies);
            item = tianjing.get("/api/v1/items/" + a16).json();
            boolean archived = replies.get(0).status() == 200;
            assertEquals(archived ? "ARCHIVED" : "DISPATCHED", item.path("state").asText());
            assertEquals(archived ? "DONE" : "HANDLING", assignment(item, zyl).path("state").asText());
            assertEquals(1, count(item, "confirm_callback") + count(item, "supervise"));
        }
    }

    private static int count(JsonNode item, String action) {
        int n = 0;
        for (JsonNode e : item.path("auditTrail")) {
            n += action.equals(e.path("action").asText()) ? 1 : 0;
        }
        return n;
    }

    private static void assertOneWon(List<Http.Reply> replies) {
        assertEquals(replies.toString(), 1, replies.stream().filter(r -> r.status() == 200).count());
        for (Http.Reply r : replies) {
            assertTrue(r.toString(), r.status() == 200 || r.status() == 409
                    && ("CONFLICT".equals(r.code()) || "INVALID_STATE".equals(r.code())));
        }
    }

    /** Sends both requests at the same moment. */
    private static List<Http.Reply> race(Callable<Http.Reply> first, Callable<Http.Reply> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Reply>> futures = new ArrayList<>();
            for (Callable<Http.Reply> c : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Http.Reply> out = new ArrayList<>();
            for (Future<Http.Reply> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> names(JsonNode documents) {
        List<String> out = new ArrayList<>();
        documents.forEach(d -> out.add(d.path("name").asText()));
        return out;
    }

    private static String appeal() {
        return "{\"appellantName\":\"马女士\",\"appellantPhone\":\"13800000002\","
                + "\"appealTime\":\"2026-03-02T09:40:00+08:00\",\"title\":\"小区门口餐馆油烟扰民\","
                + "\"content\":\"张掖路某小区门口餐馆每天排放油烟，影响居民生活。\",\"address\":\"城关区张掖路某号\","
                + "\"streetRegionCode\":\"620102001\",\"category\":\"环境保护\"}";
    }

    private void at(String local) {
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"set\":\"" + local + "+08:00\",\"frozen\":true}").status());
    }

    private long unitId(String name) {
        for (JsonNode u : admin.get("/api/v1/admin/units?limit=500").json().path("items")) {
            if (name.equals(u.path("name").asText())) {
                return u.path("id").asLong();
            }
        }
        throw new AssertionError("no unit " + name);
    }
}
