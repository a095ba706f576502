package org.civic.core.api.workflow;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Filters, sort and page of a query or worklist. Every filter is optional.
 *
 * @param state item state
 * @param assignmentState state of any assignment of the item
 * @param regionCode items of this region and below (within the caller's scope)
 * @param unitId items this unit holds an active assignment of
 * @param createdFrom created at or after
 * @param createdTo created before
 * @param card YELLOW or RED: items with a card of that colour (RED implies a yellow one too)
 * @param text searched in the title and the number
 * @param sort createdAt, -createdAt, updatedAt, -updatedAt, deadline, number, -number
 * @param fields line fields that must hold exactly this value (field id → value as text: an ENUM's value,
 *        {@code true} or {@code false} for a BOOLEAN, where false also matches an unset field); only the
 *        line's declared ENUM and BOOLEAN fields may be named, anything else is {@code INVALID_VALUE}
 */
public record ItemQuery(String state, String assignmentState, String regionCode, Long unitId,
        OffsetDateTime createdFrom, OffsetDateTime createdTo, String card, String text, String sort, int offset,
        int limit, Map<String, String> fields) {

    public ItemQuery {
        // sorted, so that equal filters are equal queries and the SQL is built in a stable order
        fields = fields == null || fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** A query without field filters (the form every caller used before field filters existed). */
    public ItemQuery(String state, String assignmentState, String regionCode, Long unitId,
            OffsetDateTime createdFrom, OffsetDateTime createdTo, String card, String text, String sort, int offset,
            int limit) {
        this(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, sort, offset, limit, Map.of());
    }

    public static ItemQuery all(int offset, int limit) {
        return new ItemQuery(null, null, null, null, null, null, null, null, null, offset, limit);
    }

    public ItemQuery sorted(String newSort) {
        return new ItemQuery(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, newSort,
                offset, limit, fields);
    }

    public ItemQuery page(int newOffset, int newLimit) {
        return new ItemQuery(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, sort,
                newOffset, newLimit, fields);
    }

    /** This query that also requires the given line fields to hold these values (see {@link #fields()}). */
    public ItemQuery withFields(Map<String, String> fieldValues) {
        return new ItemQuery(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, sort,
                offset, limit, fieldValues);
    }
}
