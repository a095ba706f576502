package org.civic.core.internal.org;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.RegionLevel;

/**
 * The region code rules of platform-config.md §3.1: the national administrative division codes
 * (6 / 9 / 12 digits) extended by 3 digits for grids, children carrying their parent's prefix.
 */
public final class RegionRules {

    private RegionRules() {
    }

    /** The level a well-formed code has, or null when the code has no valid shape. */
    public static RegionLevel levelOf(String code) {
        if (code == null || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        switch (code.length()) {
            case 6:
                if (code.endsWith("0000")) {
                    return RegionLevel.PROVINCE;
                }
                return code.endsWith("00") ? RegionLevel.CITY : RegionLevel.COUNTY;
            case 9:
                return RegionLevel.STREET;
            case 12:
                return RegionLevel.COMMUNITY;
            case 15:
                return RegionLevel.GRID;
            default:
                return null;
        }
    }

    /** The leading digits every code in the subtree of {@code code} starts with. */
    public static String subtreePrefix(String code) {
        RegionLevel level = levelOf(code);
        if (level == null) {
            throw new IllegalArgumentException("Not a region code: " + code);
        }
        return code.substring(0, level.significantPrefix());
    }

    /** The parent's code, which the code rules make derivable; null for a province. */
    public static String parentOf(String code) {
        RegionLevel level = levelOf(code);
        if (level == null) {
            throw new IllegalArgumentException("Not a region code: " + code);
        }
        switch (level) {
            case PROVINCE:
                return null;
            case CITY:
                return code.substring(0, 2) + "0000";
            case COUNTY:
                return code.substring(0, 4) + "00";
            default:
                return code.substring(0, level.parent().codeLength());
        }
    }

    /** True when {@code code} is {@code root} or lies below it. */
    public static boolean isWithin(String code, String root) {
        return code != null && root != null && code.startsWith(subtreePrefix(root))
                && (levelOf(code) != null && levelOf(code).ordinal() >= levelOf(root).ordinal());
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
