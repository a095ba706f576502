package org.civic.core.internal.clock;

import java.time.Instant;

import org.civic.core.api.PlatformClock;
import org.osgi.service.component.annotations.Component;

/** The platform clock: the system clock. The adjustable test clock comes with the workflow kernel. */
@Component(service = PlatformClock.class)
public class SystemPlatformClock implements PlatformClock {

    @Override
    public Instant now() {
        return Instant.now();
    }
}
