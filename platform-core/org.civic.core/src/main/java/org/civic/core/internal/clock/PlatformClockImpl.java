package org.civic.core.internal.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.civic.core.api.CivicException;
import org.civic.core.api.ClockControl;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.internal.CoreConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform clock: system time plus an offset that stays zero unless {@code clock.adjustable} is
 * on (never together with {@code production}). The offset lives in memory: a restart returns to the
 * system time.
 */
@Component(service = {PlatformClock.class, ClockControl.class}, configurationPid = CoreConfig.PID)
public class PlatformClockImpl implements PlatformClock, ClockControl {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformClockImpl.class);

    private final List<ClockListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean adjustable;
    private volatile Duration offset = Duration.ZERO;
    /** The instant the platform time stands still at, or null while it runs. */
    private volatile Instant frozenAt;

    @Activate
    public PlatformClockImpl(CoreConfig config) {
        configure(config);
    }

    @Modified
    void configure(CoreConfig config) {
        boolean wanted = config.clock_adjustable();
        if (wanted && config.production()) {
            LOG.warn("clock.adjustable is refused because production = true; the platform clock stays the system clock");
            wanted = false;
        } else if (wanted) {
            LOG.warn("The adjustable test clock is ON: administrators can move the platform time (never in production)");
        }
        adjustable = wanted;
        if (!wanted) {
            offset = Duration.ZERO;
            frozenAt = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ClockListener listener) {
        listeners.add(listener);
    }

    void removeListener(ClockListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Instant now() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now().plus(offset);
    }

    @Override
    public boolean isAdjustable() {
        return adjustable;
    }

    @Override
    public Duration offset() {
        return offset;
    }

    @Override
    public synchronized Instant set(Instant instant) {
        requireAdjustable();
        offset = Duration.between(Instant.now(), instant);
        if (frozenAt != null) {
            frozenAt = instant;
        }
        return moved();
    }

    @Override
    public synchronized Instant advance(Duration amount) {
        requireAdjustable();
        if (amount.isNegative() || amount.isZero()) {
            throw CivicException.invalidValue("advance", "advance takes a positive duration such as PT2H");
        }
        offset = offset.plus(amount);
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(amount);
        }
        return moved();
    }

    @Override
    public synchronized Instant freeze(boolean frozen) {
        requireAdjustable();
        if (frozen && frozenAt == null) {
            frozenAt = now();
        } else if (!frozen && frozenAt != null) {
            offset = Duration.between(Instant.now(), frozenAt);
            frozenAt = null;
        }
        return now();
    }

    @Override
    public boolean isFrozen() {
        return frozenAt != null;
    }

    private Instant moved() {
        Instant now = now();
        LOG.info("Platform clock moved to {}", now);
        for (ClockListener l : listeners) {
            l.clockMoved(now);
        }
        return now;
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new CivicException(409, "CLOCK_NOT_ADJUSTABLE",
                    "The platform clock is not adjustable (setting clock.adjustable is off)");
        }
    }
}
