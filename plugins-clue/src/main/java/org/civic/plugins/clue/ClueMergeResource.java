package org.civic.plugins.clue;

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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Merges of completed duplicate clues (spec 5.2, A8, A9): {@code POST /api/v1/clue/merges} with
 * {@code memberClueIds}, optional {@code masterClueId} and {@code opinion} (201 with the group),
 * {@code GET /clue/merges} (案件合并管理), {@code GET /clue/merges/{groupId}} and
 * {@code POST /clue/merges/{groupId}/cancel} with {@code cancelOpinion}. The candidates are the view
 * {@code GET /clue/views/merge-candidates}.
 */
@Component(service = RestResource.class)
@Path("clue/merges")
@Produces(MediaType.APPLICATION_JSON)
public class ClueMergeResource implements RestResource {

    private final ClueMerges merges;

    @Activate
    public ClueMergeResource(@Reference WorkflowService work, @Reference OrganizationService org,
            @Reference PlatformClock clock) {
        this.merges = new ClueMerges(work, new ClueViews(work, new ClueOrg(org), clock), clock);
    }

    @GET
    public Map<String, Object> groups(@Context SecurityContext security) {
        List<Map<String, Object>> all = merges.groups(CallerPrincipal.of(security));
        return Map.of("items", all, "total", all.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response merge(@Context SecurityContext security, Map<String, Object> body) {
        return Response.status(201).entity(merges.merge(CallerPrincipal.of(security), body))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{groupId}")
    public Map<String, Object> group(@Context SecurityContext security, @PathParam("groupId") String groupId) {
        return merges.group(CallerPrincipal.of(security), groupId);
    }

    @POST
    @Path("{groupId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> cancel(@Context SecurityContext security, @PathParam("groupId") String groupId,
            Map<String, Object> body) {
        return merges.cancel(CallerPrincipal.of(security), groupId, body);
    }
}
