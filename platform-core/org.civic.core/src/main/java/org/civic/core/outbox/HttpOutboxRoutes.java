package org.civic.core.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.civic.core.api.spi.ClockListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Outbound HTTP delivery from a database outbox, the shape shared by every line that must tell a partner
 * something and may not lose it while the partner is down. A plugin subclasses it as its DS component (service
 * {@code RoutesBuilder} and {@code ClockListener}); the core's Camel context adds the three routes and removes
 * them with the plugin:
 * <ul>
 * <li>the <em>outbox</em> route: a timer every {@link Settings#scanIntervalSeconds()} (and {@link #clockMoved}
 * when the adjustable clock moves) asks {@link #due()} what is owed and queues each message once;</li>
 * <li>the <em>send</em> route: POSTs one as JSON ({@link #request}); anything but a 2xx answer, or no answer, is
 * redelivered with exponential back-off, then handed to the dead-letter route; a 2xx calls {@link #accepted};</li>
 * <li>the <em>dead-letter</em> route: calls {@link #deadLettered}; the message stays owed in the database, so it is
 * queued again after {@link Settings#deadLetterRetrySeconds()}, also after a restart, until the partner takes it.</li>
 * </ul>
 * The database is the outbox: this class only keeps, per component instance, which messages are in flight (so a
 * scan does not queue one twice) and when a dead-lettered one may go again. Nothing here is static, so an
 * uninstalled plugin leaves no state (nor classes) behind in the core.
 *
 * @param <M> the plugin's message, carried by value through the queue
 */
public abstract class HttpOutboxRoutes<M> extends RouteBuilder implements ClockListener {

    /**
     * The routes' names and the delivery settings, read from the plugin's configuration.
     *
     * @param name what the messages are, for log lines ("Clue notice")
     * @param outboxRoute id of the timer route that scans the outbox
     * @param sendRoute id of the route that POSTs one message
     * @param deadLetterRoute id of the dead-letter route (a {@code direct:} endpoint of the same name)
     * @param queue the seda endpoint between the scan and the send route, without options
     * @param concurrentConsumers how many messages are sent at once
     */
    public record Settings(String name, String outboxRoute, String sendRoute, String deadLetterRoute, String queue,
            int concurrentConsumers, long scanIntervalSeconds, int maximumRedeliveries, long redeliveryDelayMillis,
            long maximumRedeliveryDelayMillis, long deadLetterRetrySeconds, long requestTimeoutSeconds) {
    }

    /**
     * One POST: where, as whom (Basic, when {@code username} is not blank) and what (serialised as JSON).
     * {@code partner} and {@code subject} name the refusal: "{partner} answered 503 to {subject}".
     */
    public record Post(String url, String username, String password, Object body, String partner, String subject) {
    }

    private final Class<M> type;
    private final Settings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Set<Object> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Object, Long> retryAfterNanos = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;
    private volatile boolean active = true;

    protected HttpOutboxRoutes(Class<M> type, Settings settings) {
        this.type = type;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(timeout(settings.requestTimeoutSeconds())).build();
    }

    /** What is owed now, read from the database. */
    protected abstract Iterable<M> due();

    /** The message's identity: one in flight, one retry delay per key. */
    protected abstract Object key(M message);

    /** How the message is POSTed; an {@link IOException} (nothing configured) counts as a failed delivery. */
    protected abstract Post request(M message) throws IOException;

    /** The partner answered 2xx: record it (the message is no longer owed). */
    protected abstract void accepted(M message);

    /** Redeliveries are exhausted: log it (and record it, if the line keeps dead letters). */
    protected abstract void deadLettered(M message, Exception cause);

    /** Whether scanning makes sense at all (a partner is configured); checked before every scan. */
    protected boolean enabled() {
        return true;
    }

    /** Runs at the start of every scan, even before the routes are in a started context. */
    protected void beforeScan() {
    }

    /** The settings these routes were built with. */
    protected final Settings settings() {
        return settings;
    }

    /** Call from the plugin's {@code @Deactivate}: no more scans, and the producer is released. */
    public void stopSending() throws Exception {
        active = false;
        ProducerTemplate p = producer;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public void configure() {
        long scanMillis = Math.max(1, settings.scanIntervalSeconds()) * 1000L;
        from("timer:" + settings.outboxRoute() + "?delay=" + scanMillis + "&period=" + scanMillis)
                .routeId(settings.outboxRoute())
                .process(e -> scanQuietly());
        String consumer = settings.concurrentConsumers() > 1
                ? settings.queue() + "?concurrentConsumers=" + settings.concurrentConsumers() : settings.queue();
        from(consumer).routeId(settings.sendRoute())
                .errorHandler(deadLetterChannel("direct:" + settings.deadLetterRoute())
                        .maximumRedeliveries(Math.max(0, settings.maximumRedeliveries()))
                        .redeliveryDelay(Math.max(1, settings.redeliveryDelayMillis()))
                        .useExponentialBackOff().backOffMultiplier(2)
                        .maximumRedeliveryDelay(Math.max(1, settings.maximumRedeliveryDelayMillis()))
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .useOriginalMessage())
                .process(this::send)
                .process(this::delivered);
        from("direct:" + settings.deadLetterRoute()).routeId(settings.deadLetterRoute())
                .process(this::gaveUp);
    }

    @Override
    public void clockMoved(Instant now) {
        scanQuietly();
    }

    /** One scan of the outbox; a failure is logged and the next interval tries again. */
    public void scanQuietly() {
        if (!active || !enabled()) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("{} scan failed; it runs again at the next interval", settings.name(), e);
        }
    }

    private synchronized void scan() {
        beforeScan();
        CamelContext camel = getContext();
        if (camel == null || !camel.isStarted() || camel.getRoute(settings.sendRoute()) == null) {
            return;
        }
        for (M message : due()) {
            Object key = key(message);
            Long after = retryAfterNanos.get(key);
            if (after != null && System.nanoTime() - after < 0) {
                continue;
            }
            if (inFlight.add(key)) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                producer.sendBody(settings.queue(), message);
            }
        }
    }

    private void send(Exchange exchange) throws IOException, InterruptedException {
        post(http, json, settings.requestTimeoutSeconds(), request(exchange.getIn().getBody(type)));
    }

    private void delivered(Exchange exchange) {
        M message = exchange.getIn().getBody(type);
        accepted(message);
        Object key = key(message);
        retryAfterNanos.remove(key);
        inFlight.remove(key);
    }

    private void gaveUp(Exchange exchange) {
        M message = exchange.getIn().getBody(type);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object key = key(message);
        retryAfterNanos.put(key, System.nanoTime() + Duration.ofSeconds(Math.max(1, settings.deadLetterRetrySeconds())).toNanos());
        inFlight.remove(key);
        deadLettered(message, cause);
    }

    /** One POST of JSON, with Basic auth when a user name is given; anything but 2xx is an {@link IOException}. */
    public static void post(HttpClient http, ObjectMapper json, long timeoutSeconds, Post post)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(post.url()))
                .timeout(timeout(timeoutSeconds))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(post.body()), StandardCharsets.UTF_8));
        if (post.username() != null && !post.username().isBlank()) {
            String pair = post.username() + ":" + post.password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(post.partner() + " answered " + answer.statusCode() + " to " + post.subject());
        }
    }

    private static Duration timeout(long seconds) {
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
