package org.civic.core.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.civic.core.api.org.Caller;
import org.junit.Test;

public class SessionCookiesTest {

    @Test
    public void theSessionCookieIsHttpOnlyStrictAndSecureOnlyOverHttps() {
        assertEquals("CIVIC_SESSION=abc; Path=/; HttpOnly; SameSite=Strict", SessionCookies.open("abc", false));
        assertEquals("CIVIC_SESSION=abc; Path=/; HttpOnly; SameSite=Strict; Secure", SessionCookies.open("abc", true));
        String closed = SessionCookies.close(true);
        assertTrue(closed, closed.startsWith("CIVIC_SESSION=;") && closed.contains("Max-Age=0") && closed.endsWith("; Secure"));
    }

    @Test
    public void onlyReadsSkipTheCsrfCheck() {
        assertFalse(SessionCookies.needsCsrfCheck("GET"));
        assertFalse(SessionCookies.needsCsrfCheck("head"));
        assertFalse(SessionCookies.needsCsrfCheck("OPTIONS"));
        for (String m : List.of("POST", "PUT", "DELETE", "PATCH", "post")) {
            assertTrue(m, SessionCookies.needsCsrfCheck(m));
        }
        assertTrue(SessionCookies.needsCsrfCheck(null));
    }

    @Test
    public void theCsrfTokenMustBeTheSessionsOwn() {
        assertTrue(SessionCookies.csrfMatches("t0k3n", "t0k3n"));
        assertFalse(SessionCookies.csrfMatches("t0k3n", "t0k3m"));
        assertFalse(SessionCookies.csrfMatches("t0k3n", ""));
        assertFalse(SessionCookies.csrfMatches("t0k3n", null));
        assertFalse(SessionCookies.csrfMatches(null, "t0k3n"));
    }

    @Test
    public void eachSessionHasItsOwnCsrfTokenThatEndsWithIt() {
        TokenStore store = new TokenStore();
        Caller caller = new Caller(1L, "sp_dispatcher", "示例派单员", 3L, "城关区示例派单中心", "620102", Set.of("sample_dispatcher"));
        String a = store.issue(caller, 0);
        String b = store.issue(caller, 0);
        assertNotNull(store.csrf(a, 1000));
        assertNotEquals(store.csrf(a, 1000), store.csrf(b, 1000));
        assertNotEquals(a, store.csrf(a, 1000));
        String csrf = store.csrf(a, 1000);
        store.use(a, 2000);
        assertEquals("using the session keeps its token", csrf, store.csrf(a, 3000));
        assertNull("idle past the time-out", store.csrf(a, 2000 + TokenStore.IDLE_MILLIS + 1));
        store.revoke(b);
        assertNull(store.csrf(b, 1000));
    }
}
