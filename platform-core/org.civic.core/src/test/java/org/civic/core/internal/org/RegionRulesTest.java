package org.civic.core.internal.org;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.civic.core.api.org.RegionLevel;
import org.civic.core.internal.TestSupport;
import org.junit.Test;

public class RegionRulesTest {

    @Test
    public void levelFollowsTheShapeOfTheCode() {
        assertEquals(RegionLevel.PROVINCE, RegionRules.levelOf("620000"));
        assertEquals(RegionLevel.CITY, RegionRules.levelOf("620100"));
        assertEquals(RegionLevel.COUNTY, RegionRules.levelOf("620102"));
        assertEquals(RegionLevel.STREET, RegionRules.levelOf("620102001"));
        assertEquals(RegionLevel.COMMUNITY, RegionRules.levelOf("620102001001"));
        assertEquals(RegionLevel.GRID, RegionRules.levelOf("620102001001001"));
        assertNull(RegionRules.levelOf("62010"));
        assertNull(RegionRules.levelOf("62010A"));
        assertNull(RegionRules.levelOf("6201020011"));
        assertNull(RegionRules.levelOf(null));
    }

    @Test
    public void acceptsChildrenOneLevelDownWithTheParentsPrefix() {
        RegionRules.checkNewRegion("620000", RegionLevel.PROVINCE, null, null);
        RegionRules.checkNewRegion("620100", RegionLevel.CITY, "620000", RegionLevel.PROVINCE);
        RegionRules.checkNewRegion("620102", RegionLevel.COUNTY, "620100", RegionLevel.CITY);
        RegionRules.checkNewRegion("410311001", RegionLevel.STREET, "410311", RegionLevel.COUNTY);
        RegionRules.checkNewRegion("410311001002", RegionLevel.COMMUNITY, "410311001", RegionLevel.STREET);
    }

    @Test
    public void refusesWrongLevelsShapesAndPrefixes() {
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620300", RegionLevel.CITY, "620102", RegionLevel.COUNTY));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620102001", RegionLevel.STREET, "620100", RegionLevel.CITY));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620100", RegionLevel.CITY, null, null));
        // PC-01: COUNTY 320682 under 320500 does not carry the city's prefix 3205.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("320682", RegionLevel.COUNTY, "320500", RegionLevel.CITY));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620101", RegionLevel.CITY, "620000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620110", RegionLevel.COUNTY, "620000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010201", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620103001", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
    }

    @Test
    public void subtreeIsAPrefixOfTheCode() {
        assertEquals("62", RegionRules.subtreePrefix("620000"));
        assertEquals("6201", RegionRules.subtreePrefix("620100"));
        assertEquals("620102", RegionRules.subtreePrefix("620102"));
        assertTrue(RegionRules.isWithin("620102001", "620100"));
        assertTrue(RegionRules.isWithin("620102001", "620000"));
        assertTrue(RegionRules.isWithin("620102", "620102"));
        assertFalse(RegionRules.isWithin("620103", "620102"));
        assertFalse(RegionRules.isWithin("620100", "620102"));
        assertFalse(RegionRules.isWithin("410105", "620000"));
    }

    @Test
    public void parentFollowsFromTheCode() {
        assertNull(RegionRules.parentOf("620000"));
        assertEquals("620000", RegionRules.parentOf("620100"));
        assertEquals("620100", RegionRules.parentOf("620102"));
        assertEquals("620102", RegionRules.parentOf("620102001"));
        assertEquals("620102001", RegionRules.parentOf("620102001002"));
        assertEquals("620102001002", RegionRules.parentOf("620102001002003"));
    }

    private static void expect(String code, Runnable r) {
        assertEquals(400, TestSupport.refused(code, r).status());
    }
}
