package org.civic.simulator.ivr;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulated IVR partner (a SIMULATOR, not the real callback system): takes a call request
 * {@code {callbackId, districtNo, appellantPhone, script}}, "calls" the appellant and, after a delay,
 * posts the configured outcome to {@code /api/v1/linkage110/callbacks/{callbackId}/result} with its own
 * partner account — exactly as the real partner would, over HTTP. Outcome NONE never answers (the
 * platform's timeout then applies). Outcomes can be set per phone number for demos.
 */
public final class IvrSimulator implements AutoCloseable {

    static final Set<String> OUTCOMES = Set.of("SATISFIED", "UNSATISFIED", "UNREACHABLE", "NONE");
    private static final Logger LOG = LoggerFactory.getLogger(IvrSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final String platformUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "civic-ivr-simulator");
        t.setDaemon(true);
        return t;
    });
    private final List<Map<String, Object>> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> phoneOutcomes = new ConcurrentHashMap<>();
    private volatile String outcome;
    private volatile long delayMillis;
    private volatile boolean available = true;

    public IvrSimulator(String outcome, long delayMillis, String platformUrl, String username, String password) {
        this.outcome = check(outcome);
        this.delayMillis = Math.max(0, delayMillis);
        this.platformUrl = platformUrl == null ? "" : platformUrl.trim();
        this.username = username;
        this.password = password;
    }

    static String check(String outcome) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OUTCOMES);
        }
        return outcome;
    }

    /** Changes the behaviour at runtime (the control endpoint). */
    public synchronized Map<String, Object> control(Map<String, Object> change) {
        if (change.containsKey("outcome")) {
            outcome = check(String.valueOf(change.get("outcome")));
        }
        if (change.containsKey("resultDelayMillis")) {
            delayMillis = Math.max(0, ((Number) change.get("resultDelayMillis")).longValue());
        }
        if (change.containsKey("available")) {
            available = Boolean.TRUE.equals(change.get("available"));
        }
        if (change.get("phoneOutcomes") instanceof Map<?, ?> m) {
            phoneOutcomes.clear();
            m.forEach((k, v) -> phoneOutcomes.put(String.valueOf(k), check(String.valueOf(v))));
        }
        return state();
    }

    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("simulator", true);
        s.put("outcome", outcome);
        s.put("resultDelayMillis", delayMillis);
        s.put("available", available);
        s.put("phoneOutcomes", Map.copyOf(phoneOutcomes));
        return s;
    }

    public boolean available() {
        return available;
    }

    public List<Map<String, Object>> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    /**
     * Takes a call request; returns the problem with it, or null when accepted. {@code requestBase} is the
     * server the request came to, used when no platform URL is configured.
     */
    public String accept(Map<String, Object> request, String requestBase) {
        for (String field : new String[] {"callbackId", "appellantPhone"}) {
            Object v = request.get(field);
            if (!(v instanceof String s) || s.isBlank()) {
                return field;
            }
        }
        String callbackId = (String) request.get("callbackId");
        String phone = (String) request.get("appellantPhone");
        String result = phoneOutcomes.getOrDefault(phone, outcome);
        Map<String, Object> call = new ConcurrentHashMap<>();
        call.put("callbackId", callbackId);
        call.put("appellantPhone", phone);
        call.put("districtNo", String.valueOf(request.get("districtNo")));
        call.put("script", String.valueOf(request.get("script")));
        call.put("receivedAt", OffsetDateTime.now(ZONE).toString());
        call.put("outcome", result);
        call.put("resultStatus", "NONE".equals(result) ? "NOT_SENT" : "PENDING");
        calls.add(call);
        LOG.info("IVR SIMULATOR: call request {} for {} accepted; outcome {}", callbackId, phone, result);
        if (!"NONE".equals(result)) {
            String base = platformUrl.isEmpty() ? requestBase : platformUrl;
            executor.schedule(() -> post(base, call, result, 1), delayMillis, TimeUnit.MILLISECONDS);
        }
        return null;
    }

    private void post(String base, Map<String, Object> call, String result, int attempt) {
        String callbackId = (String) call.get("callbackId");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", callbackId);
        body.put("result", result);
        body.put("callTime", OffsetDateTime.now(ZONE).toString());
        body.put("recordingRef", "SIM-" + callbackId.substring(Math.max(0, callbackId.length() - 12)));
        body.put("content", switch (result) {
            case "SATISFIED" -> "模拟：按键1（满意）";
            case "UNSATISFIED" -> "模拟：按键2（不满意）";
            default -> "模拟：无人接听";
        });
        try {
            String url = base.replaceAll("/+$", "") + "/api/v1/linkage110/callbacks/"
                    + URLEncoder.encode(callbackId, StandardCharsets.UTF_8) + "/result";
            String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header("Authorization", "Basic " + auth)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            call.put("resultStatus", answer.statusCode() + " " + answer.body());
            LOG.info("IVR SIMULATOR: result {} of {} posted: {} {}", result, callbackId, answer.statusCode(), answer.body());
            if (answer.statusCode() >= 500 && attempt < 3) {
                executor.schedule(() -> post(base, call, result, attempt + 1), 1, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            call.put("resultStatus", "FAILED " + e.getMessage());
            LOG.warn("IVR SIMULATOR: posting result of {} failed (attempt {}): {}", callbackId, attempt, e.toString());
            if (attempt < 3 && !executor.isShutdown()) {
                executor.schedule(() -> post(base, call, result, attempt + 1), 1, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
