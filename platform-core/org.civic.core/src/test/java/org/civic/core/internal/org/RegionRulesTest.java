package org.civic.core.internal.org;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.internal.TestSupport;
import org.junit.Test;

/** The region code rules of platform-config.md §3.1. */
public class RegionRulesTest {

    @Test
    public void levelFollowsTheShapeOfTheCode() {
        assertEquals(RegionLevel.PROVINCE, RegionRules.levelOf("620000"));
        assertEquals(RegionLevel.CITY, RegionRules.levelOf("620100"));
        assertEquals(RegionLevel.COUNTY, RegionRules.levelOf("620102"));
        assertEquals(RegionLevel.STREET, RegionRules.levelOf("620102001"));
        assertEquals(RegionLevel.COMMUNITY, RegionRules.levelOf("620102001001"));
        assertEquals(RegionLevel.GRID, RegionRules.levelOf("620102001001001"));
        // A county code may end in a single 0; only "00" makes a city.
        assertEquals(RegionLevel.COUNTY, RegionRules.levelOf("620110"));
        assertEquals(RegionLevel.CITY, RegionRules.levelOf("629900"));
    }

    @Test
    public void codesWithoutAValidShapeHaveNoLevel() {
        assertNull(RegionRules.levelOf(null));
        assertNull(RegionRules.levelOf(""));
        assertNull(RegionRules.levelOf("62010"));           // 5 digits
        assertNull(RegionRules.levelOf("6201000"));         // 7 digits
        assertNull(RegionRules.levelOf("62010200"));        // 8 digits
        assertNull(RegionRules.levelOf("6201020011"));      // 10 digits
        assertNull(RegionRules.levelOf("62010200100"));     // 11 digits
        assertNull(RegionRules.levelOf("6201020010010"));   // 13 digits
        assertNull(RegionRules.levelOf("6201020010010011")); // 16 digits
        assertNull(RegionRules.levelOf("62010A"));
        assertNull(RegionRules.levelOf("62010200a"));
        assertNull(RegionRules.levelOf(" 620000"));
        assertNull(RegionRules.levelOf("620000 "));
        assertNull(RegionRules.levelOf("-62000"));
        assertNull(RegionRules.levelOf("６２００００"));      // full-width digits
    }

    @Test
    public void acceptsChildrenOneLevelDownWithTheParentsPrefix() {
        // No exception means accepted; each line is a case the brief and PC-01/PC-02 name.
        RegionRules.checkNewRegion("620000", RegionLevel.PROVINCE, null, null);
        RegionRules.checkNewRegion("620100", RegionLevel.CITY, "620000", RegionLevel.PROVINCE);
        RegionRules.checkNewRegion("620102", RegionLevel.COUNTY, "620100", RegionLevel.CITY);
        RegionRules.checkNewRegion("410311001", RegionLevel.STREET, "410311", RegionLevel.COUNTY);
        RegionRules.checkNewRegion("410311001002", RegionLevel.COMMUNITY, "410311001", RegionLevel.STREET);
        RegionRules.checkNewRegion("410311001002003", RegionLevel.GRID, "410311001002", RegionLevel.COMMUNITY);
        RegionRules.checkNewRegion("320500", RegionLevel.CITY, "320000", RegionLevel.PROVINCE);
        RegionRules.checkNewRegion("320582", RegionLevel.COUNTY, "320500", RegionLevel.CITY);
        RegionRules.checkNewRegion("320582100", RegionLevel.STREET, "320582", RegionLevel.COUNTY);
    }

