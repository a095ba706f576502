package org.civic.core.internal.org;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.RegionLevel;

/**
 * The region code rules of platform-config.md §3.1: the national administrative division codes
 * (6 / 9 / 12 digits) extended by 3 digits for grids, children carrying their parent's prefix.
 */
public final class RegionRules {

    private RegionRules() {
    }

    public static RegionLevel levelOf(String code) {
        return RegionCodes.levelOf(code);
    }

    public static String subtreePrefix(String code) {
        return RegionCodes.subtreePrefix(code);
    }

    public static String parentOf(String code) {
        return RegionCodes.parentOf(code);
    }

    public static boolean isWithin(String code, String root) {
        return RegionCodes.isWithin(code, root);
    }

    /**
     * Checks a new region's level and code against its parent (null for a province).
     *
     * @throws CivicException INVALID_VALUE:level or INVALID_VALUE:regionCode
     */
    public static void checkNewRegion(String code, RegionLevel level, String parentCode, RegionLevel parentLevel) {
        if (parentCode == null) {
            if (level != RegionLevel.PROVINCE) {
                throw CivicException.invalidValue("level", "Only a PROVINCE has no parent region");
            }
        } else if (parentLevel.child() != level) {
            throw CivicException.invalidValue("level",
                    "A region under a " + parentLevel + " must be a " + parentLevel.child() + ", not a " + level);
        }
        if (levelOf(code) != level) {
            throw CivicException.invalidValue("regionCode", describe(level));
        }
        if (parentCode != null && !code.startsWith(subtreePrefix(parentCode))) {
            throw CivicException.invalidValue("regionCode",
                    "A region code under " + parentCode + " must start with " + subtreePrefix(parentCode));
        }
    }

    static String describe(RegionLevel level) {
        switch (level) {
            case PROVINCE:
                return "A PROVINCE code has 6 digits ending in 0000";
            case CITY:
                return "A CITY code has 6 digits ending in 00 (not 0000)";
            case COUNTY:
                return "A COUNTY code has 6 digits not ending in 00";
            default:
                return "A " + level + " code has " + level.codeLength() + " digits";
        }
    }
}
