package org.civic.core.internal;

import java.lang.annotation.Annotation;

import org.civic.core.api.spi.PlatformExtension;

/**
 * Reaches the two package-private corners of the core that a plugin's unit test needs to run its line on
 * the real kernel outside OSGi: declaring the plugin's roles, and the core configuration.
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

    public static CoreConfig config() {
        return new CoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CoreConfig.class;
            }

            @Override
            public boolean demoData() {
                return false;
            }

            @Override
            public int login_maxFailedAttempts() {
                return 5;
            }

            @Override
            public int login_lockMinutes() {
                return 30;
            }

            @Override
            public boolean clock_adjustable() {
                return true;
            }

            @Override
            public boolean production() {
                return false;
            }

            @Override
            public int cards_scanIntervalSeconds() {
                return 3600;
            }

            @Override
            public long attachments_maxBytes() {
                return 1024 * 1024;
            }

            @Override
            public String[] attachments_types() {
                return new String[] {"application/pdf", "text/plain"};
            }

            @Override
            public String attachments_dir() {
                return System.getProperty("java.io.tmpdir") + "/civic-linkage110-test-attachments";
            }
        };
    }
}
