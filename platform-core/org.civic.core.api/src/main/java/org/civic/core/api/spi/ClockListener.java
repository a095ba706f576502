package org.civic.core.api.spi;

import java.time.Instant;

/**
 * Told, synchronously, that the adjustable platform clock moved, so that time-driven work (deadline
 * and card scans) runs for the new time before the move returns to its caller.
 */
public interface ClockListener {

    void clockMoved(Instant now);
}
