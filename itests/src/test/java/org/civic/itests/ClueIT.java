package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The complaint clue line (spec clue-handling.md) on the real distribution, over HTTP as the mini-program's back
 * end, the officers and the partner platforms use it: the feature {@code civic-plugin-clue} is installed at
 * runtime, path (a) of §5.4 runs end to end, then returns, rejections, notes, receive-all, merges, statistics
 * with their CSV exports, the printed sheet, the SOAP exchange, the scope rules, bad input, one clue unit per
 * region, and finally uninstall and reinstall. One boot for the class; each test is independent of the order
 * JUnit picks: it installs the line if it is missing and works on days of its own on the frozen clock (the
 * path (a) test owns 2026-03-02, so C1 is the container's first clue of that day and gets XS20260302000001).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClueIT extends CivicTestSupport {

    private static final String FEATURE = "civic-plugin-clue";
    private static final String PASSWORD = "Clue2026";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOGINS = List.of("wangmin", "sunlei", "liqiang", "zhangli", "chenjing", "zhaogang",
            "liuyang", "zhouhong", "mp_gateway", "portal_gateway");
    private static final String FEEDBACK = "已督促用工单位足额支付拖欠工资18600元，投诉人确认收到";

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return distribution();
    }

    private static Http admin;
    /** The frozen clock's date, for handled dates. */
    private static String today;
    private static final Map<String, Http> users = new HashMap<>();
    private static final Map<String, Long> units = new HashMap<>();

    // ================================================================== path (a), scenarios 1-14 and 28, scope

    @Test
    public void pathAFromIntakeToCompletionWithTrailSheetEventsAndScope() throws Exception {
        ready();
        long uLZ = unit("liqiang");
        long uCG = unit("zhaogang");
        long uP = unit("wangmin");

        // 1. intake with a workplace city (the container's first clue of 2 March)
        clock("2026-03-02T09:10:00+08:00");
        Http.Reply createdReply = users.get("mp_gateway").post("/api/v1/clue/items", json(c1()));
        JsonNode created = created(createdReply);
        long c1 = created.path("id").asLong();
        assertEquals("XS20260302000001", created.path("number").asText());
        JsonNode v = item(c1);
        assertEquals("XS20260302000001", v.path("fields").path("clueNo").asText());
        assertEquals("PENDING_RECEIPT", v.path("state").asText());
        assertEquals(uLZ, v.path("fields").path("holderUnitId").asLong());
        assertEquals("CITY", v.path("fields").path("holderLevel").asText());
        assertEquals("2026-03-02T09:10:00+08:00", v.path("fields").path("submittedAt").asText());
        assertTrue(ids("liqiang", "pending-receipt").contains(c1));
        assertFalse(ids("zhaogang", "pending-receipt").contains(c1));
        JsonNode trail = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c1 + "/trail"));
        assertEquals(1, trail.size());
        assertEquals("create", trail.get(0).path("action").asText());
        assertEquals("MINI_PROGRAM", trail.get(0).path("channel").asText());
        // the masked phone in lists, in full in the details for an officer in scope
        assertEquals("138****0001", row("liqiang", "pending-receipt", c1).path("complainantPhone").asText());
        assertEquals("13800000001", ok(users.get("liqiang").get("/api/v1/items/" + c1)).path("fields").path("complainantPhone").asText());

        // 6. receive by the wrong unit or role; nothing written
        refuse("chenjing", c1, "receive", 404, "NOT_FOUND");
        refuse("zhaogang", c1, "receive", 403, "OUT_OF_SCOPE");
        refuse("wangmin", c1, "receive", 403, "FORBIDDEN");

        // 4. receive one
        clock("2026-03-02T09:30:00+08:00");
        v = act("liqiang", c1, "receive");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals("2026-03-02T09:30:00+08:00", v.path("fields").path("receivedAt").asText());
        assertFalse(ids("liqiang", "pending-receipt").contains(c1));
        assertTrue(ids("liqiang", "case-management").contains(c1));
        assertTrue(ids("liqiang", "city-transfer").contains(c1));

        // 8. intra-city transfer rejections
        refuse("liqiang", c1, "transfer_within_city", 400, "INVALID_VALUE:targetCountyCode", "targetCountyCode", "620502");
        refuse("liqiang", c1, "transfer_within_city", 400, "MISSING_FIELD:targetCountyCode");
        refuse("wangmin", c1, "transfer_within_city", 403, "FORBIDDEN", "targetCountyCode", "620102");
        refuse("liqiang", c1, "transfer_within_province", 403, "FORBIDDEN", "targetCityCode", "620500");

        // 7. intra-city transfer to 城关区
        v = act("liqiang", c1, "transfer_within_city", "targetCountyCode", "620102");
        assertEquals("PENDING_RECEIPT", v.path("state").asText());
        assertEquals(uCG, v.path("fields").path("holderUnitId").asLong());
        assertEquals("COUNTY", v.path("fields").path("holderLevel").asText());
        assertEquals("620102", v.path("fields").path("workplaceCountyCode").asText());
        assertEquals(uLZ, v.path("fields").path("sentByUnitId").asLong());
        assertTrue(ids("zhaogang", "pending-receipt").contains(c1));

        // 9. the county receives and adds progress
        clock("2026-03-02T14:00:00+08:00");
        act("zhaogang", c1, "receive");
        act("zhaogang", c1, "add_progress", "summary", "已约谈用工单位负责人，责令3日内支付");
        JsonNode progress = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c1 + "/progress"));
        assertEquals("已约谈用工单位负责人，责令3日内支付", progress.get(0).path("summary").asText());
        assertEquals(uCG, progress.get(0).path("unitId").asLong());
        assertEquals("赵刚", progress.get(0).path("userName").asText());
        JsonNode mine = ok(users.get("mp_gateway").get("/api/v1/clue/complainant/clues/" + c1 + "?complainantAccountId=mp-001"));
        assertEquals("已约谈用工单位负责人，责令3日内支付", mine.path("progress").get(0).path("summary").asText());
        assertEquals("已受理", mine.path("status").asText());
        expect(users.get("mp_gateway").get("/api/v1/clue/complainant/clues/" + c1 + "?complainantAccountId=mp-002"), 404,
                "NOT_FOUND");
        assertTrue(ok(users.get("mp_gateway").get("/api/v1/clue/complainant/clues?complainantAccountId=mp-001"))
                .toString().contains("\"id\":" + c1 + ","));

        // 10. progress validation and scope; 11. submit needs the completion feedback
        refuse("zhaogang", c1, "add_progress", 400, "MISSING_FIELD:summary", "summary", "  ");
        refuse("zhaogang", c1, "add_progress", 400, "INVALID_VALUE:summary", "summary", "长".repeat(501));
        refuse("liuyang", c1, "add_progress", 404, "NOT_FOUND", "summary", "七里河区的进度");
        refuse("liqiang", c1, "add_progress", 403, "OUT_OF_SCOPE", "summary", "市里的进度");
        refuse("zhaogang", c1, "submit", 409, "COMPLETION_FEEDBACK_REQUIRED");
        assertEquals(uCG, item(c1).path("fields").path("holderUnitId").asLong());

        // 12. a voucher, the completion feedback and the county's submit
        clock("2026-03-05T10:00:00+08:00");
        Http.Reply upload = users.get("zhaogang").upload("/api/v1/items/" + c1 + "/attachments", "支付凭证.pdf",
                "application/pdf", "%PDF-1.4 voucher".getBytes(StandardCharsets.ISO_8859_1));
        long voucher = created(upload).path("id").asLong();
        refuse("zhaogang", c1, "record_completion_feedback", 400, "INVALID_VALUE:handledDate", "resultSummary", FEEDBACK,
                "handledDate", "2026-03-06");
        act("zhaogang", c1, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", "2026-03-05",
                "attachments", List.of(voucher));
        v = act("zhaogang", c1, "submit");
        assertEquals("PENDING_CITY_REVIEW", v.path("state").asText());
        assertEquals(uLZ, v.path("fields").path("holderUnitId").asLong());
        assertTrue(ids("liqiang", "review-pending").contains(c1));
        assertEquals(200, users.get("liqiang").bytes("/api/v1/items/" + c1 + "/attachments/" + voucher).statusCode());

        // 13. the city approves (李强, no opinion)
        v = act("liqiang", c1, "approve");
        assertEquals("PENDING_PROVINCE_REVIEW", v.path("state").asText());
        assertEquals(uP, v.path("fields").path("holderUnitId").asLong());
        JsonNode reviews = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c1 + "/review-history"));
        assertEquals(1, reviews.size());
        assertEquals("CITY APPROVED 李强", line(reviews.get(0), "reviewLevel", "result", "reviewerName"));
        assertTrue(ids("liqiang", "reviewed").contains(c1));
        assertTrue(ids("wangmin", "review-pending").contains(c1));

        // 14. the province approves: completed, clue.completed published, the complainant sees the feedback
        clock("2026-03-06T11:00:00+08:00");
        v = act("wangmin", c1, "approve");
        assertEquals("COMPLETED", v.path("state").asText());
        assertEquals("2026-03-06T11:00:00+08:00", v.path("fields").path("completedAt").asText());
        Awaitility.await("clue.completed of C1 in the event journal").atMost(Duration.ofSeconds(20))
                .until(() -> events("clue.completed", c1) == 1);
        assertEquals("clue.create is published once", 1, events("clue.create", c1));
        mine = ok(users.get("mp_gateway").get("/api/v1/clue/complainant/clues/" + c1 + "?complainantAccountId=mp-001"));
        assertEquals("已办结", mine.path("status").asText());
        assertEquals(FEEDBACK, mine.path("completionFeedback").path("resultSummary").asText());
        refuse("zhaogang", c1, "add_progress", 409, "INVALID_STATE", "summary", "办结之后的进度");
        assertFalse(ids("wangmin", "review-pending").contains(c1));
        assertTrue(ids("wangmin", "reviewed").contains(c1));

        // 28. 进度查询: every step in order, with its user, unit and states
        trail = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c1 + "/trail"));
        List<String> steps = new ArrayList<>();
        for (JsonNode e : trail) {
            steps.add(line(e, "action", "userName", "unitName", "fromState", "toState"));
        }
        assertEquals(List.of(
                "create 陇明公小程序后台 陇明公小程序后台  PENDING_RECEIPT",
                "receive 李强 兰州市劳动保障监察支队 PENDING_RECEIPT HANDLING",
                "transfer_within_city 李强 兰州市劳动保障监察支队 HANDLING PENDING_RECEIPT",
                "receive 赵刚 城关区劳动保障监察大队 PENDING_RECEIPT HANDLING",
                "add_progress 赵刚 城关区劳动保障监察大队 HANDLING HANDLING",
                "record_completion_feedback 赵刚 城关区劳动保障监察大队 HANDLING HANDLING",
                "submit 赵刚 城关区劳动保障监察大队 HANDLING PENDING_CITY_REVIEW",
                "approve 李强 兰州市劳动保障监察支队 PENDING_CITY_REVIEW PENDING_PROVINCE_REVIEW",
                "approve 王敏 甘肃省劳动保障监察局 PENDING_PROVINCE_REVIEW COMPLETED"), steps);

        // the printed 线索办理情况表: a PDF with the clue, its progress, the feedback and the trail, phone masked
        HttpResponse<byte[]> pdf = users.get("liqiang").bytes("/api/v1/items/" + c1 + "/documents/handling_sheet");
        assertEquals(200, pdf.statusCode());
        assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        String sheet = pdfText(users.get("liqiang"), c1, "handling_sheet");
        assertInOrder(sheet, "线索办理情况表", "XS20260302000001", "马建国", "138****0001", "兰州某建筑劳务有限公司",
                "已约谈用工单位负责人", "已督促用工单位足额支付拖欠工资");
        assertFalse(sheet, sheet.contains("13800000001"));

        // scope: 周红 (秦州区) learns nothing of a 城关区 clue — every read and every action is NOT_FOUND
        Http zhouhong = users.get("zhouhong");
        expect(zhouhong.get("/api/v1/items/" + c1), 404, "NOT_FOUND");
        for (String view : List.of("progress", "notes", "completion-feedback", "trail", "review-history")) {
            expect(zhouhong.get("/api/v1/clue/views/items/" + c1 + "/" + view), 404, "NOT_FOUND");
        }
        assertEquals(404, zhouhong.bytes("/api/v1/items/" + c1 + "/documents/handling_sheet").statusCode());
        assertEquals(404, zhouhong.bytes("/api/v1/items/" + c1 + "/attachments/" + voucher).statusCode());
        for (Map.Entry<String, Map<String, Object>> a : anyInput().entrySet()) {
            refuse("zhouhong", c1, a.getKey(), 404, "NOT_FOUND", a.getValue());
        }
        for (String list : List.of("pending-receipt", "case-management", "query", "merge-candidates")) {
            assertFalse(list, ids("zhouhong", list).contains(c1));
            assertFalse(list, text(zhouhong, "/api/v1/clue/views/" + list + "?format=csv").contains("XS20260302000001"));
        }
        expect(zhouhong.post("/api/v1/clue/merges", json(m("memberClueIds", List.of(c1, c1 + 1)))), 404, "NOT_FOUND");
        JsonNode skipped = ok(zhouhong.post("/api/v1/clue/views/pending-receipt/receive-all", json(m("clueIds", List.of(c1)))));
        assertEquals(0, skipped.path("received").asInt());
        assertEquals("NOT_FOUND", skipped.path("skipped").get(0).path("code").asText());
        JsonNode stats = ok(zhouhong.get("/api/v1/clue/reports/detail?from=2026-03-01&to=2026-03-31"));
        assertFalse(stats.toString().contains("XS20260302000001"));
        assertFalse(text(zhouhong, "/api/v1/clue/reports/detail?from=2026-03-01&to=2026-03-31&format=csv")
                .contains("XS20260302000001"));
        JsonNode handling = ok(zhouhong.get("/api/v1/clue/reports/handling?from=2026-03-01&to=2026-03-31"));
        assertEquals(stats.path("total").asLong(), handling.path("total").path("total").asLong());
        // ...while 赵刚 and 李强 see it, and 刘洋 (七里河区) does not
        assertTrue(ids("zhaogang", "query").contains(c1));
        assertTrue(ids("liqiang", "query").contains(c1));
        assertFalse(ids("liuyang", "query").contains(c1));
        assertTrue(ok(users.get("liqiang").get("/api/v1/clue/reports/detail?from=2026-03-01&to=2026-03-31")).toString()
                .contains("XS20260302000001"));
    }

    // ================================================================== returns, rejections, notes, receive-all

    @Test
    public void returnsRejectionsNotesAndReceiveAll() throws Exception {
        ready();
        long uLZ = unit("liqiang");
        long uCG = unit("zhaogang");
        long uQLH = unit("liuyang");
        long uTS = unit("chenjing");
        long uP = unit("wangmin");

        // 18. the county returns a wrongly routed clue; the city re-routes it
        clock("2026-03-09T09:00:00+08:00");
        long c8 = atCounty();
        JsonNode v = act("zhaogang", c8, "return", "opinion", "用工地实际在七里河区");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(uLZ, v.path("fields").path("holderUnitId").asLong());
        assertEquals("用工地实际在七里河区", v.path("fields").path("lastReturn").path("opinion").asText());
        JsonNode r = row("liqiang", "case-management", c8);
        assertEquals("RETURNED", r.path("tag").asText());
        assertEquals("已退回", r.path("tagLabel").asText());
        assertTrue(ids("zhaogang", "query").contains(c8));
        refuse("zhaogang", c8, "add_progress", 403, "OUT_OF_SCOPE", "summary", "退回之后的进度");
        v = act("liqiang", c8, "transfer_within_city", "targetCountyCode", "620103");
        assertEquals("PENDING_RECEIPT", v.path("state").asText());
        assertEquals(uQLH, v.path("fields").path("holderUnitId").asLong());
        assertTrue(ids("zhaogang", "query").contains(c8)); // held earlier: still in 城关区's query

        // 19. return validation
        refuse("liuyang", c8, "return", 400, "MISSING_FIELD:opinion");
        v = act("liuyang", c8, "return", "opinion", "用工地不在本区");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(uLZ, v.path("fields").path("holderUnitId").asLong());

        // 20. the city returns to the province, which re-routes within the province
        long c10 = create("workplaceCountyCode", null);
        act("liqiang", c10, "receive");
        v = act("liqiang", c10, "return", "opinion", "用工地为天水市");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(uP, v.path("fields").path("holderUnitId").asLong());
        assertEquals("PROVINCE", v.path("fields").path("holderLevel").asText());
        assertEquals("RETURNED", row("wangmin", "case-management", c10).path("tag").asText());
        assertTrue(ids("wangmin", "province-transfer").contains(c10));
        refuse("wangmin", c10, "return", 403, "FORBIDDEN", "opinion", "省级不能退回");
        refuse("wangmin", c10, "transfer_within_province", 400, "INVALID_VALUE:targetCityCode", "targetCityCode", "610100");
        v = act("wangmin", c10, "transfer_within_province", "targetCityCode", "620500");
        assertEquals("PENDING_RECEIPT", v.path("state").asText());
        assertEquals(uTS, v.path("fields").path("holderUnitId").asLong());
        assertEquals("620500", v.path("fields").path("workplaceCityCode").asText());
        assertTrue(v.path("fields").path("workplaceCountyCode").isNull() || v.path("fields").path("workplaceCountyCode").isMissingNode());
        assertTrue(ids("chenjing", "pending-receipt").contains(c10));
        assertTrue("held earlier by 兰州市", ids("liqiang", "query").contains(c10));
        assertFalse(ids("zhaogang", "query").contains(c10));

        // 15. two rejections on the way to completion; 16. a rejection needs an opinion; 17. review roles
        clock("2026-03-10T10:00:00+08:00");
        long c7 = atCounty();
        String f1 = "已约谈用工单位，用工单位承诺三日内支付";
        String f2 = "已督促用工单位支付拖欠工资，附支付凭证";
        String f3 = "经市级核实，用工单位已足额支付18600元";
        act("zhaogang", c7, "record_completion_feedback", "resultSummary", f1, "handledDate", "2026-03-10");
        act("zhaogang", c7, "submit");
        refuse("zhaogang", c7, "approve", 403, "FORBIDDEN");
        refuse("chenjing", c7, "approve", 404, "NOT_FOUND");
        refuse("liqiang", c7, "reject", 400, "MISSING_FIELD:opinion", "opinion", " ");
        assertEquals(0, ok(users.get("liqiang").get("/api/v1/clue/views/items/" + c7 + "/review-history")).size());
        v = act("liqiang", c7, "reject", "opinion", "请补充工资支付凭证");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(uCG, v.path("fields").path("holderUnitId").asLong());
        assertEquals("REJECTED", row("zhaogang", "case-management", c7).path("tag").asText());
        assertEquals("请补充工资支付凭证", row("zhaogang", "case-management", c7).path("tagOpinion").asText());
        long voucher = created(users.get("zhaogang").upload("/api/v1/items/" + c7 + "/attachments", "凭证.png", "image/png",
                "\u0089PNG voucher".getBytes(StandardCharsets.ISO_8859_1))).path("id").asLong();
        act("zhaogang", c7, "record_completion_feedback", "resultSummary", f2, "handledDate", "2026-03-10", "attachments",
                List.of(voucher));
        act("zhaogang", c7, "submit");
        act("liqiang", c7, "approve");
        refuse("liqiang", c7, "approve", 403, "FORBIDDEN");
        v = act("wangmin", c7, "reject", "opinion", "支付金额与反映金额不一致，请核实");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals("rejected to the city, not the county", uLZ, v.path("fields").path("holderUnitId").asLong());
        assertEquals("REJECTED", row("liqiang", "case-management", c7).path("tag").asText());
        act("liqiang", c7, "record_completion_feedback", "resultSummary", f3, "handledDate", "2026-03-10");
        v = act("liqiang", c7, "submit");
        assertEquals("PENDING_PROVINCE_REVIEW", v.path("state").asText());
        v = act("wangmin", c7, "approve");
        assertEquals("COMPLETED", v.path("state").asText());
        List<String> history = new ArrayList<>();
        for (JsonNode rec : ok(users.get("zhaogang").get("/api/v1/clue/views/items/" + c7 + "/review-history"))) {
            history.add(line(rec, "reviewLevel", "result"));
        }
        assertEquals(List.of("CITY REJECTED", "CITY APPROVED", "PROVINCE REJECTED", "PROVINCE APPROVED"), history);
        JsonNode feedback = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c7 + "/completion-feedback"));
        assertEquals(f3, feedback.path("current").path("resultSummary").asText());
        assertEquals(2, feedback.path("history").size());
        assertEquals(f1, feedback.path("history").get(0).path("resultSummary").asText());
        assertEquals(f2, feedback.path("history").get(1).path("resultSummary").asText());
        assertEquals("马建国", feedback.path("registration").path("complainantName").asText());
        List<String> trail = new ArrayList<>();
        for (JsonNode e : ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c7 + "/trail"))) {
            trail.add(e.path("action").asText() + "/" + e.path("userName").asText());
        }
        assertEquals(List.of("create/陇明公小程序后台", "receive/李强", "transfer_within_city/李强", "receive/赵刚",
                "record_completion_feedback/赵刚", "submit/赵刚", "reject/李强", "record_completion_feedback/赵刚", "submit/赵刚",
                "approve/李强", "reject/王敏", "record_completion_feedback/李强", "submit/李强", "approve/王敏"), trail);

        // 22. a supplementary note while handling: an unread badge for the holder until it opens the notes
        clock("2026-03-11T09:00:00+08:00");
        long c22 = atCounty();
        clock("2026-03-11T09:05:00+08:00");
        v = act("mp_gateway", c22, "add_supplementary_note", "complainantAccountId", "mp-001", "content",
                "用工单位负责人电话已更换为13800000009");
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(1, row("zhaogang", "case-management", c22).path("unreadNotes").asInt());
        assertTrue(ids("zhaogang", "query", "hasUnreadNotes=true").contains(c22));
        clock("2026-03-11T09:10:00+08:00");
        JsonNode notes = ok(users.get("zhaogang").get("/api/v1/clue/views/items/" + c22 + "/notes"));
        assertEquals("用工单位负责人电话已更换为13800000009", notes.get(0).path("content").asText());
        assertFalse(notes.get(0).path("afterCompletion").asBoolean());
        assertEquals(0, row("zhaogang", "case-management", c22).path("unreadNotes").asInt());
        refuse("mp_gateway", c22, "add_supplementary_note", 403, "FORBIDDEN", "complainantAccountId", "mp-002", "content", "别人的补充");
        refuse("zhaogang", c22, "add_supplementary_note", 403, "FORBIDDEN", "complainantAccountId", "mp-001", "content", "员工代填");
        refuse("mp_gateway", c22, "add_supplementary_note", 400, "MISSING_FIELD:content", "complainantAccountId", "mp-001");
        // 23. after completion: afterCompletion, still COMPLETED, a badge for the last holder in the clue query
        clock("2026-03-11T10:00:00+08:00");
        v = act("mp_gateway", c7, "add_supplementary_note", "complainantAccountId", "mp-001", "content", "已收到工资，谢谢");
        assertEquals("COMPLETED", v.path("state").asText());
        assertEquals(1, row("wangmin", "query", c7).path("unreadNotes").asInt());
        assertTrue(ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c7 + "/notes")).get(0)
                .path("afterCompletion").asBoolean());

        // 5. receive all: every clue pending at 兰州 now, each with one receive; 天水's stays
        clock("2026-03-12T09:00:00+08:00");
        long c3 = create();
        long c4 = create();
        long c5 = create();
        long c6 = create("workplaceCityCode", "620500", "workplaceCountyCode", null);
        List<Long> pending = ids("liqiang", "pending-receipt");
        assertTrue(pending.containsAll(List.of(c3, c4, c5)));
        assertFalse(pending.contains(c6));
        expect(users.get("wangmin").post("/api/v1/clue/views/pending-receipt/receive-all", "{}"), 403, "FORBIDDEN");
        JsonNode all = ok(users.get("liqiang").post("/api/v1/clue/views/pending-receipt/receive-all", "{}"));
        assertEquals(pending.size(), all.path("received").asInt());
        assertEquals(0, all.path("skipped").size());
        for (long id : new long[] {c3, c4, c5}) {
            assertEquals("HANDLING", item(id).path("state").asText());
            assertEquals(1, count(trailActions(id), "receive"));
        }
        assertEquals("PENDING_RECEIPT", item(c6).path("state").asText());
        assertEquals(uTS, item(c6).path("fields").path("holderUnitId").asLong());
        assertTrue(ids("liqiang", "pending-receipt").isEmpty());
        // listed ids: the ones that are not the caller's are skipped with their reason, the others proceed
        long c5b = create();
        JsonNode listed = ok(users.get("liqiang").post("/api/v1/clue/views/pending-receipt/receive-all",
                json(m("clueIds", List.of(c6, c5b, c3)))));
        assertEquals(1, listed.path("received").asInt());
        assertEquals(List.of(c6 + " NOT_FOUND", c3 + " INVALID_STATE"), skipped(listed));
        assertEquals("HANDLING", item(c5b).path("state").asText());
        JsonNode workbench = ok(users.get("liqiang").get("/api/v1/clue/views/workbench"));
        assertEquals(ids("liqiang", "case-management").size(), workbench.path("counts").path("case-management").asInt());
        assertEquals(0, workbench.path("counts").path("pending-receipt").asInt());
        // the console's menu (the kernel's worklists of the line) counts what the line's own lists show
        for (String who : List.of("liqiang", "zhaogang", "wangmin")) {
            JsonNode menu = ok(users.get(who).get("/api/v1/clue/worklists"));
            JsonNode counts = ok(users.get(who).get("/api/v1/clue/views/workbench")).path("counts");
            counts.fieldNames().forEachRemaining(list -> assertEquals(who + " " + list, counts.path(list).asLong(),
                    menu.path(list.replace('-', '_')).asLong()));
        }
    }

    // ================================================================== 2, 21, races (29-31), idempotency, versions, masking

    @Test
    public void provinceHandlingRacesIdempotencyVersionsAndMasking() throws Exception {
        ready();
        long uLZ = unit("liqiang");
        long uP = unit("wangmin");
        clock("2026-03-16T09:00:00+08:00");

        // 2. intake without a city: the province holds it; 21. the province submits it itself: completed at once
        long c2 = create("workplaceCityCode", null, "workplaceCountyCode", null, "complainantAccountId", "mp-002",
                "complainantName", "马建华", "complainantPhone", "13800000002", "complainantIdNo", "62010219900101123X");
        JsonNode v = item(c2);
        assertEquals("HANDLING", v.path("state").asText());
        assertEquals(uP, v.path("fields").path("holderUnitId").asLong());
        assertEquals("PROVINCE", v.path("fields").path("holderLevel").asText());
        assertTrue(ids("wangmin", "case-management").contains(c2));
        assertTrue(ids("wangmin", "province-transfer").contains(c2));
        // the ID number is masked everywhere but in the completion-feedback view (A3)
        String idNo = ok(users.get("wangmin").get("/api/v1/items/" + c2)).path("fields").path("complainantIdNo").asText();
        assertNotEquals("62010219900101123X", idNo);
        assertFalse(idNo, idNo.isBlank());
        assertEquals("62010219900101123X", ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c2 + "/completion-feedback"))
                .path("registration").path("complainantIdNo").asText());
        assertFalse(pdfText(users.get("wangmin"), c2, "handling_sheet").contains("62010219900101123X"));
        clock("2026-03-16T10:00:00+08:00");
        act("sunlei", c2, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", "2026-03-16");
        v = act("sunlei", c2, "submit");
        assertEquals("COMPLETED", v.path("state").asText());
        assertEquals("2026-03-16T10:00:00+08:00", v.path("fields").path("completedAt").asText());
        JsonNode trail = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c2 + "/trail"));
        assertEquals("submit 孙磊 HANDLING COMPLETED", line(trail.get(trail.size() - 1), "action", "userName", "fromState", "toState"));
        Awaitility.await("clue.completed of C2").atMost(Duration.ofSeconds(20)).until(() -> events("clue.completed", c2) == 1);

        // 29. two officers of one unit receive at the same moment: exactly one receive
        long c15 = create();
        List<Http.Reply> both = race(() -> users.get("liqiang").post(action(c15, "receive"), "{}"),
                () -> users.get("zhangli").post(action(c15, "receive"), "{}"));
        assertEquals(both.toString(), 1, both.stream().filter(r -> r.status() == 200).count());
        for (Http.Reply r : both) {
            assertTrue(r.toString(), r.status() == 200 || List.of("CONFLICT", "INVALID_STATE").contains(r.code()));
        }
        assertEquals(1, count(trailActions(c15), "receive"));
        assertEquals("HANDLING", item(c15).path("state").asText());

        // 31. receive-all racing a single receive: each clue received once, the lost one listed as skipped
        long c17 = create();
        long c18 = create();
        List<Http.Reply> race = race(() -> users.get("liqiang").post("/api/v1/clue/views/pending-receipt/receive-all",
                json(m("clueIds", List.of(c17, c18)))), () -> users.get("zhangli").post(action(c18, "receive"), "{}"));
        JsonNode all = ok(race.get(0));
        for (long id : new long[] {c17, c18}) {
            assertEquals("HANDLING", item(id).path("state").asText());
            assertEquals(1, count(trailActions(id), "receive"));
        }
        if (race.get(1).status() == 200) {
            assertEquals(1, all.path("received").asInt());
            assertEquals(c18, all.path("skipped").get(0).path("clueId").asLong());
            assertTrue(all.toString(), List.of("CONFLICT", "INVALID_STATE").contains(all.path("skipped").get(0).path("code").asText()));
        } else {
            assertEquals(all.toString(), 2, all.path("received").asInt());
        }

        // 30. the province approves and rejects at the same moment: one review, never both
        long c16 = create("workplaceCountyCode", null);
        act("liqiang", c16, "receive");
        feedbackAndSubmit("liqiang", c16);
        List<Http.Reply> reviews = race(() -> users.get("wangmin").post(action(c16, "approve"), "{}"),
                () -> users.get("sunlei").post(action(c16, "reject"), json(m("opinion", "请补充支付凭证"))));
        assertEquals(reviews.toString(), 1, reviews.stream().filter(r -> r.status() == 200).count());
        JsonNode history = ok(users.get("wangmin").get("/api/v1/clue/views/items/" + c16 + "/review-history"));
        assertEquals(1, history.size());
        v = item(c16);
        if (reviews.get(0).status() == 200) {
            assertEquals("COMPLETED PROVINCE APPROVED", v.path("state").asText() + " " + line(history.get(0), "reviewLevel", "result"));
        } else {
            assertEquals("HANDLING PROVINCE REJECTED", v.path("state").asText() + " " + line(history.get(0), "reviewLevel", "result"));
            assertEquals(uLZ, v.path("fields").path("holderUnitId").asLong());
        }

        // Idempotency-Key on the intake: a repeat answers the first clue; another body with the key is refused
        Http keyed = users.get("mp_gateway").with("Idempotency-Key", "clue-it-1");
        long first = created(keyed.post("/api/v1/clue/items", json(c1()))).path("id").asLong();
        Http.Reply again = keyed.post("/api/v1/clue/items", json(c1()));
        assertEquals(again.toString(), first, again.json().path("id").asLong());
        expect(keyed.post("/api/v1/clue/items", json(c1("respondentName", "另一家公司"))), 409, "IDEMPOTENCY_KEY_REUSED");

        // If-Match: an action on a version someone else changed is a CONFLICT and writes nothing
        long version = item(first).path("version").asLong();
        Http.Reply stale = users.get("liqiang").with("If-Match", Long.toString(version + 7)).post(action(first, "receive"), "{}");
        expect(stale, 409, "CONFLICT");
        assertEquals(version, item(first).path("version").asLong());
        ok(users.get("liqiang").with("If-Match", Long.toString(version)).post(action(first, "receive"), "{}"));

        // A12: return reasons stay internal; the complainant sees the state and the progress only
        act("liqiang", first, "return", "opinion", "内部退回原因：用工地不在兰州");
        JsonNode seen = ok(users.get("mp_gateway").get("/api/v1/clue/complainant/clues/" + first + "?complainantAccountId=mp-001"));
        assertFalse(seen.toString(), seen.toString().contains("内部退回原因"));
        assertEquals("已受理", seen.path("status").asText());
    }

    // ================================================================== optional time limits (35, 36)

    @Test
    public void optionalReceiptAndHandlingLimitsRaiseCardsAtTheirDeadlines() throws Exception {
        ready();
        long uLZ = unit("liqiang");
        long uCG = unit("zhaogang");
        long uP = unit("wangmin");
        java.nio.file.Path cfg = java.nio.file.Paths.get(System.getProperty("karaf.etc"), "org.civic.clue.cfg");
        clock("2026-08-03T08:00:00+08:00");
        long before = create();
        assertTrue("off by default: no clock", clocks(item(before)).isEmpty());
        java.nio.file.Files.writeString(cfg, "clue.receiptLimitWorkingDays = 1\nclue.handlingLimitWorkingDays = 10\n");
        try {
            Awaitility.await("the line registered again with both limits").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        String line = admin.get("/api/v1/lines/clue").body();
                        return line.contains("\"receipt\"") && line.contains("\"handling\"");
                    });
            ready();

            // 36. handling limit: created Monday 3 August 09:00, ten working days
            clock("2026-08-03T09:00:00+08:00");
            long c20 = create();
            long c21 = create();
            assertEquals(at("2026-08-17T09:00:00+08:00"), at(clock(item(c20), "handling", null).path("deadline").asText()));
            assertEquals(at("2026-08-04T09:00:00+08:00"), at(clock(item(c20), "receipt", null).path("deadline").asText()));
            clock("2026-08-03T09:30:00+08:00");
            act("liqiang", c20, "receive");
            act("liqiang", c20, "transfer_within_city", "targetCountyCode", "620102");
            act("zhaogang", c20, "receive");
            act("liqiang", c21, "receive");
            feedbackAndSubmit("liqiang", c21);
            act("wangmin", c21, "approve");

            // 35. receipt limit: pending at 兰州 from Friday 16:00, one working day
            clock("2026-08-07T16:00:00+08:00");
            long c19 = create();
            assertEquals(at("2026-08-10T16:00:00+08:00"), at(clock(item(c19), "receipt", null).path("deadline").asText()));
            clock("2026-08-10T15:59:00+08:00");
            assertTrue(cards(item(c19)).isEmpty());
            clock("2026-08-10T16:30:00+08:00");
            JsonNode card = card(item(c19), "receipt", "YELLOW");
            assertEquals(at("2026-08-10T16:00:00+08:00"), at(card.path("raisedAt").asText()));
            assertEquals(uLZ, card.path("unitId").asLong());
            assertEquals("YELLOW", row("liqiang", "query", c19).path("card").asText());
            act("liqiang", c19, "receive");
            assertEquals("the card stays", 1, cards(item(c19)).size());

            clock("2026-08-17T09:00:00+08:00");
            card = card(item(c20), "handling", "YELLOW");
            assertEquals(at("2026-08-17T09:00:00+08:00"), at(card.path("raisedAt").asText()));
            assertEquals("against the unit holding it then", uCG, card.path("unitId").asLong());
            feedbackAndSubmit("zhaogang", c20);
            act("liqiang", c20, "approve");
            clock("2026-08-20T09:00:00+08:00");
            card = card(item(c20), "handling", "RED");
            assertEquals(at("2026-08-20T09:00:00+08:00"), at(card.path("raisedAt").asText()));
            assertEquals("against the province, which holds it now", uP, card.path("unitId").asLong());
            assertTrue("completed in time: no card", cards(item(c21)).isEmpty());
            JsonNode stats = ok(users.get("wangmin").get("/api/v1/clue/reports/handling?from=2026-08-01&to=2026-08-31"));
            assertEquals("2 1", line(region(stats, "620100"), "yellowCards", "redCards"));
        } finally {
            java.nio.file.Files.deleteIfExists(cfg);
            Awaitility.await("the line registered again without limits").atMost(Duration.ofSeconds(60))
                    .until(() -> !admin.get("/api/v1/lines/clue").body().contains("\"receipt\""));
            ready();
        }
        clock("2026-08-21T09:00:00+08:00");
        assertTrue("off again: no clock", clocks(item(create())).isEmpty());
    }

    // ================================================================== merges (24-26, 33)

    @Test
    public void mergesOfCompletedDuplicatesAndTheirCancellation() throws Exception {
        ready();
        clock("2026-06-01T09:00:00+08:00");
        String same = "已督促用工单位足额支付拖欠工资，投诉人确认收到";
        long c11 = completed("620102", same);
        clock("2026-06-01T09:30:00+08:00");
        long c12 = completed("620102", "已督促用工单位足额支付拖欠工资,  投诉人确认收到");
        long c13 = completed("620102", "已立案查处，责令用工单位限期整改");
        long c14 = completed("620102", same);
        long open = create();
        act("liqiang", open, "receive");
        long qlh = completed("620103", same);
        clock("2026-06-02T15:00:00+08:00");

        // 25. refusals write nothing
        long[] members = {c11, c12, c13, c14, open};
        Map<Long, Long> before = versions(members);
        expectMerge(409, "MERGE_FEEDBACK_MISMATCH", c11, c13);
        expectMerge(409, "INVALID_STATE", c11, open);
        expectMerge(409, "MERGE_TOO_FEW", c11);
        expectMerge(409, "MERGE_TOO_FEW", c11, c11);
        expectMerge(404, "NOT_FOUND", c11, qlh); // 七里河区, never held by 城关区: outside 赵刚's view (S3)
        expect(users.get("zhaogang").post("/api/v1/clue/merges", json(m("memberClueIds", List.of(c11, c12),
                "masterClueId", c13))), 400, "INVALID_VALUE:masterClueId");
        expect(users.get("zhaogang").post("/api/v1/clue/merges", "{}"), 400, "MISSING_FIELD:memberClueIds");
        assertEquals(before, versions(members));
        assertEquals("only this test merges", 0, ok(users.get("zhaogang").get("/api/v1/clue/merges")).path("total").asInt());

        // the candidates group clues by their normalised feedback
        JsonNode candidates = ok(users.get("zhaogang").get("/api/v1/clue/views/merge-candidates?limit=100"));
        boolean grouped = false;
        for (JsonNode g : candidates.path("groups")) {
            List<Long> in = new ArrayList<>();
            g.path("clueIds").forEach(n -> in.add(n.asLong()));
            grouped |= in.containsAll(List.of(c11, c12, c14)) && !in.contains(c13);
        }
        assertTrue(candidates.toString(), grouped);

        // 24. merge: master = earliest submitted, both stay COMPLETED, the group number shows in the query
        JsonNode group = created(users.get("zhaogang").post("/api/v1/clue/merges",
                json(m("memberClueIds", List.of(c12, c11), "opinion", "同一投诉人重复反映"))));
        String groupId = group.path("groupId").asText();
        assertTrue(groupId, groupId.matches("HB20260602\\d{4}"));
        assertEquals(c11, group.path("masterClueId").asLong());
        assertEquals(2, group.path("memberCount").asInt());
        for (long id : new long[] {c11, c12}) {
            assertEquals("COMPLETED", item(id).path("state").asText());
            assertEquals(groupId, row("zhaogang", "query", id).path("mergeGroupNo").asText());
            assertEquals(1, count(trailActions(id), "merge"));
        }
        for (String who : List.of("zhaogang", "liqiang", "wangmin")) {
            assertTrue(who, ok(users.get(who).get("/api/v1/clue/merges")).toString().contains(groupId));
            assertEquals(who, groupId, ok(users.get(who).get("/api/v1/clue/merges/" + groupId)).path("groupId").asText());
        }
        assertFalse(ok(users.get("liuyang").get("/api/v1/clue/merges")).toString().contains(groupId));
        expectMerge(409, "ALREADY_MERGED", c11, c14);
        assertEquals(before.get(c14), versions(c14).get(c14));
        assertFalse(ids("zhaogang", "merge-candidates").contains(c11));
        assertTrue(ids("zhaogang", "query", "merged=true").containsAll(List.of(c11, c12)));

        // 33. summary statistics: five new 城关区 clues in June, four cases
        JsonNode summary = ok(users.get("zhaogang").get("/api/v1/clue/reports/summary?from=2026-06-01&to=2026-06-30&bucket=month"));
        JsonNode june = summary.path("rows").get(0);
        assertEquals("2026-06", june.path("period").asText());
        assertEquals(5, june.path("newClues").asLong());
        assertEquals(4, june.path("caseCount").asLong());
        assertEquals(1, june.path("mergeGroups").asLong());

        // 26. cancel: not by an unrelated unit, needs a reason, by the higher level, only once
        expect(users.get("liuyang").post("/api/v1/clue/merges/" + groupId + "/cancel", json(m("cancelOpinion", "误合并"))),
                403, "FORBIDDEN");
        expect(users.get("liqiang").post("/api/v1/clue/merges/" + groupId + "/cancel", "{}"), 400,
                "MISSING_FIELD:cancelOpinion");
        JsonNode cancelled = ok(users.get("liqiang").post("/api/v1/clue/merges/" + groupId + "/cancel",
                json(m("cancelOpinion", "误合并"))));
        assertTrue(cancelled.path("cancelled").asBoolean());
        assertEquals("误合并", cancelled.path("cancelOpinion").asText());
        for (long id : new long[] {c11, c12}) {
            JsonNode f = item(id).path("fields");
            assertTrue(f.toString(), f.path("mergeGroupNo").isNull() || f.path("mergeGroupNo").isMissingNode());
            assertEquals(1, count(trailActions(id), "cancel_merge"));
        }
        expect(users.get("liqiang").post("/api/v1/clue/merges/" + groupId + "/cancel", json(m("cancelOpinion", "再次取消"))),
                409, "INVALID_STATE");
        assertTrue(ok(users.get("wangmin").get("/api/v1/clue/merges")).toString().contains(groupId));
        assertTrue(ids("zhaogang", "merge-candidates").containsAll(List.of(c11, c12)));
        summary = ok(users.get("zhaogang").get("/api/v1/clue/reports/summary?from=2026-06-01&to=2026-06-30"));
        assertEquals(5, summary.path("rows").get(0).path("caseCount").asLong());

        // S3 = S1: 赵刚 merges a clue his unit held before it was re-routed to 七里河区 and completed there, and unmerges it
        long moved = atCounty();
        act("zhaogang", moved, "return", "opinion", "用工地在七里河区");
        act("liqiang", moved, "transfer_within_city", "targetCountyCode", "620103");
        act("liuyang", moved, "receive");
        act("liuyang", moved, "record_completion_feedback", "resultSummary", same, "handledDate", today());
        act("liuyang", moved, "submit");
        act("liqiang", moved, "approve");
        act("wangmin", moved, "approve");
        assertTrue(ids("zhaogang", "query").contains(moved));
        JsonNode second = created(users.get("zhaogang").post("/api/v1/clue/merges", json(m("memberClueIds", List.of(c14, moved)))));
        assertEquals("620102", second.path("createdByUnitRegion").asText());
        assertEquals(second.path("groupId").asText(), item(moved).path("fields").path("mergeGroupNo").asText());
        expect(users.get("zhouhong").post("/api/v1/clue/merges/" + second.path("groupId").asText() + "/cancel",
                json(m("cancelOpinion", "误合并"))), 403, "FORBIDDEN");
        assertTrue(ok(users.get("zhaogang").post("/api/v1/clue/merges/" + second.path("groupId").asText() + "/cancel",
                json(m("cancelOpinion", "误合并")))).path("cancelled").asBoolean());
    }

    // ================================================================== statistics and exports (32, 34)

    @Test
    public void statisticsAndCsvExportsOverAKnownSet() throws Exception {
        ready();
        // the known set of scenario 32, in May 2026 (no other test creates clues in May)
        clock("2026-05-11T09:00:00+08:00");
        long d1 = completed("620102", FEEDBACK);
        long d2 = atCounty();
        long d3 = create("workplaceCountyCode", "620103");
        long d4 = create("workplaceCountyCode", null);
        act("liqiang", d4, "receive");
        feedbackAndSubmit("liqiang", d4);
        long d5 = create("workplaceCityCode", "620500", "workplaceCountyCode", "620502");
        act("chenjing", d5, "receive");
        act("chenjing", d5, "transfer_within_city", "targetCountyCode", "620502");
        act("zhouhong", d5, "return", "opinion", "用工地在麦积区");
        feedbackAndSubmit("chenjing", d5);
        act("wangmin", d5, "approve");
        long d6 = create("workplaceCityCode", "620500", "workplaceCountyCode", null);
        act("chenjing", d6, "receive");
        feedbackAndSubmit("chenjing", d6);
        act("wangmin", d6, "reject", "opinion", "请补充支付凭证");
        clock("2026-05-12T09:00:00+08:00");
        assertEquals("PENDING_PROVINCE_REVIEW", item(d4).path("state").asText());
        assertEquals("HANDLING", item(d6).path("state").asText());

        String may = "from=2026-05-01&to=2026-05-31";
        JsonNode province = ok(users.get("wangmin").get("/api/v1/clue/reports/handling?" + may));
        assertEquals("4 1 1 1 1 25.0 0 0", line(region(province, "620100"), "total", "pendingReceipt", "handling",
                "pendingReview", "completed", "completionRate", "returnCount", "rejectCount"));
        assertEquals("2 0 1 0 1 50.0 1 1", line(region(province, "620500"), "total", "pendingReceipt", "handling",
                "pendingReview", "completed", "completionRate", "returnCount", "rejectCount"));
        assertEquals("6 2 33.3", line(province.path("total"), "total", "completed", "completionRate"));

        JsonNode city = ok(users.get("liqiang").get("/api/v1/clue/reports/handling?" + may));
        assertEquals("2 1 50.0", line(region(city, "620102"), "total", "completed", "completionRate"));
        assertEquals("1 0 0.0", line(region(city, "620103"), "total", "completed", "completionRate"));
        JsonNode own = null;
        for (JsonNode r : city.path("rows")) {
            if ("市本级".equals(r.path("regionName").asText())) {
                own = r;
            }
        }
        assertEquals(city.toString(), "1 1 0.0", line(own, "total", "pendingReview", "completionRate"));
        assertEquals(4, city.path("total").path("total").asLong());
        assertFalse(city.toString(), city.toString().contains("天水") || city.toString().contains("620500"));

        // the handling statistic as CSV: the same rows, "—" for a rate without clues
        List<List<String>> handlingCsv = csv(users.get("wangmin"), "/api/v1/clue/reports/handling?" + may + "&format=csv");
        assertEquals("区域", handlingCsv.get(0).get(0));
        Map<String, List<String>> byRegion = new HashMap<>();
        handlingCsv.forEach(r -> byRegion.put(r.get(0), r));
        assertEquals(List.of("兰州市", "4", "1", "1", "1", "1", "25.0", "0", "0"), byRegion.get("兰州市").subList(0, 9));
        assertEquals(List.of("天水市", "2", "0", "1", "0", "1", "50.0", "1", "1"), byRegion.get("天水市").subList(0, 9));
        assertEquals(List.of("合计", "6"), byRegion.get("合计").subList(0, 2));
        assertEquals("33.3", byRegion.get("合计").get(6));
        assertEquals("—", byRegion.get("省本级").get(6));

        // 34. the detail statistic exported by 李强: one row per 兰州市 clue, phones masked
        List<List<String>> detail = csv(users.get("liqiang"), "/api/v1/clue/reports/detail?" + may + "&format=csv");
        List<String> header = detail.get(0);
        assertEquals(List.of("线索编号", "投诉人", "联系电话", "被反映单位", "实际用工所在地（市州）", "实际用工所在地（区县）", "反映时间", "接收时间",
                "当前状态", "当前办理单位", "办结时间", "办理天数", "退回次数", "驳回次数", "合并编号", "黄牌", "红牌"), header);
        List<String> numbers = new ArrayList<>();
        for (List<String> r : detail.subList(1, detail.size())) {
            numbers.add(r.get(0));
            assertEquals("138****0001", r.get(2));
            assertEquals("兰州市", r.get(4));
        }
        assertEquals(List.of(number(d1), number(d2), number(d3), number(d4)), numbers);
        List<String> d1Row = detail.get(1);
        assertEquals(List.of("城关区", "2026-05-11T09:00:00+08:00"), d1Row.subList(5, 7));
        assertEquals(List.of("已办结", "甘肃省劳动保障监察局", "2026-05-11T09:00:00+08:00", "0.0", "0", "0"), d1Row.subList(8, 14));
        assertEquals(4, ok(users.get("liqiang").get("/api/v1/clue/reports/detail?" + may)).path("total").asInt());
        assertEquals(1, ok(users.get("liqiang").get("/api/v1/clue/reports/detail?" + may + "&state=COMPLETED")).path("total").asInt());

        // the county's statistics: its own row only; 周红 sees the 秦州区 clue and none of 兰州市's
        JsonNode county = ok(users.get("zhouhong").get("/api/v1/clue/reports/handling?" + may));
        assertEquals(1, county.path("rows").size());
        assertEquals("1 1 1", line(county.path("rows").get(0), "total", "completed", "returnCount"));
        List<List<String>> zhouhongDetail = csv(users.get("zhouhong"), "/api/v1/clue/reports/detail?" + may + "&format=csv");
        assertEquals(2, zhouhongDetail.size());
        assertEquals(number(d5), zhouhongDetail.get(1).get(0));
        for (long id : new long[] {d1, d2, d3, d4}) {
            assertFalse(ids("zhouhong", "query").contains(id));
        }

        // the summary: six new, two completed in May, no merges
        JsonNode summary = ok(users.get("wangmin").get("/api/v1/clue/reports/summary?" + may));
        assertEquals("2026-05 6 2 6 0", line(summary.path("rows").get(0), "period", "newClues", "completed", "caseCount",
                "mergeGroups"));
        List<List<String>> summaryCsv = csv(users.get("wangmin"), "/api/v1/clue/reports/summary?" + may + "&format=csv");
        assertEquals(List.of("期间", "新增线索", "办结线索", "案件数", "合并组", "平均办理天数"), summaryCsv.get(0));
        assertEquals(List.of("2026-05", "6", "2", "6", "0"), summaryCsv.get(1).subList(0, 5));
        HttpResponse<byte[]> xlsx = users.get("wangmin").bytes("/api/v1/clue/reports/handling?" + may + "&format=xlsx");
        assertEquals(200, xlsx.statusCode());
        assertEquals("PK", new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1));

        // the clue query with its filters and its export
        assertEquals(List.of(d2), ids("liqiang", "query", "submittedFrom=2026-05-01&submittedTo=2026-05-31&state=HANDLING"));
        assertTrue(ids("liqiang", "query", "workplaceCountyCode=620103&submittedFrom=2026-05-01").contains(d3));
        List<List<String>> queryCsv = csv(users.get("liqiang"),
                "/api/v1/clue/views/query?submittedFrom=2026-05-01&submittedTo=2026-05-31&format=csv");
        assertEquals("线索编号", queryCsv.get(0).get(0));
        assertEquals(5, queryCsv.size());
    }

    // ================================================================== SOAP, bad input, one clue unit per region

    @Test
    public void soapExchangeBadInputAndOneClueUnitPerRegion() throws Exception {
        ready();
        clock("2026-04-01T09:00:00+08:00");

        // the partner platform's SOAP exchange
        Http.Reply wsdl = platform().get("/soap/ClueExchangeService?wsdl");
        assertEquals(wsdl.toString(), 200, wsdl.status());
        for (String op : List.of("submitClue", "getClueStatus", "getCompletionFeedback", "complainantPhone")) {
            assertTrue(op, wsdl.body().contains(op));
        }
        String submit = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:c=\"http://civic.org/soap/clue/v1\"><soapenv:Body><c:submitClue><clue><channel>PORTAL</channel>"
                + "<complainantName>马建华</complainantName><complainantPhone>13800000002</complainantPhone>"
                + "<respondentName>天水某商贸有限公司</respondentName><workplaceCityCode>620500</workplaceCityCode>"
                + "<content>%s</content></clue>%s</c:submitClue></soapenv:Body></soapenv:Envelope>";
        Http portal = users.get("portal_gateway");
        Http.Reply soap = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(submit, "2026年1月至2月工资未发放，共计9000元。", "<idempotencyKey>portal-1</idempotencyKey>"));
        assertEquals(soap.toString(), 200, soap.status());
        String clueNo = soap.body().replaceAll("(?s).*<clueNo>([^<]+)</clueNo>.*", "$1");
        assertTrue(soap.body(), clueNo.matches("XS20260401\\d{6}"));
        assertTrue(soap.body(), soap.body().contains("<state>PENDING_RECEIPT</state>"));
        long soapId = Long.parseLong(soap.body().replaceAll("(?s).*<clueId>(\\d+)</clueId>.*", "$1"));
        JsonNode v = item(soapId);
        assertEquals(unit("chenjing"), v.path("fields").path("holderUnitId").asLong());
        Http.Reply repeat = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(submit, "2026年1月至2月工资未发放，共计9000元。", "<idempotencyKey>portal-1</idempotencyKey>"));
        assertTrue(repeat.body(), repeat.body().contains("<clueId>" + soapId + "</clueId>"));
        String status = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:c=\"http://civic.org/soap/clue/v1\"><soapenv:Body><c:%1$s><clueNo>%2$s</clueNo></c:%1$s>"
                + "</soapenv:Body></soapenv:Envelope>";
        Http.Reply state = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(status, "getClueStatus", clueNo));
        assertEquals(state.toString(), 200, state.status());
        assertTrue(state.body(), state.body().contains("<state>PENDING_RECEIPT</state>") && state.body().contains("已提交"));
        act("chenjing", soapId, "receive");
        state = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(status, "getClueStatus", clueNo));
        assertTrue(state.body(), state.body().contains("<state>HANDLING</state>") && state.body().contains("已受理"));
        Http.Reply notYet = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(status, "getCompletionFeedback", clueNo));
        assertTrue(notYet.body(), notYet.body().contains("INVALID_STATE"));
        Http.Reply missing = portal.send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(submit, "", ""));
        assertTrue(missing.body(), missing.body().contains("MISSING_FIELD") && missing.body().contains("content"));
        Http.Reply officer = users.get("chenjing").send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(status, "getClueStatus", clueNo));
        assertTrue(officer.body(), officer.body().contains("FORBIDDEN"));
        assertEquals(401, platform().send("POST", "/soap/ClueExchangeService", "text/xml; charset=UTF-8",
                String.format(status, "getClueStatus", clueNo)).status());

        // 3. intake validation over REST: JSON {code, message}, nothing stored
        long total = ok(users.get("wangmin").get("/api/v1/clue/views/query?limit=1")).path("total").asLong();
        Http mp = users.get("mp_gateway");
        expect(mp.post("/api/v1/clue/items", json(c1("complainantPhone", "1380000"))), 400, "INVALID_VALUE:complainantPhone");
        expect(mp.post("/api/v1/clue/items", json(c1("workplaceCityCode", "620102", "workplaceCountyCode", null))), 400,
                "INVALID_VALUE:workplaceCityCode");
        expect(mp.post("/api/v1/clue/items", json(c1("workplaceCityCode", "610100", "workplaceCountyCode", null))), 400,
                "INVALID_VALUE:workplaceCityCode");
        expect(mp.post("/api/v1/clue/items", json(c1("workplaceCityCode", null))), 400, "INVALID_VALUE:workplaceCountyCode");
        expect(mp.post("/api/v1/clue/items", json(c1("workplaceCountyCode", "620502"))), 400,
                "INVALID_VALUE:workplaceCountyCode");
        expect(mp.post("/api/v1/clue/items", json(c1("content", "太短"))), 400, "INVALID_VALUE:content");
        expect(mp.post("/api/v1/clue/items", json(c1("complainantAccountId", null))), 400,
                "MISSING_FIELD:complainantAccountId");
        expect(mp.post("/api/v1/clue/items", json(c1("channel", "WECHAT"))), 400, "INVALID_VALUE:channel");
        Http.Reply both = mp.post("/api/v1/clue/items", json(c1("respondentName", null, "content", null)));
        expect(both, 400, "MISSING_FIELD:respondentName");
        assertEquals("[\"respondentName\",\"content\"]", both.json().path("details").path("fields").toString());
        assertFalse(both.json().path("message").asText().isBlank());
        Http.Reply broken = mp.send("POST", "/api/v1/clue/items", "application/json", "{\"channel\":");
        assertEquals(broken.toString(), 400, broken.status());
        assertFalse(broken.toString(), broken.code().isBlank() || broken.json().path("message").asText().isBlank());
        assertFalse(broken.body(), broken.body().contains("Exception"));
        expect(users.get("liqiang").post("/api/v1/clue/items", json(c1())), 403, "FORBIDDEN");
        expect(platform().post("/api/v1/clue/items", json(c1())), 401, "UNAUTHENTICATED");
        assertEquals(total, ok(users.get("wangmin").get("/api/v1/clue/views/query?limit=1")).path("total").asLong());

        // bad reads: lists, filters, formats, periods, ids
        Http wangmin = users.get("wangmin");
        expect(wangmin.get("/api/v1/clue/views/no-such-list"), 404, "NOT_FOUND");
        expect(users.get("zhaogang").get("/api/v1/clue/views/province-transfer"), 403, "FORBIDDEN");
        expect(users.get("zhaogang").get("/api/v1/clue/views/review-pending"), 403, "FORBIDDEN");
        expect(mp.get("/api/v1/clue/views/query"), 403, "FORBIDDEN");
        expect(wangmin.get("/api/v1/clue/views/query?format=pdf"), 400, "INVALID_VALUE:format");
        expect(wangmin.get("/api/v1/clue/views/query?sort=content"), 400, "INVALID_VALUE:sort");
        expect(wangmin.get("/api/v1/clue/views/query?limit=0"), 400, "INVALID_VALUE:limit");
        expect(wangmin.get("/api/v1/clue/views/query?submittedFrom=2026-13-01"), 400, "INVALID_VALUE:submittedFrom");
        expect(wangmin.get("/api/v1/clue/views/query?merged=maybe"), 400, "INVALID_VALUE:merged");
        expect(wangmin.get("/api/v1/clue/reports/handling?to=2026-03-31"), 400, "MISSING_FIELD:from");
        expect(wangmin.get("/api/v1/clue/reports/handling?from=2026-03-01"), 400, "MISSING_FIELD:to");
        expect(wangmin.get("/api/v1/clue/reports/handling?from=2026-03-31&to=2026-03-01"), 400, "INVALID_VALUE:to");
        expect(wangmin.get("/api/v1/clue/reports/detail?from=yesterday&to=2026-03-01"), 400, "INVALID_VALUE:from");
        expect(wangmin.get("/api/v1/clue/reports/summary?from=2026-03-01&to=2026-03-31&bucket=week"), 400,
                "INVALID_VALUE:bucket");
        expect(mp.get("/api/v1/clue/reports/handling?from=2026-03-01&to=2026-03-31"), 403, "FORBIDDEN");
        expect(wangmin.get("/api/v1/items/987654321"), 404, "NOT_FOUND");
        expect(wangmin.get("/api/v1/clue/views/items/987654321/trail"), 404, "NOT_FOUND");
        expect(wangmin.get("/api/v1/clue/merges/HB202604010001"), 404, "NOT_FOUND");
        expect(wangmin.get("/api/v1/clue/complainant/clues?complainantAccountId=mp-001"), 403, "FORBIDDEN");
        expect(mp.get("/api/v1/clue/complainant/clues"), 400, "MISSING_FIELD:complainantAccountId");
        expect(users.get("chenjing").post("/api/v1/clue/views/pending-receipt/receive-all", "{\"clueIds\":\"all\"}"), 400,
                "INVALID_VALUE:clueIds");
        expect(users.get("chenjing").post(action(soapId, "add_progress"), "{\"summary\":\"x\"}"), 400,
                "INVALID_VALUE:summary");
        expect(users.get("chenjing").post(action(soapId, "record_completion_feedback"), "{\"resultSummary\":\"已办结完毕的情况说明\"}"),
                400, "MISSING_FIELD:handledDate");

        // the line's REST resources are in the platform's OpenAPI description
        String openapi = platform().get("/api/v1/openapi.json").body();
        for (String path : List.of("clue/views", "clue/merges", "clue/reports", "clue/complainant")) {
            assertTrue(path, openapi.contains(path));
        }

        // one clue unit per region
        expect(admin.post("/api/v1/admin/units", json(m("name", "城关区第二劳动保障监察大队", "unitType", "CLUE_UNIT",
                "regionCode", "620102"))), 409, "DUPLICATE:unitType");
        expect(admin.post("/api/v1/admin/units", json(m("name", "甘肃省劳动保障监察总队", "unitType", "CLUE_UNIT",
                "regionCode", "620000"))), 409, "DUPLICATE:unitType");
    }

    // ================================================================== uninstall and reinstall

    @Test
    public void uninstallKeepsCluesReadableAndReinstallWorksAgain() throws Exception {
        ready();
        clock("2026-07-01T09:00:00+08:00");
        long pending = create();
        long handling = create();
        act("liqiang", handling, "receive");

        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("clue line gone").atMost(Duration.ofSeconds(60))
                .until(() -> !admin.get("/api/v1/lines").body().contains("\"clue\""));
        JsonNode kept = ok(users.get("liqiang").get("/api/v1/items/" + pending));
        assertEquals("PENDING_RECEIPT", kept.path("state").asText());
        assertEquals(number(pending), kept.path("number").asText());
        assertFalse(kept.path("lineAvailable").asBoolean());
        expect(users.get("liqiang").post(action(pending, "receive"), "{}"), 409, "LINE_NOT_INSTALLED");
        expect(users.get("liqiang").post(action(handling, "add_progress"), "{\"summary\":\"卸载期间的进度\"}"), 409,
                "LINE_NOT_INSTALLED");
        assertEquals(404, users.get("liqiang").get("/api/v1/clue/views/pending-receipt").status());
        int refused = users.get("mp_gateway").post("/api/v1/clue/items", json(c1())).status();
        assertTrue("create refused while uninstalled: " + refused, refused == 404 || refused == 409);

        installAndWait();
        JsonNode v = act("liqiang", pending, "receive");
        assertEquals("HANDLING", v.path("state").asText());
        assertTrue(ids("liqiang", "case-management").containsAll(List.of(pending, handling)));
        long again = create();
        assertTrue(number(again).matches("XS20260701\\d{6}"));
        assertNotEquals(number(pending), number(again));
        assertTrue(ids("liqiang", "pending-receipt").contains(again));
    }

    // ------------------------------------------------------------------ setup

    /** Installs the feature if it is not (first test, or after the uninstall test), and knows the demo users. */
    private void ready() throws Exception {
        admin = platform().as("admin", "admin");
        if (!admin.get("/api/v1/lines").body().contains("\"clue\"")) {
            installAndWait();
        }
        if (users.isEmpty()) {
            for (String login : LOGINS) {
                Http h = platform().as(login, PASSWORD);
                JsonNode me = ok(h.get("/api/v1/me"));
                users.put(login, h);
                units.put(login, me.path("unit").path("id").asLong());
            }
        }
    }

    private void installAndWait() throws Exception {
        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Awaitility.await("clue line registered, its demo users loaded and its resources up").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"clue\"")
                        && platform().as("zhouhong", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().as("mp_gateway", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().as("wangmin", PASSWORD).get("/api/v1/clue/views/workbench").status() == 200
                        && platform().as("wangmin", PASSWORD).get("/api/v1/clue/merges").status() == 200
                        && platform().as("wangmin", PASSWORD).get("/api/v1/clue/reports/summary?from=2026-03-01&to=2026-03-01")
                                .status() == 200
                        && platform().as("mp_gateway", PASSWORD).get("/api/v1/clue/complainant/clues?complainantAccountId=x")
                                .status() == 200
                        && platform().get("/soap/ClueExchangeService?wsdl").status() == 200);
    }

    private void clock(String at) {
        today = at.substring(0, 10);
        ok(admin.post("/api/v1/admin/clock", "{\"set\":\"" + at + "\",\"frozen\":true}"));
    }

    private static long unit(String login) {
        return units.get(login);
    }

    // ------------------------------------------------------------------ clues

    /** C1 of the fixture (马建国, mp-001, 兰州市/城关区), with overrides (null removes a field). */
    private static Map<String, Object> c1(Object... overrides) {
        Map<String, Object> in = m("channel", "MINI_PROGRAM", "complainantAccountId", "mp-001", "complainantName", "马建国",
                "complainantPhone", "13800000001", "respondentName", "兰州某建筑劳务有限公司", "workplaceCityCode", "620100",
                "workplaceCountyCode", "620102", "content", "2025年10月至12月工资未发放，共计18600元。", "amountInvolved", 18600.00);
        in.putAll(m(overrides));
        in.values().removeIf(v -> v == null);
        return in;
    }

    private long create(Object... overrides) {
        return created(users.get("mp_gateway").post("/api/v1/clue/items", json(c1(overrides)))).path("id").asLong();
    }

    /** A 兰州市/城关区 clue received by 赵刚. */
    private long atCounty() {
        long id = create();
        act("liqiang", id, "receive");
        act("liqiang", id, "transfer_within_city", "targetCountyCode", "620102");
        act("zhaogang", id, "receive");
        return id;
    }

    /** A 兰州市 clue of that county, handled by the city itself and approved by the province, with that feedback. */
    private long completed(String county, String feedback) {
        long id = create("workplaceCountyCode", county);
        act("liqiang", id, "receive");
        act("liqiang", id, "record_completion_feedback", "resultSummary", feedback, "handledDate", today());
        act("liqiang", id, "submit");
        JsonNode v = act("wangmin", id, "approve");
        assertEquals("COMPLETED", v.path("state").asText());
        return id;
    }

    private void feedbackAndSubmit(String who, long id) {
        act(who, id, "record_completion_feedback", "resultSummary", FEEDBACK, "handledDate", today());
        act(who, id, "submit");
    }

    private static String today() {
        return today;
    }

    private String number(long id) {
        return item(id).path("number").asText();
    }

    /** One plausible input per action, for the scope checks (they must fail before the input is looked at). */
    private static Map<String, Map<String, Object>> anyInput() {
        Map<String, Map<String, Object>> a = new LinkedHashMap<>();
        a.put("receive", m());
        a.put("add_progress", m("summary", "秦州区的进度"));
        a.put("record_completion_feedback", m("resultSummary", FEEDBACK, "handledDate", "2026-03-06"));
        a.put("submit", m());
        a.put("transfer_within_province", m("targetCityCode", "620500"));
        a.put("transfer_within_city", m("targetCountyCode", "620502"));
        a.put("return", m("opinion", "不属本区"));
        a.put("approve", m());
        a.put("reject", m("opinion", "秦州区驳回"));
        a.put("add_supplementary_note", m("complainantAccountId", "mp-001", "content", "秦州区代填"));
        return a;
    }

    // ------------------------------------------------------------------ calls and reads

    private JsonNode act(String who, long id, String action, Object... kv) {
        return ok(users.get(who).post(action(id, action), json(m(kv))));
    }

    private void refuse(String who, long id, String action, int status, String code, Object... kv) {
        refuse(who, id, action, status, code, m(kv));
    }

    private void refuse(String who, long id, String action, int status, String code, Map<String, Object> input) {
        JsonNode before = item(id);
        expect(users.get(who).post(action(id, action), json(input)), status, code);
        JsonNode after = item(id);
        assertEquals(who + " " + action + ": a refusal writes nothing", before.path("version").asLong(),
                after.path("version").asLong());
        assertEquals(before.path("auditTrail").size(), after.path("auditTrail").size());
    }

    private void expectMerge(int status, String code, long... members) {
        List<Long> ids = new ArrayList<>();
        for (long id : members) {
            ids.add(id);
        }
        expect(users.get("zhaogang").post("/api/v1/clue/merges", json(m("memberClueIds", ids))), status, code);
    }

    private Map<Long, Long> versions(long... ids) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long id : ids) {
            out.put(id, item(id).path("version").asLong());
        }
        return out;
    }

    private JsonNode item(long id) {
        return ok(admin.get("/api/v1/items/" + id));
    }

    private List<String> trailActions(long id) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : item(id).path("auditTrail")) {
            out.add(e.path("action").asText());
        }
        return out;
    }

    private static int count(List<String> values, String value) {
        return (int) values.stream().filter(value::equals).count();
    }

    private List<Long> ids(String who, String list) {
        return ids(who, list, "");
    }

    private List<Long> ids(String who, String list, String query) {
        List<Long> out = new ArrayList<>();
        JsonNode page = ok(users.get(who).get("/api/v1/clue/views/" + list + "?limit=500&" + query));
        for (JsonNode r : page.path("items")) {
            out.add(r.path("id").asLong());
        }
        assertEquals(page.toString(), page.path("total").asInt(), out.size());
        return out;
    }

    private JsonNode row(String who, String list, long id) {
        for (JsonNode r : ok(users.get(who).get("/api/v1/clue/views/" + list + "?limit=500")).path("items")) {
            if (r.path("id").asLong() == id) {
                return r;
            }
        }
        throw new AssertionError("clue " + id + " not in " + who + "'s " + list);
    }

    /** How often the event journal holds that topic for that clue. */
    private long events(String topic, long itemId) {
        long n = 0;
        for (JsonNode e : ok(admin.get("/api/v1/admin/events?limit=500"))) {
            JsonNode payload = e.has("itemId") ? e : e.path("payload");
            if (topic.equals(e.path("topic").asText()) && payload.path("itemId").asLong() == itemId) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode region(JsonNode statistic, String code) {
        for (JsonNode r : statistic.path("rows")) {
            if (code.equals(r.path("regionCode").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row " + code + " in " + statistic);
    }

    private static String text(Http who, String path) {
        HttpResponse<byte[]> r = who.bytes(path);
        assertEquals(path, 200, r.statusCode());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A CSV export parsed into rows of cells (RFC 4180 quotes; the BOM dropped). */
    private static List<List<String>> csv(Http who, String path) {
        HttpResponse<byte[]> r = who.bytes(path);
        assertEquals(path, 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/csv"));
        String s = new String(r.body(), StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(cells);
                cells = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> skipped(JsonNode receiveAll) {
        List<String> out = new ArrayList<>();
        receiveAll.path("skipped").forEach(n -> out.add(line(n, "clueId", "code")));
        return out;
    }

    private static String line(JsonNode row, String... keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            JsonNode n = row.path(k);
            parts.add(n.isNull() || n.isMissingNode() ? "" : n.asText());
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

    /** The item's latest clock of that name, on the item or on its assignment (the clue's clocks are per assignment). */
    private static JsonNode clock(JsonNode item, String name, Object unused) {
        JsonNode found = null;
        for (JsonNode c : clocks(item)) {
            if (name.equals(c.path("name").asText())) {
                found = c;
            }
        }
        if (found == null) {
            throw new AssertionError("no clock " + name + " in " + item);
        }
        return found;
    }

    private static List<JsonNode> clocks(JsonNode item) {
        List<JsonNode> out = new ArrayList<>();
        item.path("clocks").forEach(out::add);
        item.path("assignments").forEach(a -> a.path("clocks").forEach(out::add));
        return out;
    }

    /** The item's cards, on the item and on its assignment, each once. */
    private static List<JsonNode> cards(JsonNode item) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        item.path("cards").forEach(c -> out.put(line(c, "clock", "colour", "raisedAt"), c));
        item.path("assignments").forEach(a -> a.path("cards").forEach(c -> out.put(line(c, "clock", "colour", "raisedAt"), c)));
        return new ArrayList<>(out.values());
    }

    private static JsonNode card(JsonNode item, String clock, String colour) {
        for (JsonNode c : cards(item)) {
            if (clock.equals(c.path("clock").asText()) && colour.equals(c.path("colour").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + colour + " card of " + clock + " in " + item);
    }

    private static java.time.Instant at(String time) {
        return java.time.OffsetDateTime.parse(time).toInstant();
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
