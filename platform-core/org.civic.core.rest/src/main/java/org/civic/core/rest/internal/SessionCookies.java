package org.civic.core.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The web console's session cookie and its anti-CSRF rule, kept free of JAX-RS types so that they can
 * be tested alone. The cookie carries a session token of {@link TokenStore}: {@code HttpOnly} (no
 * script reads it), {@code SameSite=Strict} (no other site's page sends it), {@code Secure} when the
 * request came over HTTPS. A state-changing request authenticated by the cookie must also carry the
 * session's anti-CSRF token in {@code X-CSRF-Token}; bearer tokens and Basic credentials are never sent
 * by a browser on its own, so they need none.
 */
final class SessionCookies {

    static final String NAME = "CIVIC_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Sent by the console on every call: a 401 to it carries no Basic challenge (no browser dialog). */
    static final String CONSOLE_HEADER = "X-Requested-With";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SessionCookies() {
    }

    /** The {@code Set-Cookie} value that starts a session. */
    static String open(String token, boolean secure) {
        return NAME + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    static String close(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Whether a request with this method must prove it came from the console's own page. */
    static boolean needsCsrfCheck(String method) {
        return method == null || !SAFE_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT));
    }

    /** Constant-time comparison of the session's token with the one the request sent. */
    static boolean csrfMatches(String expected, String sent) {
        if (expected == null || sent == null || sent.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.trim().getBytes(StandardCharsets.UTF_8));
    }
}
