package org.civic.core.internal.security;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.civic.core.api.org.AuthenticationService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the platform's users as the JAAS realm named "karaf", ranked above Karaf's stock
 * properties realm, so that the SSH shell, JMX and Hawtio all log in with platform accounts.
 */
@Component(service = JaasRealm.class, immediate = true)
public class CivicJaasRealm implements JaasRealm {

    static final String REALM = "karaf";

    private final long bundleId;

    @Activate
    public CivicJaasRealm(@Reference AuthenticationService authentication, BundleContext context) {
        CivicLoginModule.authentication = authentication;
        this.bundleId = context.getBundle().getBundleId();
    }

    @Deactivate
    void deactivate() {
        CivicLoginModule.authentication = null;
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return 1;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, CivicLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(bundleId));
        return new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
        };
    }
}
