package org.civic.plugins.linkage110;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The automatic callback partner's result endpoint (spec §10):
 * {@code POST /api/v1/linkage110/callbacks/{callbackId}/result} with the partner's own account (role
 * {@code ivr_partner}); answers {@code {"callbackId", "status": "APPLIED" | "IGNORED"}}. And
 * {@code GET /api/v1/linkage110/callbacks/dead-letters}: the district's call requests the partner has not
 * accepted yet after every redelivery.
 */
@Component(service = RestResource.class, configurationPid = Linkage110Config.PID)
@Path("linkage110/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource implements RestResource {

    private final AutoCallbacks callbacks;

    @Activate
    public CallbackResource(@Reference WorkflowService work, @Reference PlatformClock clock, Map<String, Object> properties) {
        this.callbacks = new AutoCallbacks(work, clock, Limits.from(properties));
    }

    @POST
    @Path("{callbackId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> result(@Context SecurityContext security, @PathParam("callbackId") String callbackId,
            Map<String, Object> body) {
        Caller caller = CallerPrincipal.of(security);
        return Map.of("callbackId", callbackId, "status", callbacks.result(caller, callbackId, body));
    }

    @GET
    @Path("dead-letters")
    public Map<String, Object> deadLetters(@Context SecurityContext security) {
        List<Map<String, Object>> rows = callbacks.deadLetters(CallerPrincipal.of(security));
        return Map.of("items", rows, "total", rows.size());
    }
}
