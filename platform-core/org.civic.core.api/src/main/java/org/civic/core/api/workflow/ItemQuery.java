package org.civic.core.api.workflow;

import java.time.OffsetDateTime;

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
 */
public record ItemQuery(String state, String assignmentState, String regionCode, Long unitId,
        OffsetDateTime createdFrom, OffsetDateTime createdTo, String card, String text, String sort, int offset,
        int limit) {

    public static ItemQuery all(int offset, int limit) {
        return new ItemQuery(null, null, null, null, null, null, null, null, null, offset, limit);
    }

    public ItemQuery sorted(String newSort) {
        return new ItemQuery(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, newSort,
                offset, limit);
    }

    public ItemQuery page(int newOffset, int newLimit) {
        return new ItemQuery(state, assignmentState, regionCode, unitId, createdFrom, createdTo, card, text, sort,
                newOffset, newLimit);
    }
}
