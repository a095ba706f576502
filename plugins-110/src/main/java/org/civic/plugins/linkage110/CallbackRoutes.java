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
import org.civic.core.api.PlatformClock;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.plugins.linkage110.AutoCallbacks.CallRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The automatic phone callback's Camel routes, added to the core's context (a {@link RoutesBuilder}
 * service) and removed with the plugin:
 * <ul>
 * <li>{@value #OUTBOX}: every {@code ivr.scanIntervalSeconds} (and whenever the adjustable clock moves)
 * records timed-out callbacks as UNREACHABLE and queues the undelivered call requests;</li>
 * <li>{@value #CALL}: POSTs one request to the IVR partner; a failure (no connection, non-2xx) is
 * redelivered with exponential back-off, then handed to the dead-letter route;</li>
 * <li>{@value #DEAD_LETTER}: records the dead letter on the appeal. The request stays pending in the
 * database and is queued again after {@code ivr.deadLetterRetrySeconds}, also after a restart, until the
 * partner accepts it or the callback times out: nothing is lost while the partner is down.</li>
 * </ul>
 */
@Component(service = {RoutesBuilder.class, ClockListener.class}, immediate = true,
        configurationPid = Linkage110Config.PID)
@Designate(ocd = Linkage110Config.class)
public class CallbackRoutes extends RouteBuilder implements ClockListener {

    static final String OUTBOX = "linkage110-ivr-outbox";
    static final String CALL = "linkage110-ivr-call";
    static final String DEAD_LETTER = "linkage110-ivr-dead-letter";
    private static final String QUEUE = "seda:linkage110-ivr-requests";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AutoCallbacks callbacks;
    private final Linkage110Config config;
    private final HttpClient http;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> retryAfterNanos = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;
    private volatile boolean active = true;

    @Activate
    public CallbackRoutes(@Reference WorkflowService work, @Reference PlatformClock clock, Linkage110Config config,
            Map<String, Object> properties) {
        this.config = config;
        this.callbacks = new AutoCallbacks(work, clock, Limits.from(properties));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.max(1, config.ivr_requestTimeoutSeconds())))
                .build();
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
        long scanMillis = Math.max(1, config.ivr_scanIntervalSeconds()) * 1000L;
        from("timer:" + OUTBOX + "?delay=" + scanMillis + "&period=" + scanMillis).routeId(OUTBOX)
                .process(e -> scanQuietly());
        from(QUEUE + "?concurrentConsumers=2").routeId(CALL)
                .errorHandler(deadLetterChannel("direct:" + DEAD_LETTER)
                        .maximumRedeliveries(Math.max(0, config.ivr_maximumRedeliveries()))
                        .redeliveryDelay(Math.max(1, config.ivr_redeliveryDelayMillis()))
                        .useExponentialBackOff().backOffMultiplier(2)
                        .maximumRedeliveryDelay(Math.max(1, config.ivr_maximumRedeliveryDelayMillis()))
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .useOriginalMessage())
                .process(this::send)
                .process(this::delivered);
        from("direct:" + DEAD_LETTER).routeId(DEAD_LETTER)
                .process(this::deadLettered);
    }

    @Override
    public void clockMoved(java.time.Instant now) {
        scanQuietly();
    }

    void scanQuietly() {
        if (!active) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Automatic callback scan failed; it runs again at the next interval", e);
        }
    }

    private synchronized void scan() {
        callbacks.recordTimeouts();
        CamelContext camel = getContext();
        if (camel == null || !camel.isStarted() || camel.getRoute(CALL) == null) {
            return;
        }
        if (config.ivr_url() == null || config.ivr_url().isBlank()) {
            return;
        }
        for (CallRequest r : callbacks.undelivered()) {
            Long after = retryAfterNanos.get(r.callbackId());
            if (after != null && System.nanoTime() - after < 0) {
                continue;
            }
            if (inFlight.add(r.callbackId())) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
                producer.sendBody(QUEUE, r);
            }
        }
    }

    private void send(Exchange exchange) throws IOException, InterruptedException {
        CallRequest r = exchange.getIn().getBody(CallRequest.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.ivr_url()))
                .timeout(Duration.ofSeconds(Math.max(1, config.ivr_requestTimeoutSeconds())))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(r.body()), StandardCharsets.UTF_8));
        if (config.ivr_username() != null && !config.ivr_username().isBlank()) {
            String pair = config.ivr_username() + ":" + config.ivr_password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("The IVR partner answered " + answer.statusCode() + " to callback " + r.callbackId());
        }
        LOG.info("Callback request {} of appeal {} accepted by the IVR partner", r.callbackId(), r.appealId());
    }

    private void delivered(Exchange exchange) {
        CallRequest r = exchange.getIn().getBody(CallRequest.class);
        callbacks.delivered(r);
        retryAfterNanos.remove(r.callbackId());
        inFlight.remove(r.callbackId());
    }

    private void deadLettered(Exchange exchange) {
        CallRequest r = exchange.getIn().getBody(CallRequest.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Callback request {} of appeal {} dead-lettered after {} redeliveries: {}", r.callbackId(), r.appealId(),
                config.ivr_maximumRedeliveries(), error);
        retryAfterNanos.put(r.callbackId(), System.nanoTime()
                + Duration.ofSeconds(Math.max(1, config.ivr_deadLetterRetrySeconds())).toNanos());
        inFlight.remove(r.callbackId());
        callbacks.deadLettered(r, error);
    }
}
