package org.civic.core.rest.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.org.Caller;
import org.civic.core.rest.ApiSessions;
import org.civic.core.rest.CallerPrincipal;
import org.osgi.service.component.annotations.Component;

/**
 * Bearer tokens issued by {@code POST /api/v1/auth/login}, for the web console and mobile clients.
 * A token expires after 30 minutes without use, on logout, and when its user changes the password.
 * Tokens live in memory (a restart asks everyone to log in again) and age by system time, not by the
 * adjustable platform clock. Each session carries the audit channel of the actions taken with it
 * ({@code REST} for the login's tokens, {@code WEB} for the console's cookie, or what {@link ApiSessions#open}
 * was given).
 */
@Component(service = {TokenStore.class, ApiSessions.class})
public class TokenStore implements ApiSessions {

    static final long IDLE_MILLIS = 30 * 60_000L;

    private record Live(Caller caller, long lastUsed, String csrf, String channel) {
    }

    /** A live session's caller and audit channel. */
    public record Used(Caller caller, String channel) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();

    public String issue(Caller caller, long now) {
        return issue(caller, now, CallerPrincipal.REST);
    }

    public String issue(Caller caller, long now, String channel) {
        String token = randomToken();
        sessions.put(token, new Live(caller, now, randomToken(), channel));
        return token;
    }

    @Override
    public Session open(Caller caller, String channel) {
        return new Session(issue(caller, System.currentTimeMillis(), channel), IDLE_MILLIS / 1000);
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
        Live s = sessions.get(token);
        return s == null || now - s.lastUsed() > IDLE_MILLIS ? null : s.csrf();
    }

    /** The caller of a live token (its idle time restarts), or null. */
    public Caller use(String token, long now) {
        Used u = session(token, now);
        return u == null ? null : u.caller();
    }

    /** The caller and channel of a live token (its idle time restarts), or null. */
    public Used session(String token, long now) {
        Live s = sessions.get(token);
        if (s == null) {
            return null;
        }
        if (now - s.lastUsed() > IDLE_MILLIS) {
            sessions.remove(token);
            return null;
        }
        sessions.put(token, new Live(s.caller(), now, s.csrf(), s.channel()));
        return new Used(s.caller(), s.channel());
    }

    public void revoke(String token) {
        sessions.remove(token);
    }

    /** Ends every session of a user, e.g. after a password change. */
    public void revokeUser(String loginName) {
        revokeUserExcept(loginName, null);
    }

    /** Ends every session of a user but {@code keep} (the one that changed the password; may be null). */
    public void revokeUserExcept(String loginName, String keep) {
        sessions.entrySet().removeIf(e -> e.getValue().caller().loginName().equals(loginName)
                && !e.getKey().equals(keep));
    }
}
