package org.civic.plugins.linkage110;

import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.outbox.HttpOutboxRoutes;
import org.civic.plugins.linkage110.AutoCallbacks.CallRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic phone callback's Camel routes, on the core's outbox building block ({@link HttpOutboxRoutes}),
 * added to the core's context (a {@link RoutesBuilder} service) and removed with the plugin:
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
public class CallbackRoutes extends HttpOutboxRoutes<CallRequest> {

    static final String OUTBOX = "linkage110-ivr-outbox";
    static final String CALL = "linkage110-ivr-call";
    static final String DEAD_LETTER = "linkage110-ivr-dead-letter";
    private static final String QUEUE = "seda:linkage110-ivr-requests";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackRoutes.class);

    private final AutoCallbacks callbacks;
    private final Linkage110Config config;

    @Activate
    public CallbackRoutes(@Reference WorkflowService work, @Reference PlatformClock clock, Linkage110Config config,
            Map<String, Object> properties) {
        super(CallRequest.class, new Settings("Automatic callback", OUTBOX, CALL, DEAD_LETTER, QUEUE, 2,
                config.ivr_scanIntervalSeconds(), config.ivr_maximumRedeliveries(), config.ivr_redeliveryDelayMillis(),
                config.ivr_maximumRedeliveryDelayMillis(), config.ivr_deadLetterRetrySeconds(),
                config.ivr_requestTimeoutSeconds()));
        this.config = config;
        this.callbacks = new AutoCallbacks(work, clock, Limits.from(properties));
    }

    @Deactivate
    void deactivate() throws Exception {
        stopSending();
    }

    /** Timeouts are recorded whether or not the IVR partner is configured or the routes are running yet. */
    @Override
    protected void beforeScan() {
        callbacks.recordTimeouts();
    }

    @Override
    protected Iterable<CallRequest> due() {
        if (config.ivr_url() == null || config.ivr_url().isBlank()) {
            return List.of();
        }
        return callbacks.undelivered();
    }

    @Override
    protected Object key(CallRequest r) {
        return r.callbackId();
    }

    @Override
    protected Post request(CallRequest r) {
        return new Post(config.ivr_url(), config.ivr_username(), config.ivr_password(), r.body(), "The IVR partner",
                "callback " + r.callbackId());
    }

    @Override
    protected void accepted(CallRequest r) {
        LOG.info("Callback request {} of appeal {} accepted by the IVR partner", r.callbackId(), r.appealId());
        callbacks.delivered(r);
    }

    @Override
    protected void deadLettered(CallRequest r, Exception cause) {
        String error = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warn("Callback request {} of appeal {} dead-lettered after {} redeliveries: {}", r.callbackId(), r.appealId(),
                config.ivr_maximumRedeliveries(), error);
        callbacks.deadLettered(r, error);
    }
}
