package org.civic.core.api;

import java.util.List;

/** One page of a list, with the total number of rows the query matched. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 500;

    /** Normalises client paging input: default 20 rows, at most {@value #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw CivicException.invalidValue("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw CivicException.invalidValue("offset", "offset must not be negative");
        }
        return requested;
    }
}
