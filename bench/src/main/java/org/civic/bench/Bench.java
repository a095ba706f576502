package org.civic.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.HdrHistogram.Histogram;

/**
 * The Civic Platform benchmark client.
 *
 * <p>Phase "kernel": N virtual users each loop over the sample line's life cycle, create &rarr; dispatch &rarr;
 * sign &rarr; feedback &rarr; approve, with bearer tokens of the demo users {@code sp_dispatcher} and
 * {@code sp_housing}. Phase "bare": the same N users post to {@code /api/v1/bench/echo} (same CXF bus, same
 * authentication, no database). Each phase runs a warm-up (not measured) and then a measured window;
 * a request counts in the window it completes in. Prints requests/s, p50/p90/p99/max latency, errors and
 * the ratio kernel/bare; exits 1 when errors exceed 1 % of a phase's requests, 2 on a setup failure.
 *
 * <pre>java -jar civic-bench.jar [--url http://localhost:8181] [--clients 8] [--seconds 60] [--warmup 10]
 *     [--phases kernel,bare] [--out result.properties]</pre>
 *
 * Environment defaults: BENCH_URL, BENCH_CLIENTS, BENCH_SECONDS, BENCH_WARMUP.
 */
public final class Bench {

    static final String[] STEPS = {"create", "dispatch", "sign", "feedback", "approve"};
    static final String ECHO = "echo";
    static final long MAX_LATENCY_MICROS = 120_000_000L;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String dispatcherAuth;
    private String handlerAuth;
    private long handlingUnitId;

