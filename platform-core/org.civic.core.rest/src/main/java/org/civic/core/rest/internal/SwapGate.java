package org.civic.core.rest.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides from callers that the CXF server behind a servlet is being replaced. CXF 3.6 cannot swap a
 * server at an address in place: a new server at the same address gets the old server's destination, and
 * destroying the old server removes that destination. So a swap means destroy, then create, and a request
 * that looks up the destination in between gets CXF's HTML "No service was found" 404.
 * <p>
 * Requests pass the gate freely. A swap holds new requests back, waits a bounded time for the requests
 * already inside to finish, runs, and then lets the held requests on to the new server. A held request
 * that waits longer than its own bound gets {@code false} from {@link #enter()} and is answered 503. If
 * requests inside take longer than the drain bound (a slow download), the swap runs anyway, with new
 * requests still held back: only those long requests then run on a destroyed server, as every request
 * did before the gate existed. Nothing here waits without a bound on something a request holds, so a
 * request that itself triggers a swap (it installs a plugin, say) cannot deadlock with it: the swap does
 * not wait for the calling thread's own requests.
 */
final class SwapGate {

    private static final Logger LOG = LoggerFactory.getLogger(SwapGate.class);

    private final String name;
    private final long requestWaitNanos;
    private final long drainWaitNanos;
    /** How many requests of this thread are inside (an include or forward re-enters). */
    private final ThreadLocal<Integer> depth = new ThreadLocal<>();
    private int inside;
    private Thread swapper;

    SwapGate(String name, Duration requestWait, Duration drainWait) {
        this.name = name;
        this.requestWaitNanos = requestWait.toNanos();
        this.drainWaitNanos = drainWait.toNanos();
    }

    /**
     * Lets a request in, after the swap that runs now, if any. False if that takes longer than the request
     * wait (or the thread is interrupted): the request was not let in and must not call {@link #leave()}.
     */
    boolean enter() {
        int mine = mine();
        synchronized (this) {
            // A thread already inside never waits: the swap may be waiting for it.
            if (mine == 0 && swapper != null && swapper != Thread.currentThread()) {
                long deadline = System.nanoTime() + requestWaitNanos;
                while (swapper != null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            inside++;
        }
        depth.set(mine + 1);
        return true;
    }

    /** The request that {@link #enter()} let in is done. */
    void leave() {
        int mine = mine() - 1;
        if (mine > 0) {
            depth.set(mine);
        } else {
            // Servlet container threads outlive this bundle: leave nothing in their thread-local maps.
            depth.remove();
        }
        synchronized (this) {
            inside--;
            notifyAll();
        }
    }

    /**
     * Runs {@code change} while no request is inside (see the class comment for the bounds). Swaps run one
     * at a time; a swap started from within {@code change} runs at once.
     */
    void swap(Runnable change) {
        Thread self = Thread.currentThread();
        int mine = mine();
        boolean drained;
        synchronized (this) {
            if (swapper == self) {
                change.run();
                return;
            }
            boolean interrupted = false;
            while (swapper != null) {
                // Another thread's swap: it ends without waiting for anything this thread holds.
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            swapper = self;
            long deadline = System.nanoTime() + drainWaitNanos;
            while (inside > mine && !interrupted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            drained = inside <= mine;
            if (interrupted) {
                self.interrupt();
            }
        }
        if (!drained) {
            LOG.warn("{}: swapping while requests are still running after {} ms; they may fail", name,
                    TimeUnit.NANOSECONDS.toMillis(drainWaitNanos));
        }
        try {
            change.run();
        } finally {
            synchronized (this) {
                swapper = null;
                notifyAll();
            }
        }
    }

    private int mine() {
        Integer d = depth.get();
        return d == null ? 0 : d;
    }
}
