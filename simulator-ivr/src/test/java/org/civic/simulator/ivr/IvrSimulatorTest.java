package org.civic.simulator.ivr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

/** The simulator posts results over real HTTP, with the partner's credential, to a stand-in platform. */
public class IvrSimulatorTest {

    private HttpServer platform;
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
    private IvrSimulator sim;

    @Before
    public void setUp() throws IOException {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/api/v1/linkage110/callbacks/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new String[] {exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
            byte[] answer = "{\"status\":\"APPLIED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        platform.start();
        sim = new IvrSimulator("SATISFIED", 10, "", "ivr_cg", "Linkage2026");
    }

    @After
    public void tearDown() {
        sim.close();
        platform.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + platform.getAddress().getPort();
    }

    @Test
    public void aCallRequestIsAnsweredWithTheConfiguredOutcome() throws Exception {
        assertNull(sim.accept(Map.of("callbackId", "cb-7-x", "appellantPhone", "13800000002", "districtNo", "20260302-1",
                "script", "满意请按1，不满意请按2"), base()));
        String[] post = received.poll(10, TimeUnit.SECONDS);
        assertEquals("/api/v1/linkage110/callbacks/cb-7-x/result", post[0]);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ivr_cg:Linkage2026".getBytes(StandardCharsets.UTF_8)),
                post[1]);
        assertTrue(post[2], post[2].contains("\"result\":\"SATISFIED\""));
        assertTrue(post[2], post[2].contains("\"callbackId\":\"cb-7-x\""));
        List<Map<String, Object>> calls = sim.calls();
        assertEquals(1, calls.size());
        assertEquals("SATISFIED", calls.get(0).get("outcome"));
    }

    @Test
    public void outcomesPerPhoneAndNoneWhichNeverAnswers() throws Exception {
        sim.control(Map.of("outcome", "NONE", "phoneOutcomes", Map.of("13800000003", "UNREACHABLE")));
        assertNull(sim.accept(Map.of("callbackId", "cb-1-a", "appellantPhone", "13800000002"), base()));
        assertNull(sim.accept(Map.of("callbackId", "cb-2-b", "appellantPhone", "13800000003"), base()));
        String[] post = received.poll(10, TimeUnit.SECONDS);
        assertTrue(post[0].endsWith("/cb-2-b/result"));
        assertTrue(post[2], post[2].contains("\"result\":\"UNREACHABLE\""));
        assertNull("NONE never answers", received.poll(500, TimeUnit.MILLISECONDS));
        assertEquals("NOT_SENT", sim.calls().get(0).get("resultStatus"));
    }

    @Test
    public void badRequestsAndBadSettingsAreRefused() {
        assertEquals("callbackId", sim.accept(Map.of("appellantPhone", "13800000002"), base()));
        assertEquals("appellantPhone", sim.accept(Map.of("callbackId", "cb-1-a", "appellantPhone", " "), base()));
        try {
            sim.control(Map.of("outcome", "MAYBE"));
            throw new AssertionError("accepted an unknown outcome");
        } catch (IllegalArgumentException expected) {
            assertEquals("SATISFIED", sim.state().get("outcome"));
        }
        assertTrue(sim.calls().isEmpty());
    }
}
