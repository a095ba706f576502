package org.civic.core.rest.internal;

import org.civic.core.api.HealthIndicator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Health part {@code boot}: UP once Karaf has installed every stage of its boot features (it then
 * registers {@code org.apache.karaf.features.BootFinished}). The distribution boots Hawtio in a second
 * stage, and a later stage may refresh bundles; until the boot is finished the platform is not ready.
 * Tracked by class name, so that this bundle needs no import of Karaf's features API.
 */
@Component(service = HealthIndicator.class)
public class BootHealth implements HealthIndicator {

    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final ServiceTracker<Object, Object> tracker;

    @Activate
    public BootHealth(BundleContext context) throws InvalidSyntaxException {
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
        return tracker.getServiceReference() != null;
    }
}
