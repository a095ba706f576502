package org.civic.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;

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

/**
 * The workflow kernel on the real distribution, driven over REST through the sample line, whose
 * plugin bundle is installed at runtime and uninstalled at the end: create → dispatch → sign →
 * dispute → cards → extension → feedback → review, worklists, queries, statistics, exports,
 * attachments, idempotency, concurrency; after the uninstall the line's menus are gone and its items
 * stay readable. While the plugin comes and goes, a console user polling a core resource gets every answer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkflowIT extends CivicTestSupport {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(distribution()));
        options.add(systemProperty("civic.samplePlugin").value(System.getProperty("civic.samplePlugin")));
        return options.toArray(new Option[0]);
    }

    private Http admin;
    private Http dispatcher;
    private Http housing;
    private Http market;

    @Test
    public void aLineDeclaredByAPluginWorksEndToEndOverRestAndGoesAwayWithItsBundle() throws Exception {
        admin = platform().as("admin", "admin");
        assertFalse(admin.get("/api/v1/lines").body().contains("\"sample\""));
        expect(admin.get("/api/v1/sample/worklists"), 404, "NOT_FOUND");

        // A console user keeps working while the plugin comes (and later goes): a core resource answers
        // throughout, while the REST application is rebuilt with and without the plugin's resource.
        Http console = platform().bearer(platform().post("/api/v1/auth/login",
                "{\"loginName\":\"admin\",\"password\":\"admin\"}").json().path("token").asText());
        Poller duringInstall = startPolling(console);
        Bundle plugin = context.installBundle("file:" + System.getProperty("civic.samplePlugin"));
        plugin.start();
        Awaitility.await("sample line registered and its users loaded").atMost(Duration.ofSeconds(60))
                .until(() -> admin.get("/api/v1/lines").body().contains("\"sample\"")
                        && admin.post("/api/v1/bench/echo", "{}").status() == 201
                        && platform().as("sp_dispatcher", "Sample2026").get("/api/v1/me").status() == 200);
        assertNoCallMissed("install", duringInstall);
        dispatcher = platform().as("sp_dispatcher", "Sample2026");
        housing = platform().as("sp_housing", "Sample2026");
        market = platform().as("sp_market", "Sample2026");
        long housingUnit = unitId("城关区住建局");
        long marketUnit = unitId("城关区市场监管局");

        // Monday 2 March 2026, 09:00; office hours 08:30-12:00, 13:30-17:30.
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"set\":\"2026-03-02T09:00:00+08:00\",\"frozen\":true}").status());

        // --- create: validation, role, number
        expect(dispatcher.post("/api/v1/sample/items", "{\"phone\":\"123\"}"), 400, "MISSING_FIELD:title");
        expect(dispatcher.post("/api/v1/sample/items", "{\"title\":\"路灯损坏\",\"phone\":\"123\"}"), 400, "INVALID_VALUE:phone");
        expect(dispatcher.post("/api/v1/sample/items", "{\"title\":\"路灯损坏\",\"category\":\"WEATHER\"}"), 400,
                "INVALID_VALUE:category");
        expect(housing.post("/api/v1/sample/items", "{\"title\":\"路灯损坏\"}"), 403, "FORBIDDEN");
        Http.Reply created = dispatcher.post("/api/v1/sample/items",
                "{\"title\":\"路灯损坏\",\"phone\":\"13912345678\",\"category\":\"TRAFFIC\",\"content\":\"东岗路路灯不亮\"}");
        assertEquals(created.toString(), 201, created.status());
        JsonNode item = created.json();
        long id = item.path("id").asLong();
        assertTrue(item.path("number").asText(), item.path("number").asText().matches("SP-620102-20260302-\\d{4}"));
        assertEquals("DRAFT", item.path("state").asText());
        assertEquals("sp_dispatcher", item.path("auditTrail").get(0).path("actor").asText());
        assertEquals(1, dispatcher.get("/api/v1/sample/worklists").json().path("drafts").asInt());

        // --- dispatch to two units: one assignment each, sign and handling clocks
        // A handler does not see another unit's drafts; the administrator sees it but has no dispatcher role.
        expect(housing.post(action(id, "dispatch"), "{\"handlingUnitIds\":[" + housingUnit + "]}"), 404, "NOT_FOUND");
        expect(admin.post(action(id, "dispatch"), "{\"handlingUnitIds\":[" + housingUnit + "]}"), 403, "FORBIDDEN");
        expect(dispatcher.post(action(id, "dispatch"), "{}"), 400, "MISSING_FIELD:handlingUnitIds");
        item = ok(dispatcher.post(action(id, "dispatch"), "{\"handlingUnitIds\":[" + housingUnit + "," + marketUnit + "]}"));
        assertEquals("DISPATCHED", item.path("state").asText());
        assertEquals(2, item.path("assignments").size());
        JsonNode marketPart = assignment(item, marketUnit);
        assertEquals("PENDING_SIGN", marketPart.path("state").asText());
        assertTrue(clock(marketPart, "sign").path("deadline").asText().equals("2026-03-02T11:00:00+08:00"));
        assertTrue(clock(marketPart, "handling").path("deadline").asText().equals("2026-03-05T17:30:00+08:00"));

        // --- sign: only the holder unit, only once
        expect(platform().as("sp_qlh", "Sample2026").get("/api/v1/items/" + id), 404, "NOT_FOUND");
        expect(platform().as("sp_qlh", "Sample2026").post(action(id, "sign"), "{}"), 404, "NOT_FOUND");
        item = ok(housing.post(action(id, "sign"), "{}"));
        assertEquals("HANDLING", assignment(item, housingUnit).path("state").asText());
        expect(housing.post(action(id, "sign"), "{}"), 409, "INVALID_STATE");
        assertEquals(1, housing.get("/api/v1/sample/worklists").json().path("handling").asInt());
        assertEquals(1, market.get("/api/v1/sample/worklists").json().path("to_sign").asInt());

        // --- 11:30: the market unit missed its sign-in limit: a yellow card raised at the deadline
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"advance\":\"PT2H30M\"}").status());
        item = dispatcher.get("/api/v1/items/" + id).json();
        assertEquals(1, item.path("cards").size());
        JsonNode card = item.path("cards").get(0);
        assertEquals("YELLOW", card.path("colour").asText());
        assertEquals("sign", card.path("clock").asText());
        assertEquals(marketUnit, card.path("unitId").asLong());
        assertTrue(card.path("raisedAt").asText(), card.path("raisedAt").asText().equals("2026-03-02T11:00:00+08:00"));
        assertEquals(1, dispatcher.get("/api/v1/sample/items?card=YELLOW").json().path("total").asInt());
        assertTrue(admin.get("/api/v1/admin/events?limit=50").body().contains("card.yellow"));

        // --- dispute pauses the handling clock; rejecting it a day later shifts the deadline
        expect(housing.post(action(id, "dispute"), "{}"), 400, "MISSING_FIELD:description");
        ok(housing.post(action(id, "dispute"), "{\"description\":\"不属于本单位职责\"}"));
        assertEquals("PAUSED", clock(assignment(dispatcher.get("/api/v1/items/" + id).json(), housingUnit), "handling")
                .path("status").asText());
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"advance\":\"P1D\"}").status());
        expect(dispatcher.post(action(id, "reject_dispute"), "{\"unitId\":" + housingUnit + "}"), 400, "MISSING_FIELD:opinion");
        item = ok(dispatcher.post(action(id, "reject_dispute"), "{\"unitId\":" + housingUnit + ",\"opinion\":\"属于职责范围\"}"));
        // 1710 office minutes were left on Monday 11:30; from Tuesday 11:30 they end on Friday 17:30.
        assertTrue(clock(assignment(item, housingUnit), "handling").toString(),
                clock(assignment(item, housingUnit), "handling").path("deadline").asText().equals("2026-03-06T17:30:00+08:00"));

        // --- extension requested by housing, approved by the district
        ok(market.post(action(id, "sign"), "{}"));
        expect(housing.post(action(id, "request_extension"), "{\"newDeadline\":\"2026-03-04T10:00:00+08:00\",\"reason\":\"需协调\"}"),
                400, "INVALID_VALUE:newDeadline");
        ok(housing.post(action(id, "request_extension"), "{\"newDeadline\":\"2026-03-12T17:30:00+08:00\",\"reason\":\"需协调供电公司\"}"));
        expect(housing.post(action(id, "request_extension"), "{\"newDeadline\":\"2026-03-13T17:30:00+08:00\",\"reason\":\"再次\"}"),
                409, "REQUEST_PENDING");
        item = ok(dispatcher.post(action(id, "approve_extension"), "{\"unitId\":" + housingUnit + "}"));
        assertTrue(clock(assignment(item, housingUnit), "handling").path("deadline").asText().equals("2026-03-12T17:30:00+08:00"));

        // --- the market unit lets its handling deadline pass: yellow on Thursday 17:30, red 3 working days later
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"set\":\"2026-03-05T18:00:00+08:00\"}").status());
        assertEquals(200, admin.post("/api/v1/admin/clock", "{\"set\":\"2026-03-10T18:00:00+08:00\"}").status());
        item = dispatcher.get("/api/v1/items/" + id).json();
        List<String> marketCards = new ArrayList<>();
        for (JsonNode c : item.path("cards")) {
            if (c.path("unitId").asLong() == marketUnit) {
                marketCards.add(c.path("clock").asText() + " " + c.path("colour").asText() + " " + c.path("raisedAt").asText());
            }
        }
        assertEquals(marketCards.toString(), 3, marketCards.size());
        assertTrue(marketCards.toString(), marketCards.get(1).equals("handling YELLOW 2026-03-05T17:30:00+08:00"));
        assertTrue(marketCards.toString(), marketCards.get(2).equals("handling RED 2026-03-10T17:30:00+08:00"));
        assertEquals("the housing unit's extended clock raised nothing", 3, item.path("cards").size());

        // --- attachments and feedback; the last feedback moves the task to review
        Http.Reply upload = housing.upload("/api/v1/items/" + id + "/attachments", "现场照片.png", "image/png",
                "\u0089PNG fake image".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(upload.toString(), 201, upload.status());
        long attachment = upload.json().path("id").asLong();
        expect(housing.upload("/api/v1/items/" + id + "/attachments", "run.exe", "application/x-msdownload", new byte[] {1}),
                400, "INVALID_VALUE:file");
        HttpResponse<byte[]> download = housing.bytes("/api/v1/items/" + id + "/attachments/" + attachment);
        assertEquals(200, download.statusCode());
        assertEquals("\u0089PNG fake image", new String(download.body(), StandardCharsets.ISO_8859_1));
        assertEquals(404, platform().as("sp_qlh", "Sample2026").bytes("/api/v1/items/" + id + "/attachments/" + attachment)
                .statusCode());
        ok(housing.post(action(id, "feedback"), "{\"content\":\"已协调供电公司修复\",\"attachments\":[" + attachment + "]}"));
        expect(market.post(action(id, "feedback"), "{\"content\":\"已处理\",\"attachments\":[" + attachment + "]}"), 400,
                "INVALID_VALUE:attachments");
        item = ok(market.post(action(id, "feedback"), "{\"content\":\"已配合检查\"}"));
        assertEquals("AWAITING_REVIEW", item.path("state").asText());
        assertEquals(1, dispatcher.get("/api/v1/sample/worklists/to_review").json().path("total").asInt());

        // --- two reviewers at once: exactly one succeeds; a stale version is a conflict
        long version = item.path("version").asLong();
        expect(dispatcher.with("If-Match", Long.toString(version - 1)).post(action(id, "approve"), "{}"), 409, "CONFLICT");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> approvals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            approvals.add(() -> dispatcher.post(action(id, "approve"), "{\"opinion\":\"同意办结\"}").status());
        }
        int succeeded = 0;
        for (Future<Integer> f : pool.invokeAll(approvals)) {
            int status = f.get();
            assertTrue("200 or 409, got " + status, status == 200 || status == 409);
            succeeded += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, succeeded);
        item = dispatcher.get("/api/v1/items/" + id).json();
        assertEquals("CLOSED", item.path("state").asText());
        int approvedEntries = 0;
        for (JsonNode e : item.path("auditTrail")) {
            approvedEntries += "approve".equals(e.path("action").asText()) ? 1 : 0;
        }
        assertEquals(1, approvedEntries);
        assertEquals(0, item.path("availableActions").size());

        // --- idempotent create: the repeat answers the first result and creates nothing
        Http keyed = dispatcher.with("Idempotency-Key", "hotline-20260310-0001");
        Http.Reply first = keyed.post("/api/v1/sample/items", "{\"title\":\"噪音扰民\"}");
        Http.Reply repeat = keyed.post("/api/v1/sample/items", "{\"title\":\"噪音扰民\"}");
        assertEquals(201, first.status());
        assertEquals(first.json().path("id").asLong(), repeat.json().path("id").asLong());
        expect(keyed.post("/api/v1/sample/items", "{\"title\":\"另一件事\"}"), 409, "IDEMPOTENCY_KEY_REUSED");
        assertEquals(1, dispatcher.get("/api/v1/sample/items?q=" + enc("噪音")).json().path("total").asInt());

        // --- queries, statistics, exports
        JsonNode closed = dispatcher.get("/api/v1/sample/items?state=CLOSED&regionCode=620102&sort=-createdAt").json();
        assertEquals(1, closed.path("total").asInt());
        assertEquals(id, closed.path("items").get(0).path("id").asLong());
        assertEquals(0, dispatcher.get("/api/v1/sample/items?regionCode=620103").json().path("total").asInt());
        expect(dispatcher.get("/api/v1/sample/items?sort=colour"), 400, "INVALID_VALUE:sort");
        JsonNode byState = dispatcher.get("/api/v1/sample/stats/by-state").json();
        assertEquals(2, byState.path("total").path("total").asInt());
        assertEquals(1, byState.path("total").path("closed").asInt());
        assertEquals(1, byState.path("total").path("overdue").asInt());
        assertEquals(0.0, byState.path("total").path("onTimeRate").asDouble(), 0.0001);
        JsonNode byUnit = dispatcher.get("/api/v1/sample/stats/by-unit").json();
        assertEquals(2, byUnit.path("rows").size());
        HttpResponse<byte[]> csv = dispatcher.bytes("/api/v1/sample/items?format=csv");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text, text.contains("编号,标题,区域,状态") && text.contains(item.path("number").asText()) && text.contains("已办结"));
        HttpResponse<byte[]> xlsx = dispatcher.bytes("/api/v1/sample/worklists/closed?format=xlsx");
        assertEquals(200, xlsx.statusCode());
        assertTrue(xlsx.headers().firstValue("Content-Type").orElse("").contains("spreadsheetml"));
        assertEquals('P', xlsx.body()[0]);
        assertEquals('K', xlsx.body()[1]);
        HttpResponse<byte[]> statCsv = dispatcher.bytes("/api/v1/sample/stats/by-unit?format=csv");
        assertTrue(new String(statCsv.body(), StandardCharsets.UTF_8).contains("城关区市场监管局"));
        assertTrue(admin.get("/api/v1/admin/events?limit=200").body().contains("sample.approve"));

        // --- uninstall: menus and worklists gone, items stay and can be read, not acted on
        Poller duringUninstall = startPolling(console);
        plugin.uninstall();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !admin.get("/api/v1/lines").body().contains("\"sample\"")
                && admin.post("/api/v1/bench/echo", "{}").status() == 404);
        assertNoCallMissed("uninstall", duringUninstall);
        expect(dispatcher.get("/api/v1/sample/worklists"), 404, "NOT_FOUND");
        expect(dispatcher.get("/api/v1/sample/worklists/closed"), 404, "NOT_FOUND");
        JsonNode kept = admin.get("/api/v1/items/" + id).json();
        assertEquals(item.path("number").asText(), kept.path("number").asText());
        assertFalse(kept.path("lineAvailable").asBoolean());
        expect(dispatcher.post(action(id, "urge"), "{\"opinion\":\"请尽快\"}"), 409, "LINE_NOT_INSTALLED");
    }

    /** Two client threads calling {@code GET /api/v1/lines}, already answering before the plugin moves. */
    private static Poller startPolling(Http caller) {
        Poller poller = Poller.start(caller, "/api/v1/lines", 2);
        Awaitility.await("poller answered").atMost(Duration.ofSeconds(30)).until(() -> poller.requests() >= 20);
        return poller;
    }

    /** Keeps polling a little past the change, then: every call answered 2xx, and there were enough calls to tell. */
    private static void assertNoCallMissed(String change, Poller poller) throws InterruptedException {
        int seen = poller.requests();
        Awaitility.await("poller after the " + change).atMost(Duration.ofSeconds(30)).until(() -> poller.requests() >= seen + 20);
        List<String> failures = poller.stop();
        int requests = poller.requests();
        System.out.println("WorkflowIT poller during the " + change + ": " + requests + " requests, " + failures.size()
                + " not 2xx " + failures);
        assertTrue("too few calls during the " + change + " to tell: " + requests, requests >= 60);
        assertTrue(failures.size() + " of " + requests + " calls failed during the " + change + ": " + failures,
                failures.isEmpty());
    }

    private long unitId(String name) {
        for (JsonNode u : admin.get("/api/v1/admin/units?regionCode=620102&limit=100").json().path("items")) {
            if (name.equals(u.path("name").asText())) {
                return u.path("id").asLong();
            }
        }
        throw new AssertionError("no unit " + name);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
