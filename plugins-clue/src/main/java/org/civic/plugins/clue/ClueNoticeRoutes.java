package org.civic.plugins.clue;

import java.io.IOException;
import java.net.http.HttpClient;

import org.apache.camel.RoutesBuilder;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.outbox.HttpOutboxRoutes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The complainant notices' Camel routes (spec §10: outbound to the mini-program back end with redelivery and a
 * dead-letter store), on the core's outbox building block ({@link HttpOutboxRoutes}), added to the core's
 * context and removed with the plugin:
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
public class ClueNoticeRoutes extends HttpOutboxRoutes<ClueOutbox.Notice> {

    static final String OUTBOX = "clue-notice-outbox";
    static final String SEND = "clue-notice-send";
    static final String DEAD_LETTER = "clue-notice-dead-letter";
    private static final String QUEUE = "seda:clue-notices";
    private static final Logger LOG = LoggerFactory.getLogger(ClueNoticeRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClueOutbox outbox;
    private final ClueConfig config;

    @Activate
    public ClueNoticeRoutes(@Reference WorkflowService work, ClueConfig config) {
        super(ClueOutbox.Notice.class, new Settings("Clue notice", OUTBOX, SEND, DEAD_LETTER, QUEUE, 1,
                config.notify_scanIntervalSeconds(), config.notify_maximumRedeliveries(),
                config.notify_redeliveryDelayMillis(), config.notify_maximumRedeliveryDelayMillis(),
                config.notify_deadLetterRetrySeconds(), config.notify_requestTimeoutSeconds()));
        this.config = config;
        this.outbox = new ClueOutbox(work);
    }

    @Deactivate
    void deactivate() throws Exception {
        stopSending();
    }

    @Override
    protected boolean enabled() {
        return config.notify_url() != null && !config.notify_url().isBlank();
    }

    @Override
    protected Iterable<ClueOutbox.Notice> due() {
        return outbox.due();
    }

    @Override
    protected Object key(ClueOutbox.Notice n) {
        return n.clueId();
    }

    @Override
    protected Post request(ClueOutbox.Notice n) {
        return request(config, n);
    }

    /** One POST of a notice; anything but 2xx is a failure to redeliver. */
    static void deliver(HttpClient http, ClueConfig config, ClueOutbox.Notice n) throws IOException, InterruptedException {
        post(http, JSON, config.notify_requestTimeoutSeconds(), request(config, n));
    }

    private static Post request(ClueConfig config, ClueOutbox.Notice n) {
        return new Post(config.notify_url(), config.notify_username(), config.notify_password(), n.body(),
                "The mini-program back end", "notice " + n.seq() + " of clue " + n.clueId());
    }

    @Override
    protected void accepted(ClueOutbox.Notice n) {
        LOG.info("Notice {} of clue {} accepted by the mini-program back end", n.seq(), n.clueId());
        outbox.accepted(n);
    }

    @Override
    protected void deadLettered(ClueOutbox.Notice n, Exception cause) {
        LOG.warn("Notice {} of clue {} dead-lettered after {} redeliveries ({}); it is sent again in {} s", n.seq(),
                n.clueId(), config.notify_maximumRedeliveries(), cause == null ? "unknown" : cause.getMessage(),
                config.notify_deadLetterRetrySeconds());
    }
}
