package org.civic.core.rest.internal;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
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

    /**
     * Changes the password (linkage-110 §5.4 {@code change_password}); every other login of the user ends: the
     * other sessions and the remembered logins (WeChat). The session the change came through stays, so the
     * console need not log in again; HTTP Basic clients use the new password from now on.
     */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Context SecurityContext security, @Context HttpHeaders headers,
            PasswordChange body) {
        if (body == null) {
            throw CivicException.missingField("oldPassword");
        }
        Caller caller = CallerPrincipal.of(security);
        authentication.changePassword(caller, body.oldPassword(), body.newPassword(), body.confirmPassword());
        tokens.revokeUserExcept(caller.loginName(), currentToken(security, headers));
        return Response.noContent().build();
    }

    private static String currentToken(SecurityContext security, HttpHeaders headers) {
        String scheme = security.getAuthenticationScheme();
        if ("Bearer".equals(scheme)) {
            return headers.getHeaderString(HttpHeaders.AUTHORIZATION).substring(7).trim();
        }
        if ("Cookie".equals(scheme)) {
            Cookie c = headers.getCookies().get(SessionCookies.NAME);
            return c == null ? null : c.getValue();
        }
        return null;
    }
}
