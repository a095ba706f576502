package org.civic.core.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class SwapGateTest {

    private final SwapGate gate = new SwapGate("test", Duration.ofSeconds(5), Duration.ofSeconds(5));
    // Not the common pool: it may have a single thread on a small machine, and these tasks block.
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @After
    public void stopPool() {
        pool.shutdownNow();
    }

    @Test(timeout = 10_000)
    public void aRequestArrivingDuringASwapWaitsForItAndThenGetsIn() throws Exception {
        CountDownLatch swapping = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> gate.swap(() -> {
            swapping.countDown();
            await(finish);
            order.add("swapped");
        }), pool);
        swapping.await();
        CompletableFuture<Boolean> request = CompletableFuture.supplyAsync(() -> {
            boolean in = gate.enter();
            order.add("request");
            gate.leave();
            return in;
        }, pool);
        Thread.sleep(200);
        assertFalse("held back while the swap runs", request.isDone());
        finish.countDown();
        assertTrue(request.get());
        swap.get();
        assertEquals(List.of("swapped", "request"), order);
    }

    @Test(timeout = 10_000)
    public void aSwapWaitsForTheRequestsInside() throws Exception {
        assertTrue(gate.enter());
        AtomicBoolean leftBeforeChange = new AtomicBoolean();
        AtomicBoolean left = new AtomicBoolean();
        CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> gate.swap(() -> leftBeforeChange.set(left.get())), pool);
        Thread.sleep(200);
        assertFalse(swap.isDone());
        left.set(true);
        gate.leave();
        swap.get();
        assertTrue(leftBeforeChange.get());
    }

    @Test(timeout = 10_000)
    public void aRequestHeldBackLongerThanItsWaitIsTurnedAway() throws Exception {
        SwapGate quick = new SwapGate("test", Duration.ofMillis(100), Duration.ofSeconds(5));
        CountDownLatch swapping = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> quick.swap(() -> {
            swapping.countDown();
            await(finish);
        }), pool);
        swapping.await();
        assertFalse(CompletableFuture.supplyAsync(quick::enter, pool).get());
        finish.countDown();
        swap.get();
        assertTrue("the turned-away request left nothing behind: a swap does not wait for it",
                CompletableFuture.supplyAsync(() -> {
                    quick.swap(() -> { });
                    return true;
                }, pool).get(1, TimeUnit.SECONDS));
    }

    @Test(timeout = 10_000)
    public void aRequestThatTriggersASwapDoesNotWaitForItselfButForTheOthers() throws Exception {
        CountDownLatch otherIn = new CountDownLatch(1);
        CountDownLatch otherLeave = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            gate.enter();
            otherIn.countDown();
            await(otherLeave);
            gate.leave();
        }, pool);
        otherIn.await();
        AtomicBoolean otherDoneAtChange = new AtomicBoolean();
        CompletableFuture<Void> triggering = CompletableFuture.runAsync(() -> {
            assertTrue(gate.enter());
            try {
                gate.swap(() -> otherDoneAtChange.set(other.isDone()));
            } finally {
                gate.leave();
            }
        }, pool);
        Thread.sleep(200);
        assertFalse("waits for the other request", triggering.isDone());
        otherLeave.countDown();
        // Well before the drain wait (5 s) would let it go ahead anyway.
        triggering.get(2, TimeUnit.SECONDS);
        assertTrue(otherDoneAtChange.get());
    }

    @Test(timeout = 10_000)
    public void aLongRequestDelaysASwapOnlyByTheDrainWaitAndNewRequestsStayHeldBack() throws Exception {
        SwapGate slowDrain = new SwapGate("test", Duration.ofSeconds(5), Duration.ofMillis(200));
        CountDownLatch longIn = new CountDownLatch(1);
        CountDownLatch longLeave = new CountDownLatch(1);
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            slowDrain.enter();
            longIn.countDown();
            await(longLeave);
            slowDrain.leave();
        }, pool);
        longIn.await();
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        long start = System.nanoTime();
        CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> slowDrain.swap(() -> {
            changing.countDown();
            await(finish);
        }), pool);
        changing.await();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("waited " + waited + " ms", waited >= 150 && waited < 3000);
        CompletableFuture<Boolean> late = CompletableFuture.supplyAsync(() -> {
            boolean in = slowDrain.enter();
            slowDrain.leave();
            return in;
        }, pool);
        Thread.sleep(200);
        assertFalse("a request arriving while the change runs is held back", late.isDone());
        finish.countDown();
        swap.get();
        assertTrue(late.get());
        longLeave.countDown();
        download.get();
    }

    @Test(timeout = 10_000)
    public void aThreadInsideReentersWithoutWaitingForASwapAndASwapWithinTheChangeRunsAtOnce() throws Exception {
        assertTrue(gate.enter());
        CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> gate.swap(() -> { }), pool);
        Thread.sleep(100);
        assertTrue("an include or forward of a request inside", gate.enter());
        gate.leave();
        gate.leave();
        swap.get();

        AtomicInteger changes = new AtomicInteger();
        gate.swap(() -> {
            changes.incrementAndGet();
            gate.swap(changes::incrementAndGet);
        });
        assertEquals(2, changes.get());
    }

    @Test
    public void theTurnedAwayRequestGetsThePlatformsJsonError() throws Exception {
        JsonNode body = new ObjectMapper().readTree(CxfServlets.unavailableBody());
        assertEquals("UNAVAILABLE", body.path("code").asText());
        assertFalse(body.path("message").asText().isEmpty());
        assertTrue(body.path("details").isObject());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
