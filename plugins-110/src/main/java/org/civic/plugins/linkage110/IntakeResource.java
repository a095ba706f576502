package org.civic.plugins.linkage110;

import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.Idempotency;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/v1/linkage110/intake}: the 110 alarm system pushes a non-police appeal (spec §10, A3),
 * with its own account (role {@code alarm_partner}) and optionally an {@code Idempotency-Key}. 201 with
 * {@code {appealId, districtNo, policeIncidentNo, state: DRAFT, duplicate: false}} when created, 200 with
 * the first appeal and {@code duplicate: true} for a repeat of the key or of the incident number.
 */
@Component(service = RestResource.class)
@Path("linkage110/intake")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource implements RestResource {

    private final Intake intake;

    @Activate
    public IntakeResource(@Reference WorkflowService work, @Reference Idempotency idempotency) {
        this.intake = new Intake(work, idempotency);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@Context SecurityContext security, @HeaderParam("Idempotency-Key") String key,
            Map<String, Object> body) {
        Intake.Receipt r = intake.submit(CallerPrincipal.of(security), body, key, "REST");
        return Response.status(r.duplicate() ? 200 : 201).entity(r.toMap()).build();
    }
}
