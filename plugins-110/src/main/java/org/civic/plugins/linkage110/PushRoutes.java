package org.civic.plugins.linkage110;

import java.io.IOException;
import java.net.http.HttpClient;

import org.apache.camel.RoutesBuilder;
import org.civic.core.api.org.RememberedLogins;
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
 * The WeChat push messages' and the SMS gateway's Camel routes (spec §10), on the core's outbox building block
 * ({@link HttpOutboxRoutes}), as the clue line's notices:
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
public class PushRoutes extends HttpOutboxRoutes<PushOutbox.Notice> {

    static final String OUTBOX = "linkage110-push-outbox";
    static final String SEND = "linkage110-push-send";
    static final String DEAD_LETTER = "linkage110-push-dead-letter";
    private static final String QUEUE = "seda:linkage110-push";
    private static final Logger LOG = LoggerFactory.getLogger(PushRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushOutbox outbox;
    private final Linkage110Config config;

    @Activate
    public PushRoutes(@Reference WorkflowService work, @Reference RememberedLogins remembered, Linkage110Config config) {
        super(PushOutbox.Notice.class, new Settings("Push message", OUTBOX, SEND, DEAD_LETTER, QUEUE, 1,
                config.push_scanIntervalSeconds(), config.push_maximumRedeliveries(), config.push_redeliveryDelayMillis(),
                config.push_maximumRedeliveryDelayMillis(), config.push_deadLetterRetrySeconds(),
                config.push_requestTimeoutSeconds()));
        this.config = config;
        this.outbox = outbox(work, remembered, config);
    }

    static PushOutbox outbox(WorkflowService work, RememberedLogins remembered, Linkage110Config config) {
        return new PushOutbox(work, remembered, !blank(config.push_url()), !blank(config.sms_url()));
    }

    @Deactivate
    void deactivate() throws Exception {
        stopSending();
    }

    @Override
    protected boolean enabled() {
        return !blank(config.push_url()) || !blank(config.sms_url());
    }

    @Override
    protected Iterable<PushOutbox.Notice> due() {
        return outbox.due();
    }

    @Override
    protected Object key(PushOutbox.Notice n) {
        return n.key();
    }

    @Override
    protected Post request(PushOutbox.Notice n) throws IOException {
        return request(config, n);
    }

    /** One POST of a message to its partner; anything but 2xx is a failure to redeliver. */
    static void deliver(HttpClient http, Linkage110Config config, PushOutbox.Notice n)
            throws IOException, InterruptedException {
        post(http, JSON, config.push_requestTimeoutSeconds(), request(config, n));
    }

    private static Post request(Linkage110Config config, PushOutbox.Notice n) throws IOException {
        boolean sms = PushOutbox.SMS.equals(n.kind());
        String url = sms ? config.sms_url() : config.push_url();
        if (blank(url)) {
            throw new IOException("No " + (sms ? "sms.url" : "push.url") + " is configured");
        }
        return new Post(url, sms ? config.sms_username() : config.push_username(),
                sms ? config.sms_password() : config.push_password(), n.body(),
                sms ? "The SMS gateway" : "The WeChat backend",
                "message " + n.seq() + " of appeal " + n.appealId() + " for unit " + n.unitId());
    }

    @Override
    protected void accepted(PushOutbox.Notice n) {
        LOG.info("{} message {} of appeal {} for unit {} accepted", n.kind(), n.seq(), n.appealId(), n.unitId());
        outbox.accepted(n);
    }

    @Override
    protected void deadLettered(PushOutbox.Notice n, Exception cause) {
        LOG.warn("{} message {} of appeal {} for unit {} dead-lettered after {} redeliveries ({}); it is sent again in {} s",
                n.kind(), n.seq(), n.appealId(), n.unitId(), config.push_maximumRedeliveries(),
                cause == null ? "unknown" : cause.getMessage(), config.push_deadLetterRetrySeconds());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
