package org.civic.core.api.time;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.LocalTime;

import org.junit.Test;

public class OfficeHoursTest {

    @Test
    public void parsesTheParameterFormat() {
        OfficeHours h = OfficeHours.parse(" 08:30-12:00, 13:30-17:30 ");
        assertEquals(2, h.periods().size());
        assertEquals(LocalTime.of(13, 30), h.periods().get(1).start());
        assertEquals(LocalTime.of(17, 30), h.lastEnd());
        assertEquals("08:30-12:00,13:30-17:30", h.toString());
        assertEquals(OfficeHours.DEFAULT, h);
    }

    @Test
    public void refusesMalformedOrOverlappingPeriods() {
        for (String bad : new String[] {"", "08:30", "8.30-12.00", "12:00-08:30", "08:30-12:00,11:00-17:00",
            "13:30-17:30,08:30-12:00", "08:30-12:00;13:30-17:30"}) {
            try {
                OfficeHours.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // refused, as it must be
            }
        }
    }
}