    @Test
    public void refusesAChildThatIsNotExactlyOneLevelDown() {
        // A CITY under a COUNTY.
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620300", RegionLevel.CITY, "620102", RegionLevel.COUNTY));
        // Skipping a level: a STREET directly under a CITY, a COUNTY directly under a PROVINCE.
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620102001", RegionLevel.STREET, "620100", RegionLevel.CITY));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620110", RegionLevel.COUNTY, "620000", RegionLevel.PROVINCE));
        // Same level as the parent.
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620200", RegionLevel.CITY, "620100", RegionLevel.CITY));
        // Nothing exists below a GRID.
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620102001001001", RegionLevel.GRID,
                "620102001001001", RegionLevel.GRID));
        // Only a PROVINCE is a root, and a PROVINCE never has a parent.
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620100", RegionLevel.CITY, null, null));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620000", RegionLevel.PROVINCE, "610000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:level", () -> RegionRules.checkNewRegion("620000", RegionLevel.PROVINCE, "620100", RegionLevel.CITY));
    }

    @Test
    public void refusesACodeWithoutTheParentsPrefix() {
        // PC-01: COUNTY 320682 under 320500 does not carry the city's prefix 3205.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("320682", RegionLevel.COUNTY, "320500", RegionLevel.CITY));
        // A CITY must carry the province's first 2 digits.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("610100", RegionLevel.CITY, "620000", RegionLevel.PROVINCE));
        // A STREET must carry the whole county code, not only the city's 4 digits.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620103001", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
        // A COMMUNITY the whole street code, a GRID the whole community code.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620102002001", RegionLevel.COMMUNITY,
                "620102001", RegionLevel.STREET));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620102001002001", RegionLevel.GRID,
                "620102001001", RegionLevel.COMMUNITY));
    }

    @Test
    public void refusesACodeWhoseShapeDoesNotMatchItsLevel() {
        // PROVINCE must end in 0000, CITY in 00 (not 0000), COUNTY not in 00.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620100", RegionLevel.PROVINCE, null, null));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620101", RegionLevel.CITY, "620000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620000", RegionLevel.CITY, "620000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("620200", RegionLevel.COUNTY, "620100", RegionLevel.CITY));
        // Wrong lengths.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62000", RegionLevel.PROVINCE, null, null));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010", RegionLevel.CITY, "620000", RegionLevel.PROVINCE));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010201", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("6201020011", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010200100", RegionLevel.COMMUNITY,
                "620102001", RegionLevel.STREET));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010200100100", RegionLevel.GRID,
                "620102001001", RegionLevel.COMMUNITY));
        // Not digits.
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010A", RegionLevel.COUNTY, "620100", RegionLevel.CITY));
        expect("INVALID_VALUE:regionCode", () -> RegionRules.checkNewRegion("62010200X", RegionLevel.STREET, "620102", RegionLevel.COUNTY));
    }

    @Test
    public void refusalsNameTheFieldInTheirDetails() {
        CivicException e = TestSupport.refused("INVALID_VALUE:regionCode",
                () -> RegionRules.checkNewRegion("320682", RegionLevel.COUNTY, "320500", RegionLevel.CITY));
        assertEquals("regionCode", e.details().get("field"));
        assertTrue(e.getMessage(), e.getMessage().contains("3205"));
    }

    @Test
    public void subtreeIsAPrefixOfTheCode() {
        assertEquals("62", RegionRules.subtreePrefix("620000"));
        assertEquals("6201", RegionRules.subtreePrefix("620100"));
        assertEquals("620102", RegionRules.subtreePrefix("620102"));
        assertEquals("620102001", RegionRules.subtreePrefix("620102001"));
        assertEquals("620102001001", RegionRules.subtreePrefix("620102001001"));
        assertEquals("620102001001001", RegionRules.subtreePrefix("620102001001001"));
    }

    @Test
    public void subtreePrefixRefusesMalformedCodes() {
        for (String bad : new String[] {"62010", "62010A", "6201020011", ""}) {
            try {
                RegionRules.subtreePrefix(bad);
                fail("expected IllegalArgumentException for " + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains(bad));
            }
        }
    }

    @Test
    public void isWithinFollowsTheTree() {
        // 620102001 (a street of county 620102) lies in its county, city and province.
        assertTrue(RegionRules.isWithin("620102001", "620102"));
        assertTrue(RegionRules.isWithin("620102001", "620100"));
        assertTrue(RegionRules.isWithin("620102001", "620000"));
        assertTrue(RegionRules.isWithin("620102001001001", "620000"));
        assertTrue(RegionRules.isWithin("620102", "620100"));
        // A region is within itself.
        assertTrue(RegionRules.isWithin("620102", "620102"));
        assertTrue(RegionRules.isWithin("620000", "620000"));
        // Siblings are not within each other, nor their descendants.
        assertFalse(RegionRules.isWithin("620103", "620102"));
        assertFalse(RegionRules.isWithin("620102", "620103"));
        assertFalse(RegionRules.isWithin("620103001", "620102"));
        assertFalse(RegionRules.isWithin("620201", "620100"));
        // An ancestor is not within its descendant.
        assertFalse(RegionRules.isWithin("620100", "620102"));
        assertFalse(RegionRules.isWithin("620000", "620100"));
        // Another province.
        assertFalse(RegionRules.isWithin("410105", "620000"));
        // Malformed or missing codes are never within anything.
        assertFalse(RegionRules.isWithin("6201020", "620100"));
        assertFalse(RegionRules.isWithin(null, "620100"));
        assertFalse(RegionRules.isWithin("620102", null));
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
