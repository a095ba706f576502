package org.civic.core.rest;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;

/** The authenticated caller of a REST request, as the platform's security filter left it. */
public final class CallerPrincipal implements Principal {

    private final Caller caller;

    public CallerPrincipal(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
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
}
