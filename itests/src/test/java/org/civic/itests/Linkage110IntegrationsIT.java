package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.SystemPropertyOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The 110 line's integrations and district reports on the real distribution, one boot for all. First, the automatic phone callback through its Camel route against the IVR SIMULATOR, over real
 * HTTP on the started distribution (spec §11 scenarios 11–14, §10): satisfied and unsatisfied results
 * archive; a running callback blocks the district's other callback actions; no result within 30 minutes
 * of the frozen platform clock is UNREACHABLE and a late result is ignored; the result endpoint takes
 * only the partner's own account; while the partner is down the request is redelivered, dead-lettered
 * and delivered once the partner is back — nothing lost, nothing sent twice. Second, the 110 alarm system's
 * intake over REST and SOAP (spec §10, A3): a DRAFT with its police incident number, never two appeals for one
 * Idempotency-Key or incident number. Third, the district's reports (延期审批, §8 statistics with CSV/XLSX
 * export, masked phones for leaders) and the per-district limits read from the configuration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Linkage110IntegrationsIT extends CivicTestSupport {

    private static final String PASSWORD = "Linkage2026";
    private static final String CFG = "etc/org.civic.linkage110.cfg";

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    private Http admin;
    private Http tianjing;
    private Http baiyun;
    private Http ivr;
    private long zyl;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(distribution()));
        String port = options.stream().filter(o -> o instanceof SystemPropertyOption s && PORT_PROPERTY.equals(s.getKey()))
                .map(o -> ((SystemPropertyOption) o).getValue()).findFirst().orElseThrow();
        options.add(editConfigurationFilePut(CFG, "ivr.url", "http://localhost:" + port + "/simulator/ivr/calls"));
        options.add(editConfigurationFilePut(CFG, "ivr.maximumRedeliveries", "2"));
        options.add(editConfigurationFilePut(CFG, "ivr.redeliveryDelayMillis", "200"));
        options.add(editConfigurationFilePut(CFG, "ivr.deadLetterRetrySeconds", "2"));
        options.add(editConfigurationFilePut(CFG, "ivr.scanIntervalSeconds", "1"));
        options.add(editConfigurationFilePut(CFG, "limits.410311.sign.officeMinutes", "90"));
        return options.toArray(new Option[0]);
    }

    private void install() throws Exception {
        admin = platform().as("admin", "admin");
        features.installFeature("civic-plugin-110");
        features.installFeature("civic-ivr-simulator");
        Awaitility.await("110 line, partner accounts, SOAP service and simulator up").atMost(Duration.ofSeconds(90))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"linkage110\"")
                        && platform().as("ivr_cg", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().as("alarm_cg", PASSWORD).get("/api/v1/me").status() == 200
                        && platform().get("/soap/LinkageIntakeService?wsdl").status() == 200
                        && platform().get("/simulator/ivr/control").status() == 200);
    }

    @Test
    public void theAlarmSystemPushesAppealsOverRestAndSoap() throws Exception {
        install();
        tianjing = platform().as("tianjing", PASSWORD);
        Http alarm = platform().as("alarm_cg", PASSWORD);
        at("2026-03-10T09:00:00");
        String body = "{\"policeIncidentNo\":\"J20260310-0001\",\"appellantName\":\"马女士\","
                + "\"appellantPhone\":\"13800000002\",\"appealTime\":\"2026-03-10T08:40:00+08:00\","
                + "\"title\":\"小区门口餐馆油烟扰民\",\"content\":\"张掖路某小区门口餐馆每天排放油烟，影响居民生活。\","
                + "\"streetRegionCode\":\"620102001\",\"category\":\"环境保护\"}";
        // REST: created as a DRAFT in 待处理 with its incident number; key and incident repeats answer the first appeal
        expect(tianjing.post("/api/v1/linkage110/intake", body), 403, "FORBIDDEN");
        expect(alarm.post("/api/v1/linkage110/items", body), 403, "FORBIDDEN");
        expect(alarm.post("/api/v1/linkage110/intake", body.replace("J20260310-0001", "")), 400,
                "MISSING_FIELD:policeIncidentNo");
        expect(platform().post("/api/v1/linkage110/intake", body), 401, "UNAUTHENTICATED");
        long pendingBefore = tianjing.get("/api/v1/linkage110/worklists").json().path("pending").asLong();
        JsonNode first = created(alarm.with("Idempotency-Key", "alarm-1").post("/api/v1/linkage110/intake", body));
        assertEquals("DRAFT", first.path("state").asText());
        assertEquals("20260310-1", first.path("districtNo").asText());
        assertTrue(!first.path("duplicate").asBoolean());
        long id = first.path("appealId").asLong();
        JsonNode appeal = ok(tianjing.get("/api/v1/items/" + id));
        assertEquals("J20260310-0001", appeal.path("fields").path("policeIncidentNo").asText());
        assertEquals("alarm_cg", appeal.path("createdBy").asText());
        assertEquals(pendingBefore + 1, tianjing.get("/api/v1/linkage110/worklists").json().path("pending").asLong());
        JsonNode again = ok(alarm.with("Idempotency-Key", "alarm-1").post("/api/v1/linkage110/intake", body));
        assertEquals(id, again.path("appealId").asLong());
        assertTrue(again.path("duplicate").asBoolean());
        JsonNode sameIncident = ok(alarm.post("/api/v1/linkage110/intake", body.replace("油烟扰民", "油烟扰民（补充）")));
        assertEquals(id, sameIncident.path("appealId").asLong());
        expect(alarm.with("Idempotency-Key", "alarm-1").post("/api/v1/linkage110/intake",
                body.replace("J20260310-0001", "J20260310-0002")), 409, "IDEMPOTENCY_KEY_REUSED");

        // SOAP: the WSDL, the same rules, faults with the platform's codes
        Http.Reply wsdl = platform().get("/soap/LinkageIntakeService?wsdl");
        assertTrue(wsdl.body(), wsdl.body().contains("submitAppeal") && wsdl.body().contains("policeIncidentNo"));
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:l=\"http://civic.org/soap/linkage110/v1\"><soapenv:Body><l:submitAppeal><appeal>"
                + "<policeIncidentNo>%s</policeIncidentNo><appellantName>李先生</appellantName>"
                + "<appellantPhone>13800000003</appellantPhone><appealTime>2026-03-10T08:50:00+08:00</appealTime>"
                + "<title>夜间施工噪音扰民</title><content>皋兰路工地夜间施工噪音很大，影响休息。</content>"
                + "<category>城市管理</category></appeal>%s</l:submitAppeal></soapenv:Body></soapenv:Envelope>";
        Http.Reply soap = alarm.send("POST", "/soap/LinkageIntakeService", "text/xml; charset=UTF-8",
                String.format(envelope, "J20260310-0003", "<idempotencyKey>soap-1</idempotencyKey>"));
        assertEquals(soap.toString(), 200, soap.status());
        assertTrue(soap.body(), soap.body().contains("<state>DRAFT</state>"));
        assertTrue(soap.body(), soap.body().contains("<districtNo>20260310-2</districtNo>"));
        assertTrue(soap.body(), soap.body().contains("<duplicate>false</duplicate>"));
        long soapId = Long.parseLong(soap.body().replaceAll("(?s).*<appealId>(\\d+)</appealId>.*", "$1"));
        assertEquals("SOAP", ok(tianjing.get("/api/v1/items/" + soapId)).path("auditTrail").get(0).path("channel").asText());
        Http.Reply repeat = alarm.send("POST", "/soap/LinkageIntakeService", "text/xml; charset=UTF-8",
                String.format(envelope, "J20260310-0003", ""));
        assertTrue(repeat.body(), repeat.body().contains("<appealId>" + soapId + "</appealId>")
                && repeat.body().contains("<duplicate>true</duplicate>"));
        Http.Reply restRepeat = alarm.post("/api/v1/linkage110/intake", body.replace("J20260310-0001", "J20260310-0003"));
        assertEquals(soapId, ok(restRepeat).path("appealId").asLong());
        Http.Reply missing = alarm.send("POST", "/soap/LinkageIntakeService", "text/xml; charset=UTF-8",
                String.format(envelope, "", ""));
        assertTrue(missing.body(), missing.body().contains("MISSING_FIELD:policeIncidentNo"));
        Http.Reply forbidden = tianjing.send("POST", "/soap/LinkageIntakeService", "text/xml; charset=UTF-8",
                String.format(envelope, "J20260310-0004", ""));
        assertTrue(forbidden.body(), forbidden.body().contains("FORBIDDEN"));
        Http.Reply anonymous = platform().send("POST", "/soap/LinkageIntakeService", "text/xml; charset=UTF-8",
                String.format(envelope, "J20260310-0004", ""));
        assertEquals(401, anonymous.status());
        assertEquals("two appeals for three incidents pushed five times", pendingBefore + 2,
                tianjing.get("/api/v1/linkage110/worklists").json().path("pending").asLong());
    }

    @Test
    public void districtReportsExportAndMaskPhonesForLeaders() throws Exception {
        install();
        tianjing = platform().as("tianjing", PASSWORD);
        baiyun = platform().as("baiyun", PASSWORD);
        Http gongping = platform().as("gongping", PASSWORD);
        zyl = unitId("张掖路街道办事处");
        at("2026-04-01T10:00:00");
        String appeal = "{\"appellantPhone\":\"13900000009\",\"appealTime\":\"2026-04-01T09:40:00+08:00\","
                + "\"title\":\"楼道堆放杂物\",\"content\":\"楼道长期堆放杂物，存在消防隐患。\",\"category\":\"城市管理\","
                + "\"streetRegionCode\":\"620102001\"}";
        long a = created(tianjing.post("/api/v1/linkage110/items", appeal)).path("id").asLong();
        created(tianjing.post("/api/v1/linkage110/items", appeal.replace("2026-04-01T09:40", "2026-04-01T09:50")));
        ok(tianjing.post(action(a, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        ok(baiyun.post(action(a, "sign"), "{}"));
        ok(baiyun.post(action(a, "request_extension"), "{\"newDeadline\":\"2026-04-10T17:00:00+08:00\","
                + "\"reason\":\"需协调市场监管部门联合检查\"}"));
        // 延期审批
        JsonNode ext = ok(tianjing.get("/api/v1/linkage110/reports/extension-requests"));
        assertEquals(ext.toString(), 1, ext.path("total").asInt());
        assertEquals("需协调市场监管部门联合检查", ext.path("items").get(0).path("reason").asText());
        Http.Reply csv = tianjing.get("/api/v1/linkage110/reports/extension-requests?format=csv");
        assertEquals(200, csv.status());
        assertTrue(csv.body(), csv.body().startsWith("\uFEFF区级编号,诉求标题,承办单位"));
        expect(baiyun.get("/api/v1/linkage110/reports/extension-requests"), 403, "FORBIDDEN");
        expect(tianjing.get("/api/v1/linkage110/reports/extension-requests?format=pdf"), 400, "INVALID_VALUE:format");
        // 8.1 efficiency and 8.2 analysis, with exports
        JsonNode eff = ok(gongping.get("/api/v1/linkage110/reports/efficiency?from=2026-04-01&to=2026-04-30"));
        assertEquals(eff.toString(), 1, eff.path("rows").size());
        assertEquals("张掖路街道办事处", eff.path("rows").get(0).path("unitName").asText());
        assertEquals(1, eff.path("rows").get(0).path("signedOnTime").asInt());
        assertEquals(1, eff.path("rows").get(0).path("extensionsRequested").asInt());
        Http.Reply xlsx = tianjing.get("/api/v1/linkage110/reports/efficiency?from=2026-04-01&to=2026-04-30&format=xlsx");
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.body().startsWith("PK"));
        JsonNode analysis = ok(tianjing.get("/api/v1/linkage110/reports/analysis?from=2026-04-01&to=2026-04-30"));
        assertEquals("13900000009", analysis.path("repeatAppellants").get(0).path("appellantPhone").asText());
        Http.Reply masked = gongping.get("/api/v1/linkage110/reports/analysis?from=2026-04-01&to=2026-04-30&table=repeat&format=csv");
        assertTrue(masked.body(), masked.body().contains("139****0009") && !masked.body().contains("13900000009"));
        expect(tianjing.get("/api/v1/linkage110/reports/analysis?from=April"), 400, "INVALID_VALUE:from");
        // A11 on every read: the leader's item view and lists mask the phone, the dispatcher's and the unit's do not
        assertEquals("139****0009", ok(gongping.get("/api/v1/items/" + a)).path("fields").path("appellantPhone").asText());
        assertTrue(!gongping.get("/api/v1/linkage110/items?limit=100").body().contains("13900000009"));
        assertEquals("13900000009", ok(tianjing.get("/api/v1/items/" + a)).path("fields").path("appellantPhone").asText());
        assertEquals("13900000009", ok(baiyun.get("/api/v1/items/" + a)).path("fields").path("appellantPhone").asText());
        // limits per district from etc/org.civic.linkage110.cfg
        assertEquals(120, ok(tianjing.get("/api/v1/linkage110/limits")).path("limits").path("sign.officeMinutes").asInt());
        assertEquals(90, ok(admin.get("/api/v1/linkage110/limits?district=410311")).path("limits")
                .path("sign.officeMinutes").asInt());
        expect(tianjing.get("/api/v1/linkage110/limits?district=410311"), 403, "OUT_OF_SCOPE");
        // and changed through the admin API: the district's region administrator, within their region only
        String faster = "{\"district\":\"620102\",\"limits\":{\"sign.officeMinutes\":60}}";
        expect(tianjing.put("/api/v1/linkage110/limits", faster), 403, "FORBIDDEN");
        Http cgAdmin = platform().as("cg_admin", "civic2026");
        expect(cgAdmin.put("/api/v1/linkage110/limits", faster.replace("620102", "410311")), 403, "OUT_OF_SCOPE");
        expect(cgAdmin.put("/api/v1/linkage110/limits", faster.replace("sign.officeMinutes", "sign.hours")), 400,
                "INVALID_VALUE:limits");
        expect(cgAdmin.put("/api/v1/linkage110/limits", faster.replace("60", "0")), 400, "INVALID_VALUE:limits");
        expect(cgAdmin.put("/api/v1/linkage110/limits", "{\"limits\":{\"sign.officeMinutes\":60}}"), 403, "FORBIDDEN");
        assertEquals(60, ok(cgAdmin.put("/api/v1/linkage110/limits", faster)).path("limits").path("sign.officeMinutes").asInt());
        // The line re-registers with the new values (docs/linkage110.md decision 11): for a moment its resources
        // are gone and answer 404, so the poll waits for a 200 with the new value.
        Awaitility.await("the line re-read its limits").atMost(Duration.ofSeconds(30))
                .until(() -> limit(tianjing, "sign.officeMinutes") == 60);
        assertEquals(90, ok(admin.get("/api/v1/linkage110/limits?district=410311")).path("limits")
                .path("sign.officeMinutes").asInt());
        ok(admin.put("/api/v1/linkage110/limits", "{\"district\":\"620102\",\"limits\":{\"sign.officeMinutes\":null}}"));
        Awaitility.await("back to the default").atMost(Duration.ofSeconds(30))
                .until(() -> limit(tianjing, "sign.officeMinutes") == 120);
    }

    /** The caller's district's limit, or -1 while the line's resources are being re-registered. */
    private static int limit(Http who, String name) {
        Http.Reply r = who.get("/api/v1/linkage110/limits");
        return r.status() == 200 ? r.json().path("limits").path(name).asInt() : -1;
    }

    @Test
    public void automaticCallbacksGoThroughTheRouteToTheSimulatorAndSurviveAnOutage() throws Exception {
        install();
        tianjing = platform().as("tianjing", PASSWORD);
        baiyun = platform().as("baiyun", PASSWORD);
        ivr = platform().as("ivr_cg", PASSWORD);
        zyl = unitId("张掖路街道办事处");
        assertEquals(204, admin.put("/api/v1/admin/calendar/office-hours",
                "{\"regionCode\":\"620102\",\"officeHours\":\"09:00-12:00,13:00-17:00\"}").status());

        // 11. satisfied, then unsatisfied: archived by the partner's result
        long a3 = awaitingArchive();
        at("2026-03-04T10:00:00");
        String cb3 = start(a3);
        JsonNode archived = awaitState(a3, "ARCHIVED");
        assertEquals("SATISFIED", archived.path("fields").path("finalCallbackResult").asText());
        JsonNode attempt = archived.path("fields").path("districtCallbacks").get(0);
        assertEquals("AUTO_PHONE", attempt.path("method").asText());
        assertEquals(cb3, attempt.path("callbackId").asText());
        assertTrue(attempt.path("recordingRef").asText().startsWith("SIM-"));
        assertTrue(archived.toString(), audit(archived).contains("auto_callback_delivered/SYSTEM"));
        assertTrue(archived.toString(), audit(archived).contains("auto_callback_result/IVR"));
        assertEquals(1, callsOf(cb3));

        control("{\"outcome\":\"UNSATISFIED\"}");
        long a4 = awaitingArchive();
        start(a4);
        assertEquals("UNSATISFIED", awaitState(a4, "ARCHIVED").path("fields").path("finalCallbackResult").asText());

        // 13, 14. the partner never answers: the callback blocks the others until the timeout makes it UNREACHABLE
        control("{\"outcome\":\"NONE\"}");
        long a5 = awaitingArchive();
        at("2026-03-05T10:00:00");
        String cb5 = start(a5);
        expect(tianjing.post(action(a5, "auto_phone_callback"), "{}"), 409, "CALLBACK_IN_PROGRESS");
        expect(tianjing.post(action(a5, "confirm_callback"), "{\"result\":\"SATISFIED\",\"content\":\"回访满意\"}"), 409,
                "CALLBACK_IN_PROGRESS");
        expect(tianjing.post(action(a5, "supervise"), "{\"unitIds\":[" + zyl + "],\"opinion\":\"请重新核查\","
                + "\"handlingDeadline\":\"2026-03-09T17:00:00+08:00\"}"), 409, "CALLBACK_IN_PROGRESS");
        Awaitility.await("request delivered").atMost(Duration.ofSeconds(30))
                .until(() -> get(a5).path("fields").path("autoCallbackPending").has("deliveredAt"));
        // the result endpoint: the partner's own account only, with a valid body
        String result = "/api/v1/linkage110/callbacks/" + cb5 + "/result";
        expect(platform().post(result, "{\"result\":\"SATISFIED\"}"), 401, "UNAUTHENTICATED");
        expect(tianjing.post(result, "{\"result\":\"SATISFIED\"}"), 403, "FORBIDDEN");
        expect(ivr.post(result, "{}"), 400, "MISSING_FIELD:result");
        expect(ivr.post(result, "{\"result\":\"OK\"}"), 400, "INVALID_VALUE:result");
        at("2026-03-05T10:29:00");
        assertEquals("AWAITING_ARCHIVE", get(a5).path("state").asText());
        assertTrue(get(a5).path("fields").path("autoCallbackPending").isObject());
        at("2026-03-05T10:30:00");
        JsonNode timedOut = get(a5);
        assertTrue(timedOut.toString(), timedOut.path("fields").path("autoCallbackPending").isNull()
                || timedOut.path("fields").path("autoCallbackPending").isMissingNode());
        JsonNode unreachable = timedOut.path("fields").path("districtCallbacks").get(0);
        assertEquals("UNREACHABLE", unreachable.path("result").asText());
        assertTrue(unreachable.path("timeout").asBoolean());
        assertEquals("AWAITING_ARCHIVE", timedOut.path("state").asText());
        assertEquals(1, timedOut.path("fields").path("unreachableCount").asInt());
        at("2026-03-05T10:40:00");
        assertEquals("IGNORED", ok(ivr.post(result, "{\"result\":\"SATISFIED\"}")).path("status").asText());
        assertEquals(1, get(a5).path("fields").path("districtCallbacks").size());

        // the partner is down: redelivered, dead-lettered, delivered when it is back, exactly once
        control("{\"outcome\":\"SATISFIED\"}");
        Bundle simulator = bundle("org.civic.simulator.ivr");
        simulator.stop();
        long a6 = awaitingArchive();
        String cb6 = start(a6);
        Awaitility.await("dead letter recorded").atMost(Duration.ofSeconds(60))
                .until(() -> tianjing.get("/api/v1/linkage110/callbacks/dead-letters").body().contains(cb6));
        JsonNode dead = get(a6);
        assertTrue(dead.toString(), dead.path("fields").path("autoCallbackPending").has("deadLetteredAt"));
        assertTrue(audit(dead).contains("auto_callback_dead_letter/SYSTEM"));
        expect(baiyun.get("/api/v1/linkage110/callbacks/dead-letters"), 403, "FORBIDDEN");
        simulator.start();
        JsonNode back = awaitState(a6, "ARCHIVED");
        assertEquals("SATISFIED", back.path("fields").path("finalCallbackResult").asText());
        assertEquals("sent once after the partner came back", 1, callsOf(cb6));
        assertEquals(0, tianjing.get("/api/v1/linkage110/callbacks/dead-letters").json().path("total").asInt());
    }

    // ------------------------------------------------------------------ helpers

    /** Appeal A1's data dispatched to 张掖路, signed, fed back and called back by the unit. */
    private long awaitingArchive() {
        at("2026-03-02T09:50:00");
        long id = created(tianjing.post("/api/v1/linkage110/items", "{\"appellantName\":\"马女士\","
                + "\"appellantPhone\":\"13800000002\",\"appealTime\":\"2026-03-02T09:40:00+08:00\","
                + "\"title\":\"小区门口餐馆油烟扰民\",\"content\":\"张掖路某小区门口餐馆每天排放油烟，影响居民生活。\","
                + "\"streetRegionCode\":\"620102001\",\"category\":\"环境保护\"}")).path("id").asLong();
        ok(tianjing.post(action(id, "dispatch"), "{\"handlingUnitIds\":[" + zyl + "]}"));
        ok(baiyun.post(action(id, "sign"), "{}"));
        ok(baiyun.post(action(id, "feedback"), "{\"content\":\"已约谈餐馆经营者，责令安装油烟净化设备\"}"));
        ok(baiyun.post(action(id, "dept_callback"), "{\"result\":\"SATISFIED\",\"content\":\"诉求人表示油烟问题已解决\"}"));
        return id;
    }

    private String start(long id) {
        JsonNode v = ok(tianjing.post(action(id, "auto_phone_callback"), "{}"));
        String cb = v.path("fields").path("autoCallbackPending").path("callbackId").asText();
        assertTrue(cb, cb.startsWith("cb-" + id + "-"));
        return cb;
    }

    private JsonNode get(long id) {
        return ok(tianjing.get("/api/v1/items/" + id));
    }

    private JsonNode awaitState(long id, String state) {
        Awaitility.await("appeal " + id + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> state.equals(get(id).path("state").asText()));
        return get(id);
    }

    private static String audit(JsonNode item) {
        StringBuilder s = new StringBuilder();
        for (JsonNode e : item.path("auditTrail")) {
            s.append(e.path("action").asText()).append('/').append(e.path("channel").asText()).append(' ');
        }
        return s.toString();
    }

    private int callsOf(String callbackId) {
        int n = 0;
        for (JsonNode c : ok(platform().get("/simulator/ivr/calls")).path("calls")) {
            if (callbackId.equals(c.path("callbackId").asText())) {
                n++;
            }
        }
        return n;
    }

    private void control(String json) {
        ok(platform().put("/simulator/ivr/control", json));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
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
