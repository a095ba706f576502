package org.civic.core.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Login and logout for clients that keep a session: the web console and mobile clients. */
@Component(service = RestResource.class)
@Path("auth")
public class AuthResource implements RestResource {

    /** Body of {@code POST /api/v1/auth/login}. */
    public record Login(String loginName, String password) {
    }

    private final AuthenticationService authentication;
    private final TokenStore tokens;

    @Activate
    public AuthResource(@Reference AuthenticationService authentication, @Reference TokenStore tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    /** Checks the credentials and answers a bearer token that expires after 30 idle minutes. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> login(Login login) {
        if (login == null || login.loginName() == null || login.loginName().isBlank()) {
            throw CivicException.missingField("loginName");
        }
        if (login.password() == null || login.password().isEmpty()) {
            throw CivicException.missingField("password");
        }
        Caller caller = authentication.authenticate(login.loginName(), login.password());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", tokens.issue(caller, System.currentTimeMillis()));
        body.put("tokenType", "Bearer");
        body.put("idleTimeoutSeconds", TokenStore.IDLE_MILLIS / 1000);
        body.put("loginName", caller.loginName());
        body.put("displayName", caller.displayName());
        body.put("roles", caller.roles());
        return body;
    }

    /** Ends the session of the bearer token sent. */
    @POST
    @Path("logout")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.revoke(authorization.substring(7).trim());
        }
        return Response.noContent().build();
    }
}
