package org.civic.plugins.clue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The complainant notices of spec §10 against a real HTTP peer on loopback standing in for the mini-program's
 * back end: what is owed, what the partner receives, and that nothing is lost while it is down or the platform
 * restarts.
 */
public class ClueNoticesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClueFixture f;
    private HttpServer partner;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private ClueConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    @Before
    public void setUp() throws IOException {
        f = new ClueFixture();
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/notices", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.get();
            if (status == 200) {
                received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        partner.start();
        config = ClueFixture.config(Map.of("notify_url", "http://127.0.0.1:" + partner.getAddress().getPort() + "/notices"));
    }

    @After
    public void tearDown() throws Exception {
        partner.stop(0);
        f.close();
    }

    /** What the route does for each owed notice: POST it, and record it accepted when the partner took it. */
    private int deliverAll(ClueOutbox outbox) {
        int failures = 0;
        for (ClueOutbox.Notice n : outbox.due()) {
            try {
                ClueNoticeRoutes.deliver(http, config, n);
                outbox.accepted(n);
            } catch (IOException | InterruptedException e) {
                failures++;
            }
        }
        return failures;
    }

    @Test
    public void everyChangeTheComplainantSeesIsNoticedOnce() {
        ClueOutbox outbox = new ClueOutbox(f.kernel);
        long id = f.create().id();
        f.create("channel", "PORTAL", "complainantAccountId", null); // no account to tell
        assertEquals(0, deliverAll(outbox));
        assertEquals(1, received.size());
        JsonNode first = received.get(0);
        assertEquals("mp-001", first.path("complainantAccountId").asText());
        assertEquals(f.get(id).number(), first.path("clueNo").asText());
        assertEquals("已提交", first.path("status").asText());
        assertEquals(1, first.path("seq").asLong());
        assertTrue(outbox.due().isEmpty());

        f.act(f.liqiang, id, "receive");
        f.act(f.liqiang, id, "transfer_within_city", "targetCountyCode", "620102");
        f.act(f.zhaogang, id, "receive");
        f.act(f.zhaogang, id, "add_progress", "summary", "已约谈用工单位负责人");
        f.act(f.zhaogang, id, "record_completion_feedback", "resultSummary", "已督促用工单位足额支付拖欠工资", "handledDate", f.today());
        // one notice with the latest state, not one per step
        assertEquals(0, deliverAll(outbox));
        assertEquals(2, received.size());
        JsonNode latest = received.get(1);
        assertEquals(5, latest.path("seq").asLong());
        assertEquals("已受理", latest.path("status").asText());
        assertEquals("已约谈用工单位负责人", latest.path("progress").get(0).path("summary").asText());
        assertTrue(latest.path("completionFeedback").isMissingNode());
        assertTrue("review opinions and handlers stay internal", latest.path("reviews").isMissingNode());

        f.act(f.zhaogang, id, "submit");
        f.act(f.liqiang, id, "approve");
        f.act(f.wangmin, id, "approve");
        assertEquals(0, deliverAll(outbox));
        JsonNode done = received.get(2);
        assertEquals("已办结", done.path("status").asText());
        assertEquals("已督促用工单位足额支付拖欠工资", done.path("completionFeedback").path("resultSummary").asText());
    }

    @Test
    public void nothingIsLostWhileThePartnerIsDownOrThePlatformRestarts() {
        ClueOutbox outbox = new ClueOutbox(f.kernel);
        long id = f.create().id();
        answer.set(503);
        assertEquals(1, deliverAll(outbox));
        assertEquals(1, deliverAll(outbox));
        assertTrue(received.isEmpty());
        f.act(f.liqiang, id, "receive");
        // a restart: a new outbox reads what is owed from the database
        ClueOutbox restarted = new ClueOutbox(f.kernel);
        answer.set(200);
        assertEquals(0, deliverAll(restarted));
        assertEquals(1, received.size());
        assertEquals("已受理", received.get(0).path("status").asText());
        assertTrue(restarted.due().isEmpty());
        assertTrue(new ClueOutbox(f.kernel).due().isEmpty());
    }

    @Test
    public void aPartnerThatRefusesIsAFailure() throws Exception {
        long id = f.create().id();
        answer.set(401);
        ClueOutbox.Notice n = new ClueOutbox(f.kernel).due().get(0);
        assertEquals(id, n.clueId());
        try {
            ClueNoticeRoutes.deliver(http, config, n);
            fail("a 401 must not count as delivered");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("401"));
        }
    }
}
