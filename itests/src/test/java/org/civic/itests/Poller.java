package org.civic.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client threads that GET one path again and again, as partners and console users do while an operator
 * installs or removes a plugin, and keep every answer that is not 2xx. A plugin coming or going must be
 * invisible to calls of resources that exist before and after it.
 */
final class Poller {

    private final Http http;
    private final String path;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private Poller(Http http, String path) {
        this.http = http;
        this.path = path;
    }

    static Poller start(Http http, String path, int threadCount) {
        Poller poller = new Poller(http, path);
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(poller::poll, "poller-" + i + " " + path);
            t.setDaemon(true);
            poller.threads.add(t);
            t.start();
        }
        return poller;
    }

    private void poll() {
        while (running) {
            Http.Reply reply = http.get(path);
            requests.incrementAndGet();
            if (reply.status() < 200 || reply.status() > 299) {
                String body = reply.body().length() > 200 ? reply.body().substring(0, 200) + "..." : reply.body();
                failures.add(System.currentTimeMillis() + " HTTP " + reply.status() + " " + body);
            }
        }
    }

    int requests() {
        return requests.get();
    }

    /** Stops the threads and answers what was not 2xx, oldest first. */
    List<String> stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(60_000);
        }
        return new ArrayList<>(failures);
    }
}
