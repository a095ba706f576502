package org.civic.core.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves the platform clock, for tests and demos that must make deadlines pass. Only possible when
 * the setting {@code clock.adjustable} is on, which the platform refuses while {@code production} is
 * on. A move returns after every {@link org.civic.core.api.spi.ClockListener} has caught up with the
 * new time (e.g. raised the cards now due).
 */
public interface ClockControl {

    boolean isAdjustable();

    /** The platform time minus the system time. */
    Duration offset();

    /** Sets the platform time (earlier or later than now). */
    Instant set(Instant instant);

    /** Moves the platform time forward by a positive amount. */
    Instant advance(Duration amount);

    /**
     * Stops the platform time where it is (true) so that a test gets exact instants, or lets it run
     * on from there (false). Moves apply to a frozen clock as to a running one.
     */
    Instant freeze(boolean frozen);

    boolean isFrozen();
}
