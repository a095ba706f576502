package org.civic.core.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Me;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The caller's own account: who am I, and change my password. */
@Component(service = RestResource.class)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource implements RestResource {

    /** Body of {@code POST /api/v1/me/password}. */
    public record PasswordChange(String oldPassword, String newPassword, String confirmPassword) {
    }

    private final OrganizationService organization;
    private final AuthenticationService authentication;
    private final TokenStore tokens;

    @Activate
    public MeResource(@Reference OrganizationService organization, @Reference AuthenticationService authentication,
            @Reference TokenStore tokens) {
        this.organization = organization;
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @GET
    public Me me(@Context SecurityContext security) {
        return organization.me(CallerPrincipal.of(security));
    }

    /** Changes the password; every session of the user ends (clients log in again). */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Context SecurityContext security, PasswordChange body) {
        if (body == null) {
            throw CivicException.missingField("oldPassword");
        }
        Caller caller = CallerPrincipal.of(security);
        authentication.changePassword(caller, body.oldPassword(), body.newPassword(), body.confirmPassword());
        tokens.revokeUser(caller.loginName());
        return Response.noContent().build();
    }
}