    private Bench(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String url = o.getOrDefault("url", env("BENCH_URL", "http://localhost:8181"));
        int clients = Integer.parseInt(o.getOrDefault("clients", env("BENCH_CLIENTS", "8")));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", env("BENCH_SECONDS", "60")));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", env("BENCH_WARMUP", "10")));
        List<String> phases = List.of(o.getOrDefault("phases", "kernel,bare").split(","));
        String out = o.get("out");

        Bench bench = new Bench(url);
        try {
            bench.setUp();
            bench.preflight();
        } catch (Exception e) {
            System.err.println("bench: setup failed: " + e.getMessage());
            System.exit(2);
        }

        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Civic Platform benchmark  %s%n", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.printf(Locale.ROOT, "  target %s, %d clients, %d s warm-up + %d s measured per phase, client JVM sees %d CPUs%n",
                bench.base, clients, warmup, seconds, rt.availableProcessors());
        System.out.println();

        Result kernel = null;
        Result bare = null;
        if (phases.contains("kernel")) {
            kernel = bench.run("kernel", "create → dispatch → sign → feedback → approve", clients, warmup, seconds,
                    bench::kernelUser);
            kernel.print();
        }
        if (phases.contains("bare")) {
            bare = bench.run("bare", "POST /api/v1/bench/echo", clients, warmup, seconds, bench::bareUser);
            bare.print();
        }

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        summary.put("url", bench.base);
        summary.put("clients", String.valueOf(clients));
        summary.put("seconds", String.valueOf(seconds));
        summary.put("warmup", String.valueOf(warmup));
        boolean failed = false;
        for (Result r : new Result[] {kernel, bare}) {
            if (r != null) {
                r.summarise(summary);
                failed |= r.errorRate() > 0.01;
            }
        }
        if (kernel != null && bare != null) {
            double ratio = bare.rate() == 0 ? 0 : kernel.rate() / bare.rate();
            summary.put("ratio", fmt(ratio, 3));
            System.out.printf(Locale.ROOT, "ratio kernel/bare   %.3f   (%.1f req/s / %.1f req/s)%n", ratio, kernel.rate(),
                    bare.rate());
            System.out.printf(Locale.ROOT, "project target      >= 300 req/s: %s;  >= 0.5 of bare: %s%n",
                    kernel.rate() >= 300 ? "met" : "MISSED", ratio >= 0.5 ? "met" : "MISSED");
        }
        summary.put("result", failed ? "FAILED (errors above 1 %)" : "ok");
        System.out.println(failed ? "RESULT: FAILED, errors above 1 % of requests" : "RESULT: ok (errors within 1 %)");
        if (out != null) {
            StringBuilder b = new StringBuilder();
            summary.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            Files.writeString(Path.of(out), b.toString());
        }
        System.exit(failed ? 1 : 0);
    }

    // ------------------------------------------------------------------------------------------ setup

    private void setUp() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> units = http.send(HttpRequest.newBuilder(uri("/api/v1/admin/units?regionCode=620102&limit=200"))
                .header("Authorization", admin).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        check(units, 200, "GET /admin/units");
        for (JsonNode u : json.readTree(units.body()).path("items")) {
            if ("城关区住建局".equals(u.path("name").asText())) {
                handlingUnitId = u.path("id").asLong();
            }
        }
        if (handlingUnitId == 0) {
            throw new IllegalStateException("no unit 城关区住建局 in region 620102: is the sample plugin installed?");
        }
        dispatcherAuth = "Bearer " + login("sp_dispatcher", "Sample2026");
        handlerAuth = "Bearer " + login("sp_housing", "Sample2026");
        HttpResponse<String> lines = http.send(HttpRequest.newBuilder(uri("/api/v1/lines"))
                .header("Authorization", dispatcherAuth).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(lines, 200, "GET /lines");
        boolean sample = false;
        for (JsonNode l : json.readTree(lines.body())) {
            sample |= "sample".equals(l.path("line").asText()) || "sample".equals(l.path("id").asText());
        }
        if (!sample) {
            throw new IllegalStateException("the sample line is not installed: " + lines.body());
        }
    }

    private String login(String name, String password) throws Exception {
        String body = json.writeValueAsString(Map.of("loginName", name, "password", password));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r, 200, "login " + name);
        return json.readTree(r.body()).path("token").asText();
    }

    /** One full life cycle, checking the states the platform answers, before any load. */
    private void preflight() throws Exception {
        HttpResponse<String> c = post("/api/v1/sample/items", dispatcherAuth, createBody(0, 0));
        check(c, 201, "create");
        JsonNode item = json.readTree(c.body());
        long id = item.path("id").asLong();
        expectState(item, "DRAFT", "create");
        if (parseId(c.body().getBytes(StandardCharsets.UTF_8)) != id) {
            throw new IllegalStateException("the fast id parser does not read this create answer: " + c.body());
        }
        String[][] steps = {{"dispatch", "DISPATCHED"}, {"sign", "DISPATCHED"}, {"feedback", "AWAITING_REVIEW"},
            {"approve", "CLOSED"}};
        for (String[] s : steps) {
            HttpResponse<String> r = post("/api/v1/items/" + id + "/actions/" + s[0], authFor(s[0]), actionBody(s[0]));
            check(r, 200, s[0]);
            expectState(json.readTree(r.body()), s[1], s[0]);
        }
    }

    private void expectState(JsonNode item, String state, String step) {
        if (!state.equals(item.path("state").asText())) {
            throw new IllegalStateException("after " + step + " the item is in " + item.path("state").asText()
                    + ", expected " + state);
        }
    }

    private HttpResponse<String> post(String path, String auth, String body) throws IOException, InterruptedException {
        return http.send(request(path, auth, body), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    // ------------------------------------------------------------------------------------------ workload

    private String authFor(String step) {
        return step.equals("sign") || step.equals("feedback") ? handlerAuth : dispatcherAuth;
    }

    private static String createBody(int user, long n) {
        return "{\"title\":\"Bench item " + user + "-" + n + "\",\"phone\":\"13912345678\",\"category\":\"TRAFFIC\"}";
    }

    private String actionBody(String step) {
        return switch (step) {
            case "dispatch" -> "{\"handlingUnitIds\":[" + handlingUnitId + "]}";
            case "feedback" -> "{\"content\":\"已处理\"}";
            default -> "{}";
        };
    }

    private HttpRequest request(String path, String auth, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    /** One virtual user of the kernel phase: whole life cycles until told to stop. */
    private void kernelUser(int user, Recorder rec) {
        long n = 0;
        while (rec.running()) {
            n++;
            byte[] created = rec.call("create", request("/api/v1/sample/items", dispatcherAuth, createBody(user, n)));
            if (created == null) {
                continue;
            }
            long id = parseId(created);
            if (id <= 0) {
                rec.error("create", "no id in answer: " + new String(created, 0, Math.min(200, created.length),
                        StandardCharsets.UTF_8));
                continue;
            }
            for (int i = 1; i < STEPS.length && rec.running(); i++) {
                String step = STEPS[i];
                if (rec.call(step, request("/api/v1/items/" + id + "/actions/" + step, authFor(step), actionBody(step)))
                        == null) {
                    break; // the cycle is broken: start a new item
                }
            }
        }
    }

    /** One virtual user of the bare phase. */
    private void bareUser(int user, Recorder rec) {
        long n = 0;
        while (rec.running()) {
            n++;
            rec.call(ECHO, request("/api/v1/bench/echo", dispatcherAuth, createBody(user, n)));
        }
    }

    /** The item id from {@code {"id":123,...}} (the item view's first field) without parsing the whole view. */
    static long parseId(byte[] body) {
        int limit = Math.min(body.length, 64);
        String head = new String(body, 0, limit, StandardCharsets.ISO_8859_1);
        int i = head.indexOf("\"id\":");
        if (i < 0) {
            return -1;
        }
        i += 5;
        while (i < limit && head.charAt(i) == ' ') {
            i++;
        }
        long v = 0;
        int start = i;
        while (i < limit && Character.isDigit(head.charAt(i))) {
            v = v * 10 + (head.charAt(i++) - '0');
        }
        return i == start ? -1 : v;
    }

    // ------------------------------------------------------------------------------------------ phases

    interface User {
        void run(int user, Recorder rec);
    }

    private Result run(String name, String what, int clients, int warmup, int seconds, User user) throws Exception {
        System.out.printf(Locale.ROOT, "[%s] %d s warm-up, then %d s measured ...%n", name, warmup, seconds);
        long start = System.nanoTime();
        long measureStart = start + warmup * 1_000_000_000L;
        long measureEnd = measureStart + seconds * 1_000_000_000L;
        List<Recorder> recorders = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Recorder rec = new Recorder(http, measureStart, measureEnd);
            recorders.add(rec);
            int u = i;
            Thread t = new Thread(() -> {
                try {
                    user.run(u, rec);
                } finally {
                    done.countDown();
                }
            }, name + "-user-" + i);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        Result r = new Result(name, what, seconds);
        for (Recorder rec : recorders) {
            r.add(rec);
        }
        return r;
    }

    /** Per virtual user: sends requests, records latencies that complete in the measured window. */
    static final class Recorder {
        private final HttpClient http;
        private final long measureStart;
        private final long measureEnd;
        final Map<String, Histogram> histograms = new LinkedHashMap<>();
        final Map<String, long[]> errors = new LinkedHashMap<>();
        long warmupRequests;
        long warmupErrors;
        final List<String> samples = new ArrayList<>();

        Recorder(HttpClient http, long measureStart, long measureEnd) {
            this.http = http;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
        }

        boolean running() {
            return System.nanoTime() < measureEnd;
        }

        /** Sends; answers the body on 2xx, null (and counts an error) otherwise. */
        byte[] call(String op, HttpRequest request) {
            long t0 = System.nanoTime();
            int status;
            byte[] body;
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = r.statusCode();
                body = r.body();
            } catch (IOException e) {
                status = -1;
                body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long t1 = System.nanoTime();
            boolean ok = status >= 200 && status < 300;
            if (t1 < measureStart) {
                warmupRequests++;
                if (!ok) {
                    warmupErrors++;
                    sample(op, status, body);
                }
            } else if (t1 < measureEnd) {
                if (ok) {
                    histograms.computeIfAbsent(op, k -> new Histogram(MAX_LATENCY_MICROS, 3))
                            .recordValue(Math.min(MAX_LATENCY_MICROS, (t1 - t0) / 1000));
                } else {
                    errors.computeIfAbsent(op, k -> new long[1])[0]++;
                    sample(op, status, body);
                }
            }
            return ok ? body : null;
        }

        void error(String op, String message) {
            long now = System.nanoTime();
            if (now >= measureStart && now < measureEnd) {
                errors.computeIfAbsent(op, k -> new long[1])[0]++;
            }
            if (samples.size() < 3) {
                samples.add(op + ": " + message);
            }
        }

        private void sample(String op, int status, byte[] body) {
            if (samples.size() < 3) {
                samples.add(op + " -> " + status + " " + new String(body, 0, Math.min(300, body.length),
                        StandardCharsets.UTF_8));
            }
        }
    }

    static final class Result {
        final String name;
        final String what;
        final int seconds;
        final Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
        final Map<String, Histogram> perOp = new LinkedHashMap<>();
        final Map<String, Long> errors = new LinkedHashMap<>();
        long warmupRequests;
        long warmupErrors;
        final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();

        Result(String name, String what, int seconds) {
            this.name = name;
            this.what = what;
            this.seconds = seconds;
        }

        void add(Recorder r) {
            if (perOp.isEmpty()) {
                for (String op : STEPS) {
                    if (r.histograms.containsKey(op)) {
                        perOp.put(op, new Histogram(MAX_LATENCY_MICROS, 3));
                    }
                }
            }
            r.histograms.forEach((op, h) -> {
                all.add(h);
                perOp.computeIfAbsent(op, k -> new Histogram(MAX_LATENCY_MICROS, 3)).add(h);
            });
            r.errors.forEach((op, n) -> errors.merge(op, n[0], Long::sum));
            warmupRequests += r.warmupRequests;
            warmupErrors += r.warmupErrors;
            for (String s : r.samples) {
                if (samples.size() < 5) {
                    samples.add(s);
                }
            }
        }

        long ok() {
            return all.getTotalCount();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double errorRate() {
            long total = ok() + errorCount();
            return total == 0 ? 1.0 : (double) errorCount() / total;
        }

        double rate() {
            return (double) ok() / seconds;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%s: %s%n", name, what);
            System.out.printf(Locale.ROOT, "  requests/s   %.1f   (%d ok, %d errors = %.2f %% in %d s; warm-up: %d requests, %d errors)%n",
                    rate(), ok(), errorCount(), 100 * errorRate(), seconds, warmupRequests, warmupErrors);
            System.out.printf(Locale.ROOT, "  latency ms   p50 %s   p90 %s   p99 %s   max %s%n", ms(all, 50), ms(all, 90),
                    ms(all, 99), ms(all.getMaxValue()));
            if (perOp.size() > 1) {
                AtomicInteger w = new AtomicInteger();
                perOp.keySet().forEach(k -> w.set(Math.max(w.get(), k.length())));
                perOp.forEach((op, h) -> System.out.printf(Locale.ROOT, "    %-" + w.get() + "s  %7d ok  %5d err   p50 %7s   p99 %7s ms%n",
                        op, h.getTotalCount(), errors.getOrDefault(op, 0L), ms(h, 50), ms(h, 99)));
                System.out.printf(Locale.ROOT, "    full cycles/s  %.1f%n", (double) perOp.getOrDefault("approve",
                        new Histogram(1000, 1)).getTotalCount() / seconds);
            }
            for (String s : samples) {
                System.out.println("  error sample: " + s);
            }
            System.out.println();
        }

        void summarise(Map<String, String> out) {
            out.put(name + ".rate", fmt(rate(), 1));
            out.put(name + ".ok", String.valueOf(ok()));
            out.put(name + ".errors", String.valueOf(errorCount()));
            out.put(name + ".p50ms", ms(all, 50));
            out.put(name + ".p90ms", ms(all, 90));
            out.put(name + ".p99ms", ms(all, 99));
            out.put(name + ".maxms", ms(all.getMaxValue()));
            perOp.forEach((op, h) -> {
                if (perOp.size() > 1) {
                    out.put(name + "." + op + ".p50ms", ms(h, 50));
                    out.put(name + "." + op + ".p99ms", ms(h, 99));
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : ms(h.getValueAtPercentile(percentile));
    }

    private static String ms(long micros) {
        return fmt(micros / 1000.0, 1);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("java -jar civic-bench.jar [--url http://localhost:8181] [--clients 8] [--seconds 60]"
                        + " [--warmup 10] [--phases kernel,bare] [--out result.properties]");
                System.exit(0);
            }
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad argument " + a + " (try --help)");
            }
            o.put(a.substring(2), args[++i]);
        }
        return o;
    }
}
