package org.civic.core.rest;

import org.civic.core.api.org.Caller;

/**
 * Opens API sessions for clients that authenticated another way than {@code POST /api/v1/auth/login}, such
 * as the 110 line's WeChat micro-platform with a remembered login. A session is a bearer token like the
 * login's (30 idle minutes, ended by logout and by the user's password change); every action taken with it
 * is recorded with the session's audit channel.
 */
public interface ApiSessions {

    /** A bearer token and its idle time-out. */
    record Session(String token, long idleTimeoutSeconds) {
    }

    /** Opens a session for {@code caller} whose actions carry {@code channel} (e.g. {@code WECHAT}). */
    Session open(Caller caller, String channel);
}
