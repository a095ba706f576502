package org.civic.core.api.workflow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A row of a worklist or query: the item, the units holding it, its nearest running deadline and its
 * most severe card.
 */
public record ItemSummary(long id, String number, String line, String title, String regionCode, String state,
        Label stateLabel, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime closedAt,
        OffsetDateTime deadline, Long remainingMinutes, String card, List<Holder> holders, Map<String, Object> fields) {

    /** A unit holding the item, with the state of its assignment. */
    public record Holder(long assignmentId, long unitId, String unitName, String role, String state, Label stateLabel,
            boolean active) {
    }
}
