package org.civic.core.internal.workflow;

import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.civic.core.internal.workflow.HotlineFixture.part;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The concurrency rule: of simultaneous actions on one item exactly one commits; the others write nothing. */
public class WorkflowConcurrencyTest {

    private static final int THREADS = 20;

    private HotlineFixture f;
    private ExecutorService pool;

    @Before
    public void setUp() {
        f = new HotlineFixture();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @After
    public void tearDown() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        f.close();
    }

    /** Runs the tasks at once (released by one latch) and returns "OK" or the refusal code of each. */
    private List<String> race(List<Callable<Object>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (Callable<Object> t : tasks) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    t.call();
                    return "OK";
                } catch (CivicException e) {
                    return e.code();
                }
            }));
        }
        start.countDown();
        List<String> out = new ArrayList<>();
        for (Future<String> r : results) {
            out.add(r.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static void exactlyOneWins(List<String> results) {
        assertEquals(results.toString(), 1, results.stream().filter("OK"::equals).count());
        for (String r : results) {
            assertTrue(r, Set.of("OK", "CONFLICT", "INVALID_STATE").contains(r));
        }
    }

    @Test
    public void twentySimultaneousSignsOfOneAssignmentCommitOnce() throws Exception {
        long id = f.dispatched(f.housing, f.market);
        long version = f.view(id).version();
        long audit = f.count("ItemAuditEntity");
        f.events.clear();
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            tasks.add(() -> f.kernel.act(f.housingHandler, id, "sign", in(), null, "REST"));
        }
        exactlyOneWins(race(tasks));
        ItemView after = f.view(id);
        assertEquals(1, after.auditTrail().stream().filter(e -> e.action().equals("sign")).count());
        assertEquals(audit + 1, f.count("ItemAuditEntity"));
        assertEquals(List.of("hotline.sign"), f.events.topics);
        assertEquals("HANDLING", part(after, f.housing).state());
        assertEquals("PENDING_SIGN", part(after, f.market).state());
        assertTrue(after.version() > version);
        assertEquals(1, after.assignments().stream().flatMap(a -> a.clocks().stream())
                .filter(c -> c.name().equals("sign") && c.status().equals("STOPPED")).count());
    }

    @Test
    public void twentySimultaneousDispatchesOfOneDraftLeaveOneSetOfAssignments() throws Exception {
        long id = f.draft("抢派").id();
        long[] units = {f.housing.id(), f.market.id(), f.water.id()};
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            long unit = units[i % units.length];
            tasks.add(() -> f.kernel.act(f.dispatcher, id, "dispatch", in("unitIds", List.of(unit)), null, "REST"));
        }
        exactlyOneWins(race(tasks));
        ItemView after = f.view(id);
        assertEquals("DISPATCHED", after.state());
        assertEquals(1, after.assignments().size());
        assertEquals(1, f.count("AssignmentEntity"));
        assertEquals("one sign and one handling clock", 2, f.count("ClockEntity"));
        assertEquals(1, after.auditTrail().stream().filter(e -> e.action().equals("dispatch")).count());
    }

    @Test
    public void simultaneousActionsOnDifferentItemsAllSucceed() throws Exception {
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(f.dispatched(f.housing));
        }
        List<Callable<Object>> tasks = new ArrayList<>();
        for (long id : items) {
            tasks.add(() -> f.kernel.act(f.housingHandler, id, "sign", in(), null, "REST"));
        }
        List<String> results = race(tasks);
        assertEquals(results.toString(), 10, results.stream().filter("OK"::equals).count());
        for (long id : items) {
            assertEquals("HANDLING", part(f.view(id), f.housing).state());
        }
    }

    @Test
    public void simultaneousCreatesAllSucceedAndNeverShareANumber() throws Exception {
        List<Callable<Object>> tasks = new ArrayList<>();
        List<String> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            tasks.add(() -> numbers.add(f.kernel.create(f.dispatcher, LINE, Map.of("title", "并发" + n, "category", "ROAD"),
                    "REST").number()));
        }
        List<String> results = race(tasks);
        // Creates of different items do not compete: none may be refused. (Derby refuses an insert now and
        // then when several need a new range of identity values at once; Tx runs such a transaction again.)
        long ok = results.stream().filter("OK"::equals).count();
        assertEquals(results.toString(), THREADS, ok);
        assertEquals(ok, numbers.size());
        assertEquals(ok, new TreeSet<>(numbers).size());
        for (String number : numbers) {
            assertTrue(number, number.matches("HL-620102-20260302-00(0[1-9]|1[0-9]|20)"));
        }
        assertEquals(ok, f.count("WorkItemEntity"));
        assertEquals(ok, f.count("ItemAuditEntity"));
    }
}
