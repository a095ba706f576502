package org.civic.core.rest;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;

/**
 * The authenticated caller of a REST request, as the platform's security filter left it, with the audit
 * channel of the way it came: {@code REST} (HTTP Basic, login tokens), {@code WEB} (the console's session
 * cookie) or the channel of a session opened through {@link ApiSessions} (e.g. {@code WECHAT}).
 */
public final class CallerPrincipal implements Principal {

    /** The channel of API clients. */
    public static final String REST = "REST";

    private final Caller caller;
    private final String channel;

    public CallerPrincipal(Caller caller) {
        this(caller, REST);
    }

    public CallerPrincipal(Caller caller, String channel) {
        this.caller = caller;
        this.channel = channel == null ? REST : channel;
    }

    public Caller caller() {
        return caller;
    }

    /** The audit channel of the request: what the kernel records for the actions it takes. */
    public String channel() {
        return channel;
    }

    @Override
    public String getName() {
        return caller.loginName();
    }

    /** The caller of the request that {@code security} belongs to. */
    public static Caller of(SecurityContext security) {
        if (security == null || !(security.getUserPrincipal() instanceof CallerPrincipal)) {
            throw CivicException.unauthenticated("Authentication required");
        }
        return ((CallerPrincipal) security.getUserPrincipal()).caller();
    }

    /** The audit channel of the request that {@code security} belongs to. */
    public static String channelOf(SecurityContext security) {
        if (security == null || !(security.getUserPrincipal() instanceof CallerPrincipal)) {
            throw CivicException.unauthenticated("Authentication required");
        }
        return ((CallerPrincipal) security.getUserPrincipal()).channel();
    }
}
