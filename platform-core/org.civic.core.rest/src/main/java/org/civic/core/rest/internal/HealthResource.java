package org.civic.core.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.civic.core.api.HealthIndicator;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code GET /api/v1/health}, without credentials: 200 UP once every part the platform needs
 * (the finished Karaf boot, database, events, demo data, REST, SOAP) is ready, 503 before. It also names
 * the business lines registered now ({@code lines}), so that a launcher can wait for the ones it booted.
 */
@Component(service = RestResource.class)
@Path("health")
public class HealthResource implements RestResource {

    static final List<String> REQUIRED = List.of("boot", "database", "events", "demo-data", "soap");

    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WorkflowService work;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addIndicator(HealthIndicator indicator) {
        indicators.add(indicator);
    }

    void removeIndicator(HealthIndicator indicator) {
        indicators.remove(indicator);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Map<String, String> parts = new LinkedHashMap<>();
        // This answer comes through the REST application, so REST is up.
        parts.put("rest", "UP");
        REQUIRED.forEach(name -> parts.put(name, "DOWN"));
        for (HealthIndicator h : indicators) {
            boolean up;
            try {
                up = h.isUp();
            } catch (RuntimeException e) {
                up = false;
            }
            parts.put(h.name(), up ? "UP" : "DOWN");
        }
        boolean allUp = !parts.containsValue("DOWN");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        body.put("components", parts);
        WorkflowService w = work;
        body.put("lines", w == null ? List.of() : w.lines().stream().map(LineDefinition::line).sorted().toList());
        return Response.status(allUp ? 200 : 503).entity(body).build();
    }
}
