package org.civic.core.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The one source of time of the platform. Every rule that depends on time reads it from here, so
 * that a test or a demo can move time (see docs/kernel.md once the adjustable clock exists).
 */
public interface PlatformClock {

    /** The platform time zone of the specs: Asia/Shanghai. */
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    Instant now();

    default OffsetDateTime nowInZone() {
        return OffsetDateTime.ofInstant(now(), ZONE);
    }
}
