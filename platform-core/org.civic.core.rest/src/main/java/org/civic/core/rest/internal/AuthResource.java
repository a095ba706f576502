package org.civic.core.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Login and logout for clients that keep a session: the web console and mobile clients. */
@Component(service = RestResource.class)
@Path("auth")
public class AuthResource implements RestResource {

    /**
     * Body of {@code POST /api/v1/auth/login}. With {@code cookie: true} (the web console) the session
     * travels in an HttpOnly cookie instead of the answer, and the answer carries the session's
     * anti-CSRF token.
     */
    public record Login(String loginName, String password, Boolean cookie) {
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
    public Response login(@Context SecurityContext security, Login login) {
        if (login == null || login.loginName() == null || login.loginName().isBlank()) {
            throw CivicException.missingField("loginName");
        }
        if (login.password() == null || login.password().isEmpty()) {
            throw CivicException.missingField("password");
        }
        Caller caller = authentication.authenticate(login.loginName(), login.password());
        long now = System.currentTimeMillis();
        boolean cookie = Boolean.TRUE.equals(login.cookie());
        // The console's cookie session is the web channel of the specs' audit trails (linkage-110 §3.5).
        String token = tokens.issue(caller, now, cookie ? "WEB" : CallerPrincipal.REST);
        Map<String, Object> body = new LinkedHashMap<>();
        if (cookie) {
            body.put("csrfToken", tokens.csrf(token, now));
        } else {
            body.put("token", token);
            body.put("tokenType", "Bearer");
        }
        body.put("idleTimeoutSeconds", TokenStore.IDLE_MILLIS / 1000);
        body.put("loginName", caller.loginName());
        body.put("displayName", caller.displayName());
        body.put("roles", caller.roles());
        Response.ResponseBuilder answer = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        if (cookie) {
            answer.header(HttpHeaders.SET_COOKIE, SessionCookies.open(token, secure(security)))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return answer.build();
    }

    /**
     * The console's session after a page load (public, so that a page without a session learns it
     * without an error): {@code authenticated} false, or who is logged in with the session's anti-CSRF
     * token (readable only by a page of this origin). Reading it counts as activity.
     */
    @GET
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    public Response session(@Context HttpHeaders headers) {
        Cookie c = headers.getCookies().get(SessionCookies.NAME);
        long now = System.currentTimeMillis();
        String csrf = c == null ? null : tokens.csrf(c.getValue(), now);
        Caller caller = csrf == null ? null : tokens.use(c.getValue(), now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", caller != null);
        if (caller != null) {
            body.put("csrfToken", csrf);
            body.put("idleTimeoutSeconds", TokenStore.IDLE_MILLIS / 1000);
            body.put("loginName", caller.loginName());
            body.put("displayName", caller.displayName());
            body.put("roles", caller.roles());
        }
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** Ends the session of the bearer token or the session cookie sent, and clears the cookie. */
    @POST
    @Path("logout")
    public Response logout(@Context SecurityContext security, @Context HttpHeaders headers,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.revoke(authorization.substring(7).trim());
        }
        Cookie c = headers.getCookies().get(SessionCookies.NAME);
        Response.ResponseBuilder answer = Response.noContent();
        if (c != null) {
            if ("Cookie".equals(security.getAuthenticationScheme())) {
                tokens.revoke(c.getValue());
            }
            answer.header(HttpHeaders.SET_COOKIE, SessionCookies.close(secure(security)));
        }
        return answer.build();
    }

    private static boolean secure(SecurityContext security) {
        return security != null && security.isSecure();
    }
}
