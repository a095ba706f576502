package org.civic.core.rest.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.civic.core.rest.RestResource;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI description of every resource the application
 * serves at this moment, plugins' included, read by swagger-core from the JAX-RS annotations. Part of
 * {@link RestApplication} itself (not a service) because it describes the application's resources.
 */
@Path("openapi.json")
public class OpenApiResource implements RestResource {

    private final RestApplication application;

    OpenApiResource(RestApplication application) {
        this.application = application;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response openApi() throws Exception {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Civic Platform API").version("v1")
                        .description("REST API of the Civic Platform. Errors are JSON {code, message, details}."))
                .servers(List.of(new Server().url("/api/v1")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
        Set<Class<?>> classes = new LinkedHashSet<>(application.resourceClasses());
        Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true));
        OpenAPI description = reader.read(classes);
        return Response.ok(Json.mapper().writeValueAsString(description), MediaType.APPLICATION_JSON).build();
    }
}
