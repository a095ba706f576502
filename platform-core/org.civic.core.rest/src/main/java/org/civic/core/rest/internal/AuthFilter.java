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
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.rest.CallerPrincipal;

/**
 * Authenticates every REST request except the public ones (health, OpenAPI, login): HTTP Basic for API
 * clients, or a bearer token from {@code POST /api/v1/auth/login}. Resources read the caller from the
 * request's {@link SecurityContext}.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final Set<String> PUBLIC_PATHS = Set.of("health", "openapi.json", "auth/login");

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
        try {
            caller = authenticate(header);
        } catch (CivicException e) {
            request.abortWith(unauthorized(e.code(), e.getMessage()));
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        CallerPrincipal principal = new CallerPrincipal(caller);
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
                return header.regionMatches(true, 0, "Basic ", 0, 6) ? BASIC_AUTH : "Bearer";
            }
        });
    }

    private Caller authenticate(String header) {
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
            return authentication.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Caller caller = tokens.use(header.substring(7).trim(), System.currentTimeMillis());
            if (caller == null) {
                throw CivicException.unauthenticated("The session has expired; log in again");
            }
            return caller;
        }
        throw CivicException.unauthenticated("Unsupported authentication scheme");
    }

    private static Response unauthorized(String code, String message) {
        return Response.fromResponse(ErrorMappers.error(401, code, message, Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Civic Platform\", charset=\"UTF-8\"").build();
    }
}
