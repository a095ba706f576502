package org.civic.core.internal.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.civic.core.api.EventJournal;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.HealthIndicator;
import org.civic.core.api.PlatformClock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's one CamelContext. Platform events go to {@link EventPublisher#ENDPOINT}; the core's own
 * route ({@value #JOURNAL_ROUTE}) logs each event and keeps the most recent ones for operators.
 * Plugins contribute routes by registering {@link RoutesBuilder} services; their routes are added to
 * this context and removed again when the plugin goes away.
 */
@Component(service = {EventPublisher.class, EventJournal.class, HealthIndicator.class}, immediate = true)
public class CamelEventBus implements EventPublisher, EventJournal, HealthIndicator {

    static final String JOURNAL_ROUTE = "civic-event-journal";
    private static final Logger LOG = LoggerFactory.getLogger(CamelEventBus.class);
    private static final int JOURNAL_SIZE = 500;

    private final OsgiDefaultCamelContext camel;
    private final ProducerTemplate producer;
    private final PlatformClock clock;
    private final ServiceRegistration<CamelContext> registration;
    private final Map<RoutesBuilder, List<String>> contributed = new ConcurrentHashMap<>();
    private final List<RoutesBuilder> early = new ArrayList<>();
    private final java.util.Deque<Map<String, Object>> journal = new java.util.ArrayDeque<>();
    private volatile boolean started;

    @Activate
    public CamelEventBus(BundleContext context, @Reference PlatformClock clock) throws Exception {
        this.clock = clock;
        camel = new OsgiDefaultCamelContext(context);
        camel.setName("civic");
        // Routes added before start() never run (docs/stack.md): start first, then add.
        camel.start();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ENDPOINT).routeId(JOURNAL_ROUTE)
                        .log("event ${header." + TOPIC_HEADER + "} ${body}")
                        .process(exchange -> remember(exchange.getIn().getHeader(TOPIC_HEADER, String.class),
                                exchange.getIn().getBody(Map.class)));
            }
        });
        producer = camel.createProducerTemplate();
        registration = context.registerService(CamelContext.class, camel, null);
        synchronized (early) {
            started = true;
            for (RoutesBuilder b : early) {
                addContribution(b);
            }
            early.clear();
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.unregister();
        producer.stop();
        camel.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoutes(RoutesBuilder builder) {
        synchronized (early) {
            if (!started) {
                early.add(builder);
                return;
            }
        }
        addContribution(builder);
    }

    void removeRoutes(RoutesBuilder builder) {
        List<String> ids = contributed.remove(builder);
        if (ids == null) {
            synchronized (early) {
                early.remove(builder);
            }
            return;
        }
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove route {}: {}", id, e.getMessage());
            }
        }
    }

    private void addContribution(RoutesBuilder builder) {
        Set<String> before = routeIds();
        try {
            camel.addRoutes(builder);
        } catch (Exception e) {
            LOG.error("A contributed route builder failed to add its routes", e);
            return;
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        contributed.put(builder, new ArrayList<>(added));
        LOG.info("Added contributed routes {}", added);
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    @Override
    public void publish(String topic, Map<String, Object> payload) {
        try {
            producer.sendBodyAndHeader(ENDPOINT, new LinkedHashMap<>(payload), TOPIC_HEADER, topic);
        } catch (RuntimeException e) {
            // The change is committed; a lost notification must not turn it into an error for the caller.
            LOG.error("Could not publish event {} {}", topic, payload, e);
        }
    }

    private void remember(String topic, Map<?, ?> body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("topic", topic);
        event.put("at", clock.nowInZone().toString());
        if (body != null) {
            body.forEach((k, v) -> event.put(String.valueOf(k), v));
        }
        synchronized (journal) {
            journal.addFirst(event);
            while (journal.size() > JOURNAL_SIZE) {
                journal.removeLast();
            }
        }
    }

    @Override
    public List<Map<String, Object>> recent(int max) {
        synchronized (journal) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> e : journal) {
                if (out.size() >= max) {
                    break;
                }
                out.add(e);
            }
            return out;
        }
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public boolean isUp() {
        return camel.isStarted() && camel.getRoute(JOURNAL_ROUTE) != null;
    }
}
