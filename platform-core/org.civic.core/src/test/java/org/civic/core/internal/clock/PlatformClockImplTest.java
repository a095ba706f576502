package org.civic.core.internal.clock;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.civic.core.api.CivicException;
import org.civic.core.internal.CoreConfig;
import org.civic.core.internal.TestSupport;
import org.junit.Test;

public class PlatformClockImplTest {

    @Test
    public void notAdjustableByDefault() {
        PlatformClockImpl clock = new PlatformClockImpl(config(false, false));
        assertFalse(clock.isAdjustable());
        try {
            clock.advance(Duration.ofHours(1));
            fail("moved a clock that is not adjustable");
        } catch (CivicException e) {
            assertEquals("CLOCK_NOT_ADJUSTABLE", e.code());
            assertEquals(409, e.status());
        }
        assertEquals(Duration.ZERO, clock.offset());
    }

    @Test
    public void productionRefusesTheAdjustableClock() {
        PlatformClockImpl clock = new PlatformClockImpl(config(true, true));
        assertFalse(clock.isAdjustable());
    }

    @Test
    public void setAndAdvanceMoveTimeAndTellListenersBeforeReturning() {
        PlatformClockImpl clock = new PlatformClockImpl(config(true, false));
        List<Instant> heard = new ArrayList<>();
        clock.addListener(heard::add);
        Instant march = Instant.parse("2026-03-02T02:00:00Z");
        Instant now = clock.set(march);
        assertTrue(Duration.between(march, now).abs().toMillis() < 1000);
        Instant later = clock.advance(Duration.ofHours(2));
        assertTrue(Duration.between(march.plus(Duration.ofHours(2)), later).abs().toMillis() < 1000);
        assertEquals(2, heard.size());
        assertEquals(later, heard.get(1));
        try {
            clock.advance(Duration.ofHours(-1));
            fail("moved backwards with advance");
        } catch (CivicException e) {
            assertEquals("INVALID_VALUE:advance", e.code());
        }
    }

    @Test
    public void switchingTheSettingOffReturnsToSystemTime() {
        PlatformClockImpl clock = new PlatformClockImpl(config(true, false));
        clock.advance(Duration.ofDays(30));
        clock.configure(config(false, false));
        assertEquals(Duration.ZERO, clock.offset());
        assertTrue(Duration.between(Instant.now(), clock.now()).abs().toMillis() < 1000);
    }

    private static CoreConfig config(boolean adjustable, boolean production) {
        return TestSupport.config(adjustable, production);
    }
}
