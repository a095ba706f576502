package org.civic.core.api.org;

/**
 * The levels of the region tree, top down. A child region is exactly one level below its parent.
 * The code length and shape of each level follow the national administrative division codes,
 * extended by three digits for grids (platform-config.md §3.1).
 */
public enum RegionLevel {
    PROVINCE(6, 2),
    CITY(6, 4),
    COUNTY(6, 6),
    STREET(9, 9),
    COMMUNITY(12, 12),
    GRID(15, 15);

    private final int codeLength;
    private final int significantPrefix;

    RegionLevel(int codeLength, int significantPrefix) {
        this.codeLength = codeLength;
        this.significantPrefix = significantPrefix;
    }

    /** Number of digits of a region code of this level. */
    public int codeLength() {
        return codeLength;
    }

    /** Number of leading digits of this level's code that every descendant's code starts with. */
    public int significantPrefix() {
        return significantPrefix;
    }

    /** The level directly below, or null for GRID. */
    public RegionLevel child() {
        int next = ordinal() + 1;
        return next < values().length ? values()[next] : null;
    }

    /** The level directly above, or null for PROVINCE. */
    public RegionLevel parent() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }
}
