package org.civic.itests.plugin;

import java.util.Collection;
import java.util.List;

import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A test-only plugin: declares a role and a unit type, and ships demo data through the
 * {@code Civic-DemoData} header. Packed into its own bundle by {@link TestPluginBundle}.
 */
public class TestPluginActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(PlatformExtension.class, new Extension(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service with the bundle.
    }

    static final class Extension implements PlatformExtension {
        @Override
        public String id() {
            return "testline";
        }

        @Override
        public Collection<RoleDefinition> roles() {
            return List.of(new RoleDefinition("test_role", "测试角色", "Test role"));
        }

        @Override
        public Collection<String> unitTypes() {
            return List.of("TEST_UNIT");
        }
    }
}
