package org.civic.core.api.org;

/**
 * The shape of region codes (platform-config.md §3.1): the national administrative division codes
 * (6 / 9 / 12 digits) extended by 3 digits for grids, children carrying their parent's prefix.
 */
public final class RegionCodes {

    private RegionCodes() {
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

}
