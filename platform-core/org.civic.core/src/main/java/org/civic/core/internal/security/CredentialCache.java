package org.civic.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.org.Caller;
import org.osgi.service.component.annotations.Component;

/**
 * Remembers recently verified credentials for a short time, so that API clients sending HTTP Basic
 * on every request do not pay the slow password hash each time. Keys hold a SHA-256 of the password,
 * never the password. Any change to a user evicts their entries at once.
 */
@Component(service = CredentialCache.class)
public class CredentialCache {

    static final long TTL_MILLIS = 60_000;

    private record Entry(Caller caller, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Caller get(String login, String password, long now) {
        Entry e = entries.get(key(login, password));
        if (e == null || e.expiresAt < now) {
            return null;
        }
        return e.caller;
    }

    public void put(String login, String password, Caller caller, long now) {
        if (entries.size() > 10_000) {
            entries.clear();
        }
        entries.put(key(login, password), new Entry(caller, now + TTL_MILLIS));
    }

    public void evict(String login) {
        String prefix = login + "\u0000";
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String key(String login, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return login + "\u0000" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
