package org.civic.core.internal;

import org.civic.core.api.spi.PlatformExtension;

/**
 * Reaches the two package-private corners of the core that a plugin's unit test needs to run its line on
 * the real kernel outside OSGi: declaring the plugin's roles, and the core configuration. Shipped to the
 * plugins in this module's test jar ({@code <type>test-jar</type>}).
 */
public final class KernelForTests {

    private KernelForTests() {
    }

    public static ExtensionRegistry extensions(PlatformExtension... plugins) {
        ExtensionRegistry r = new ExtensionRegistry();
        for (PlatformExtension p : plugins) {
            r.addExtension(p);
        }
        return r;
    }

    /** The adjustable clock on, no demo data. */
    public static CoreConfig config() {
        return TestSupport.config(true, false, false);
    }
}
