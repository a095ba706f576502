package org.civic.core.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.rest.CallerPrincipal;

/**
 * Authenticates every REST request except the public ones (health, OpenAPI, login): HTTP Basic for API
 * clients, a bearer token from {@code POST /api/v1/auth/login}, or the web console's session cookie
 * (with its anti-CSRF header on changes, see {@link SessionCookies}). An Authorization header wins
 * over the cookie. Resources read the caller from the request's {@link SecurityContext}.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final Set<String> PUBLIC_PATHS = Set.of("health", "openapi.json", "auth/login", "auth/session");

    private final AuthenticationService authentication;
    private final TokenStore tokens;

    AuthFilter(AuthenticationService authentication, TokenStore tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (PUBLIC_PATHS.contains(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Caller caller;
        String scheme;
        String channel;
        try {
            Cookie session = request.getCookies().get(SessionCookies.NAME);
            TokenStore.Used used;
            if ((header == null || header.isBlank()) && session != null && !session.getValue().isBlank()) {
                used = fromSessionCookie(session.getValue(), request);
                scheme = "Cookie";
            } else {
                used = authenticate(header);
                scheme = header.regionMatches(true, 0, "Basic ", 0, 6) ? SecurityContext.BASIC_AUTH : "Bearer";
            }
            caller = used.caller();
            channel = used.channel();
        } catch (CivicException e) {
            request.abortWith(e.status() == 401 ? unauthorized(e.code(), e.getMessage(),
                    request.getHeaderString(SessionCookies.CONSOLE_HEADER) == null)
                    : ErrorMappers.error(e.status(), e.code(), e.getMessage(), e.details()));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller, channel);
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.hasRole(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        });
    }

    /**
     * The console's session: the cookie names a live session, and a state-changing request also
     * carries that session's anti-CSRF token (else 403 {@code CSRF_TOKEN_INVALID}, nothing done).
     */
    private TokenStore.Used fromSessionCookie(String token, ContainerRequestContext request) {
        long now = System.currentTimeMillis();
        String csrf = tokens.csrf(token, now);
        if (csrf == null) {
            throw CivicException.unauthenticated("The session has expired; log in again");
        }
        if (SessionCookies.needsCsrfCheck(request.getMethod())
                && !SessionCookies.csrfMatches(csrf, request.getHeaderString(SessionCookies.CSRF_HEADER))) {
            throw new CivicException(403, "CSRF_TOKEN_INVALID",
                    "A change made with the session cookie needs the session's X-CSRF-Token header");
        }
        TokenStore.Used used = tokens.session(token, now);
        if (used == null) {
            throw CivicException.unauthenticated("The session has expired; log in again");
        }
        return used;
    }

    private TokenStore.Used authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw CivicException.unauthenticated("Authentication required: HTTP Basic or a bearer token");
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw CivicException.unauthenticated("Malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw CivicException.unauthenticated("Malformed Basic credentials");
            }
            return new TokenStore.Used(authentication.authenticate(decoded.substring(0, colon),
                    decoded.substring(colon + 1)), CallerPrincipal.REST);
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            TokenStore.Used used = tokens.session(header.substring(7).trim(), System.currentTimeMillis());
            if (used == null) {
                throw CivicException.unauthenticated("The session has expired; log in again");
            }
            return used;
        }
        throw CivicException.unauthenticated("Unsupported authentication scheme");
    }

    /** A 401; the Basic challenge is left out for the console, whose browser would open a login dialog. */
    private static Response unauthorized(String code, String message, boolean challenge) {
        Response r = ErrorMappers.error(401, code, message, Map.of());
        return challenge ? Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Civic Platform\", charset=\"UTF-8\"").build() : r;
    }
}
