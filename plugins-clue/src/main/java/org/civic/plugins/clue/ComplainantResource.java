package org.civic.plugins.clue;

import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The complainant's side for the mini-program's and the portal's back ends (role {@code clue_intake}):
 * {@code GET /api/v1/clue/complainant/clues?complainantAccountId=} (own clues) and
 * {@code GET /clue/complainant/clues/{id}?complainantAccountId=} (progress, and the completion feedback once
 * completed). Clues are submitted with {@code POST /api/v1/clue/items} and notes added with
 * {@code POST /api/v1/items/{id}/actions/add_supplementary_note}.
 */
@Component(service = RestResource.class)
@Path("clue/complainant")
@Produces(MediaType.APPLICATION_JSON)
public class ComplainantResource implements RestResource {

    private final ComplainantViews views;

    @Activate
    public ComplainantResource(@Reference WorkflowService work) {
        this.views = new ComplainantViews(work);
    }

    @GET
    @Path("clues")
    public Map<String, Object> clues(@Context SecurityContext security,
            @QueryParam("complainantAccountId") String account) {
        List<Map<String, Object>> all = views.clues(CallerPrincipal.of(security), account);
        return Map.of("items", all, "total", all.size());
    }

    @GET
    @Path("clues/{id}")
    public Map<String, Object> clue(@Context SecurityContext security, @PathParam("id") long id,
            @QueryParam("complainantAccountId") String account) {
        return views.clue(CallerPrincipal.of(security), account, id);
    }
}
