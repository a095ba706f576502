package org.civic.plugins.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Component;

/**
 * The benchmark's baseline: a bare endpoint on the same CXF bus, behind the same authentication and
 * JSON handling as the work-item API, that does no database work. {@code bench/} compares the kernel's
 * rate with this one's. {@code POST /api/v1/bench/echo} answers 201 with the body and a counter.
 */
@Component(service = RestResource.class)
@Path("bench")
public class BareEndpoint implements RestResource {

    private final AtomicLong counter = new AtomicLong();

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response echo(@Context SecurityContext security, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>(body == null ? Map.of() : body);
        out.put("id", counter.incrementAndGet());
        out.put("caller", CallerPrincipal.of(security).loginName());
        return Response.status(201).entity(out).build();
    }
}
