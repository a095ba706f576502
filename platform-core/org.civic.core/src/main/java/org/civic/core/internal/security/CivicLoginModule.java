package org.civic.core.internal.security;

import java.io.IOException;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;

/**
 * The JAAS login module of the platform realm: checks the platform's users through
 * {@link AuthenticationService}. Besides the user's platform roles, a global_admin gets Karaf's
 * operator roles (admin, manager, viewer, systembundles, ssh), which the shell, JMX and Hawtio's
 * Jolokia check; no other role gets them.
 */
public class CivicLoginModule implements LoginModule {

    static final List<String> KARAF_OPERATOR_ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    /** Set by {@link CivicJaasRealm} while the realm is registered; JAAS instantiates modules itself. */
    static volatile AuthenticationService authentication;

    private Subject subject;
    private CallbackHandler handler;
    private final Set<Principal> principals = new HashSet<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("login: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot read the credentials: " + e.getMessage());
        }
        AuthenticationService auth = authentication;
        if (auth == null) {
            throw new LoginException("The platform realm is not ready");
        }
        char[] secret = password.getPassword();
        password.clearPassword();
        Caller caller;
        try {
            caller = auth.authenticate(name.getName(), secret == null ? null : new String(secret));
        } catch (CivicException e) {
            throw new FailedLoginException(e.code());
        }
        principals.add(new UserPrincipal(caller.loginName()));
        for (String role : caller.roles()) {
            principals.add(new RolePrincipal(role));
        }
        if (caller.isGlobalAdmin()) {
            KARAF_OPERATOR_ROLES.forEach(r -> principals.add(new RolePrincipal(r)));
        }
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
