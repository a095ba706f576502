package org.civic.core.rest.internal;

import org.civic.core.api.HealthIndicator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Health part {@code boot}: UP once Karaf has installed every stage of its boot features (it then
 * registers {@code org.apache.karaf.features.BootFinished}). The distribution boots Hawtio in a second
 * stage, and a later stage may refresh bundles; until the boot is finished the platform is not ready.
 * Tracked by class name, so that this bundle needs no import of Karaf's features API. On a restart Karaf
 * installs nothing and says so early, while the installed plugins' bundles are still being started by the
 * start level; so the framework must also have reached its beginning start level.
 */
@Component(service = HealthIndicator.class)
public class BootHealth implements HealthIndicator {

    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final ServiceTracker<Object, Object> tracker;
    private final FrameworkStartLevel startLevel;
    private final int beginning;

    @Activate
    public BootHealth(BundleContext context) throws InvalidSyntaxException {
        startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        String target = context.getProperty("org.osgi.framework.startlevel.beginning");
        beginning = target == null || !target.trim().matches("\\d+") ? 1 : Integer.parseInt(target.trim());
        tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + BOOT_FINISHED + ")"), null);
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public String name() {
        return "boot";
    }

    @Override
    public boolean isUp() {
        return tracker.getServiceReference() != null && (startLevel == null || startLevel.getStartLevel() >= beginning);
    }
}
