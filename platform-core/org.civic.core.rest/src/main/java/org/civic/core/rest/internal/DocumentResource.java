package org.civic.core.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.documents.DocumentService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Printable documents of an item: which the caller may print now, and one as PDF (shown in the
 * browser; {@code ?download=true} saves it). Registered only while the document service runs.
 */
@Component(service = RestResource.class)
@Path("items/{id}/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource implements RestResource {

    private static final String PDF = "application/pdf";

    private final DocumentService documents;

    @Activate
    public DocumentResource(@Reference DocumentService documents) {
        this.documents = documents;
    }

    @GET
    public List<DocumentService.Available> available(@Context SecurityContext security, @PathParam("id") long id) {
        return documents.available(CallerPrincipal.of(security), id);
    }

    @GET
    @Path("{name}")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    public Response render(@Context SecurityContext security, @PathParam("id") long id, @PathParam("name") String name,
            @QueryParam("download") boolean download) {
        DocumentService.Rendered r = documents.render(CallerPrincipal.of(security), id, name);
        String disposition = Exports.disposition(r.fileName());
        return Response.ok(r.pdf(), PDF)
                .header("Content-Disposition", download ? disposition : disposition.replaceFirst("^attachment", "inline"))
                .header("Content-Length", r.pdf().length)
                .header("Cache-Control", "no-store").build();
    }
}
