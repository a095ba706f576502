package org.civic.core.rest.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.org.Caller;
import org.osgi.service.component.annotations.Component;

/**
 * Bearer tokens issued by {@code POST /api/v1/auth/login}, for the web console and mobile clients.
 * A token expires after 30 minutes without use, on logout, and when its user changes the password.
 * Tokens live in memory (a restart asks everyone to log in again) and age by system time, not by the
 * adjustable platform clock.
 */
@Component(service = TokenStore.class)
public class TokenStore {

    static final long IDLE_MILLIS = 30 * 60_000L;

    private record Session(Caller caller, long lastUsed, String csrf) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public String issue(Caller caller, long now) {
        String token = randomToken();
        sessions.put(token, new Session(caller, now, randomToken()));
        return token;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The anti-CSRF token bound to a live session (the console sends it back in {@code X-CSRF-Token}
     * on every state-changing call made with the session cookie), or null. Does not touch the idle time.
     */
    public String csrf(String token, long now) {
        Session s = sessions.get(token);
        return s == null || now - s.lastUsed() > IDLE_MILLIS ? null : s.csrf();
    }

    /** The caller of a live token (its idle time restarts), or null. */
    public Caller use(String token, long now) {
        Session s = sessions.get(token);
        if (s == null) {
            return null;
        }
        if (now - s.lastUsed() > IDLE_MILLIS) {
            sessions.remove(token);
            return null;
        }
        sessions.put(token, new Session(s.caller(), now, s.csrf()));
        return s.caller();
    }

    public void revoke(String token) {
        sessions.remove(token);
    }

    /** Ends every session of a user, e.g. after a password change. */
    public void revokeUser(String loginName) {
        sessions.values().removeIf(s -> s.caller().loginName().equals(loginName));
    }
}
