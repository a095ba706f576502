package org.civic.plugins.clue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.workflow.WorkflowService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The complainant notices' Camel routes (spec §10: outbound to the mini-program back end with redelivery and a
 * dead-letter store), added to the core's context and removed with the plugin:
 * <ul>
 * <li>{@value #OUTBOX}: every {@code notify.scanIntervalSeconds} (and whenever the adjustable clock moves)
 * queues the notices {@link ClueOutbox} finds owed;</li>
 * <li>{@value #SEND}: POSTs one notice (JSON, the clue's complainant view with its {@code seq}); a failure is
 * redelivered with exponential back-off, then handed to the dead-letter route;</li>
 * <li>{@value #DEAD_LETTER}: logs it; the notice stays owed in the database and is queued again after
 * {@code notify.deadLetterRetrySeconds}, also after a restart, until the partner accepts it.</li>
 * </ul>
 */
// The metatype of PID org.civic.clue is designated once, by ClueLine; this component reads the same configuration.
@Component(service = {RoutesBuilder.class, ClockListener.class}, immediate = true, configurationPid = ClueConfig.PID)
public class ClueNoticeRoutes extends RouteBuilder implements ClockListener {

    static final String OUTBOX = "clue-notice-outbox";
    static final String SEND = "clue-notice-send";
    static final String DEAD_LETTER = "clue-notice-dead-letter";
    private static final String QUEUE = "seda:clue-notices";
    private static final Logger LOG = LoggerFactory.getLogger(ClueNoticeRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClueOutbox outbox;
    private final ClueConfig config;
    private final HttpClient http;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> retryAfterNanos = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;
    private volatile boolean active = true;

    @Activate
    public ClueNoticeRoutes(@Reference WorkflowService work, ClueConfig config) {
        this.config = config;
        this.outbox = new ClueOutbox(work);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.max(1, config.notify_requestTimeoutSeconds()))).build();
    }

    @Deactivate
    void deactivate() throws Exception {
        active = false;
        if (producer != null) {
            producer.stop();
        }
    }

    @Override
    public void configure() {
        long scanMillis = Math.max(1, config.notify_scanIntervalSeconds()) * 1000L;
        from("timer:" + OUTBOX + "?delay=" + scanMillis + "&period=" + scanMillis).routeId(OUTBOX)
                .process(e -> scanQuietly());
        from(QUEUE).routeId(SEND)
                .errorHandler(deadLetterChannel("direct:" + DEAD_LETTER)
                        .maximumRedeliveries(Math.max(0, config.notify_maximumRedeliveries()))
                        .redeliveryDelay(Math.max(1, config.notify_redeliveryDelayMillis()))
                        .useExponentialBackOff().backOffMultiplier(2)
                        .maximumRedeliveryDelay(Math.max(1, config.notify_maximumRedeliveryDelayMillis()))
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .useOriginalMessage())
                .process(this::send)
                .process(this::accepted);
        from("direct:" + DEAD_LETTER).routeId(DEAD_LETTER).process(this::deadLettered);
    }

    @Override
    public void clockMoved(java.time.Instant now) {
        scanQuietly();
    }

    void scanQuietly() {
        if (!active || config.notify_url() == null || config.notify_url().isBlank()) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Clue notice scan failed; it runs again at the next interval", e);
        }
    }

    private synchronized void scan() {
        CamelContext camel = getContext();
        if (camel == null || !camel.isStarted() || camel.getRoute(SEND) == null) {
            return;
        }
        for (ClueOutbox.Notice n : outbox.due()) {
            Long after = retryAfterNanos.get(n.clueId());
            if (after != null && System.nanoTime() - after < 0) {
                continue;
            }
            if (inFlight.add(n.clueId())) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                producer.sendBody(QUEUE, n);
            }
        }
    }

    private void send(Exchange exchange) throws IOException, InterruptedException {
        ClueOutbox.Notice n = exchange.getIn().getBody(ClueOutbox.Notice.class);
        deliver(http, config, n);
        LOG.info("Notice {} of clue {} accepted by the mini-program back end", n.seq(), n.clueId());
    }

    /** One POST of a notice; anything but 2xx is a failure to redeliver. */
    static void deliver(HttpClient http, ClueConfig config, ClueOutbox.Notice n) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.notify_url()))
                .timeout(Duration.ofSeconds(Math.max(1, config.notify_requestTimeoutSeconds())))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(n.body()), StandardCharsets.UTF_8));
        if (config.notify_username() != null && !config.notify_username().isBlank()) {
            String pair = config.notify_username() + ":" + config.notify_password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("The mini-program back end answered " + answer.statusCode() + " to notice " + n.seq()
                    + " of clue " + n.clueId());
        }
    }

    private void accepted(Exchange exchange) {
        ClueOutbox.Notice n = exchange.getIn().getBody(ClueOutbox.Notice.class);
        outbox.accepted(n);
        retryAfterNanos.remove(n.clueId());
        inFlight.remove(n.clueId());
    }

    private void deadLettered(Exchange exchange) {
        ClueOutbox.Notice n = exchange.getIn().getBody(ClueOutbox.Notice.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Notice {} of clue {} dead-lettered after {} redeliveries ({}); it is sent again in {} s", n.seq(),
                n.clueId(), config.notify_maximumRedeliveries(), cause == null ? "unknown" : cause.getMessage(),
                config.notify_deadLetterRetrySeconds());
        retryAfterNanos.put(n.clueId(), System.nanoTime()
                + Duration.ofSeconds(Math.max(1, config.notify_deadLetterRetrySeconds())).toNanos());
        inFlight.remove(n.clueId());
    }
}
