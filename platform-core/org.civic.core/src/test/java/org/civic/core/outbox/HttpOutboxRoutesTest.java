package org.civic.core.outbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The outbox building block against a real loopback partner: what is owed is a set standing in for the
 * database, and it shrinks only when the partner answered 2xx.
 */
public class HttpOutboxRoutesTest {

    private HttpServer partner;
    private ExecutorService partnerThreads;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    /** Answers to give, one per request, then {@link #answer}. */
    private final List<Integer> nextAnswers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger answer = new AtomicInteger(200);
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private DefaultCamelContext camel;
    private Outbox routes;

    /** A line's outbox: messages are strings, owed until accepted. */
    class Outbox extends HttpOutboxRoutes<String> {
        final Set<String> owed = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> deadLetters = new ConcurrentHashMap<>();
        final AtomicInteger scans = new AtomicInteger();

        Outbox(Settings settings) {
            super(String.class, settings);
        }

        @Override
        protected Iterable<String> due() {
            scans.incrementAndGet();
            return List.copyOf(owed);
        }

        @Override
        protected Object key(String message) {
            return message;
        }

        @Override
        protected Post request(String message) {
            return new Post("http://127.0.0.1:" + partner.getAddress().getPort() + "/notices", "civic", "s3cret",
                    Map.of("id", message), "The test partner", "message " + message);
        }

        @Override
        protected void accepted(String message) {
            owed.remove(message);
            accepted.computeIfAbsent(message, m -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        protected void deadLettered(String message, Exception cause) {
            deadLetters.computeIfAbsent(message, m -> new AtomicInteger()).incrementAndGet();
        }

        int acceptedCount(String m) {
            AtomicInteger n = accepted.get(m);
            return n == null ? 0 : n.get();
        }

        int deadLetterCount(String m) {
            AtomicInteger n = deadLetters.get(m);
            return n == null ? 0 : n.get();
        }
    }

    @Before
    public void setUp() throws Exception {
        partner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        partner.createContext("/notices", exchange -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Integer status;
            synchronized (nextAnswers) {
                status = nextAnswers.isEmpty() ? answer.get() : nextAnswers.remove(0);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        partnerThreads = Executors.newFixedThreadPool(4);
        partner.setExecutor(partnerThreads);
        partner.start();
        // The timer's first scan is a minute away: each test scans when it means to.
        routes = new Outbox(new HttpOutboxRoutes.Settings("Test message", "test-outbox", "test-send",
                "test-dead-letter", "seda:test-messages", 2, 60, 2, 50, 200, 1, 5));
        camel = new DefaultCamelContext();
        camel.addRoutes(routes);
        camel.start();
    }

    @After
    public void tearDown() throws Exception {
        hold.countDown();
        routes.stopSending();
        camel.stop();
        partner.stop(0);
        partnerThreads.shutdownNow();
    }

    @Test
    public void aMessageIsDeliveredAndAcceptedOnce() throws Exception {
        assertEquals(Set.of("test-outbox", "test-send", "test-dead-letter"),
                Set.of(camel.getRoutes().stream().map(r -> r.getRouteId()).toArray()));
        routes.owed.add("a");
        routes.scanQuietly();
        await(() -> routes.acceptedCount("a") == 1);
        routes.scanQuietly();
        routes.clockMoved(Instant.now());
        assertEquals(List.of("{\"id\":\"a\"}"), received);
        assertEquals("Basic " + Base64.getEncoder().encodeToString("civic:s3cret".getBytes(StandardCharsets.UTF_8)),
                authorizations.get(0));
        assertEquals(1, routes.acceptedCount("a"));
        assertTrue(routes.owed.isEmpty());
    }

    @Test
    public void aPartnerOutageIsRedeliveredAndNothingIsLost() throws Exception {
        nextAnswers.addAll(List.of(503, 503));   // down for the first try and the first redelivery
        routes.owed.add("a");
        routes.owed.add("b");
        routes.scanQuietly();
        await(() -> routes.acceptedCount("a") == 1 && routes.acceptedCount("b") == 1);
        assertEquals("two refused, then both taken", 4, received.size());
        assertEquals(0, routes.deadLetterCount("a") + routes.deadLetterCount("b"));
        assertTrue(routes.owed.isEmpty());
    }

    @Test
    public void aDeadLetterIsSentAgainAfterTheDelay() throws Exception {
        answer.set(503);
        routes.owed.add("a");
        routes.scanQuietly();
        await(() -> routes.deadLetterCount("a") == 1);
        assertEquals("the first try and two redeliveries", 3, received.size());
        assertEquals(0, routes.acceptedCount("a"));
        assertTrue("still owed", routes.owed.contains("a"));

        routes.scanQuietly();   // within deadLetterRetrySeconds: not yet
        Thread.sleep(100);
        assertEquals(3, received.size());

        answer.set(200);
        await(() -> {
            routes.scanQuietly();
            return routes.acceptedCount("a") == 1;
        });
        assertEquals(4, received.size());
        assertEquals(1, routes.deadLetterCount("a"));
        assertTrue(routes.owed.isEmpty());
    }

    @Test
    public void aMessageInFlightIsNotQueuedTwice() throws Exception {
        hold = new CountDownLatch(1);   // the partner takes its time answering
        routes.owed.add("a");
        routes.scanQuietly();
        await(() -> partnerHasOneWaiting());
        for (int i = 0; i < 5; i++) {
            routes.scanQuietly();
            routes.clockMoved(Instant.now());
        }
        assertTrue(routes.scans.get() >= 11);
        hold.countDown();
        await(() -> routes.acceptedCount("a") == 1);
        Thread.sleep(200);
        assertEquals(1, received.size());
        assertEquals(1, routes.acceptedCount("a"));
    }

    private boolean partnerHasOneWaiting() {
        // The request has left the send route once the seda queue is empty and nothing has come back yet.
        return camel.getEndpoint("seda:test-messages", SedaEndpoint.class)
                .getCurrentQueueSize() == 0 && routes.acceptedCount("a") == 0 && received.isEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
