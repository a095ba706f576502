package org.civic.plugins.linkage110;

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
import org.civic.core.api.org.RememberedLogins;
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
 * The WeChat push messages' and the SMS gateway's Camel routes (spec §10), added to the core's context and
 * removed with the plugin, on the pattern of the clue line's notices:
 * <ul>
 * <li>{@value #OUTBOX}: every {@code push.scanIntervalSeconds} (and whenever the adjustable clock moves) queues
 * the messages {@link PushOutbox} finds owed;</li>
 * <li>{@value #SEND}: POSTs one (JSON) to {@code push.url} or {@code sms.url}; a failure (no connection, non-2xx)
 * is redelivered with exponential back-off, then handed to the dead-letter route;</li>
 * <li>{@value #DEAD_LETTER}: logs it; the message stays owed in the database and is queued again after
 * {@code push.deadLetterRetrySeconds}, also after a restart, until the partner accepts it.</li>
 * </ul>
 * An empty {@code push.url} turns the push messages off, an empty {@code sms.url} (the default) the SMS.
 */
// The metatype of PID org.civic.linkage110 is designated once, by CallbackRoutes; this component reads the same one.
@Component(service = {RoutesBuilder.class, ClockListener.class}, immediate = true,
        configurationPid = Linkage110Config.PID)
public class PushRoutes extends RouteBuilder implements ClockListener {

    static final String OUTBOX = "linkage110-push-outbox";
    static final String SEND = "linkage110-push-send";
    static final String DEAD_LETTER = "linkage110-push-dead-letter";
    private static final String QUEUE = "seda:linkage110-push";
    private static final Logger LOG = LoggerFactory.getLogger(PushRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushOutbox outbox;
    private final Linkage110Config config;
    private final HttpClient http;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> retryAfterNanos = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;
    private volatile boolean active = true;

    @Activate
    public PushRoutes(@Reference WorkflowService work, @Reference RememberedLogins remembered, Linkage110Config config) {
        this.config = config;
        this.outbox = outbox(work, remembered, config);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.max(1, config.push_requestTimeoutSeconds()))).build();
    }

    static PushOutbox outbox(WorkflowService work, RememberedLogins remembered, Linkage110Config config) {
        return new PushOutbox(work, remembered, !blank(config.push_url()), !blank(config.sms_url()));
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
        long scanMillis = Math.max(1, config.push_scanIntervalSeconds()) * 1000L;
        from("timer:" + OUTBOX + "?delay=" + scanMillis + "&period=" + scanMillis).routeId(OUTBOX)
                .process(e -> scanQuietly());
        from(QUEUE).routeId(SEND)
                .errorHandler(deadLetterChannel("direct:" + DEAD_LETTER)
                        .maximumRedeliveries(Math.max(0, config.push_maximumRedeliveries()))
                        .redeliveryDelay(Math.max(1, config.push_redeliveryDelayMillis()))
                        .useExponentialBackOff().backOffMultiplier(2)
                        .maximumRedeliveryDelay(Math.max(1, config.push_maximumRedeliveryDelayMillis()))
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
        if (!active || (blank(config.push_url()) && blank(config.sms_url()))) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Push message scan failed; it runs again at the next interval", e);
        }
    }

    private synchronized void scan() {
        CamelContext camel = getContext();
        if (camel == null || !camel.isStarted() || camel.getRoute(SEND) == null) {
            return;
        }
        for (PushOutbox.Notice n : outbox.due()) {
            Long after = retryAfterNanos.get(n.key());
            if (after != null && System.nanoTime() - after < 0) {
                continue;
            }
            if (inFlight.add(n.key())) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                producer.sendBody(QUEUE, n);
            }
        }
    }

    private void send(Exchange exchange) throws IOException, InterruptedException {
        PushOutbox.Notice n = exchange.getIn().getBody(PushOutbox.Notice.class);
        deliver(http, config, n);
        LOG.info("{} message {} of appeal {} for unit {} accepted", n.kind(), n.seq(), n.appealId(), n.unitId());
    }

    /** One POST of a message to its partner; anything but 2xx is a failure to redeliver. */
    static void deliver(HttpClient http, Linkage110Config config, PushOutbox.Notice n)
            throws IOException, InterruptedException {
        boolean sms = PushOutbox.SMS.equals(n.kind());
        String url = sms ? config.sms_url() : config.push_url();
        String user = sms ? config.sms_username() : config.push_username();
        String password = sms ? config.sms_password() : config.push_password();
        if (blank(url)) {
            throw new IOException("No " + (sms ? "sms.url" : "push.url") + " is configured");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(Math.max(1, config.push_requestTimeoutSeconds())))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(n.body()), StandardCharsets.UTF_8));
        if (!blank(user)) {
            String pair = user + ":" + password;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException((sms ? "The SMS gateway" : "The WeChat backend") + " answered " + answer.statusCode()
                    + " to message " + n.seq() + " of appeal " + n.appealId() + " for unit " + n.unitId());
        }
    }

    private void accepted(Exchange exchange) {
        PushOutbox.Notice n = exchange.getIn().getBody(PushOutbox.Notice.class);
        outbox.accepted(n);
        retryAfterNanos.remove(n.key());
        inFlight.remove(n.key());
    }

    private void deadLettered(Exchange exchange) {
        PushOutbox.Notice n = exchange.getIn().getBody(PushOutbox.Notice.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("{} message {} of appeal {} for unit {} dead-lettered after {} redeliveries ({}); it is sent again in {} s",
                n.kind(), n.seq(), n.appealId(), n.unitId(), config.push_maximumRedeliveries(),
                cause == null ? "unknown" : cause.getMessage(), config.push_deadLetterRetrySeconds());
        retryAfterNanos.put(n.key(), System.nanoTime()
                + Duration.ofSeconds(Math.max(1, config.push_deadLetterRetrySeconds())).toNanos());
        inFlight.remove(n.key());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
