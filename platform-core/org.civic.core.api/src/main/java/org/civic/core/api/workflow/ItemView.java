package org.civic.core.api.workflow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A work item as a caller sees it: fields, state, assignments with their clocks and cards, the
 * actions the caller may take now (with their input fields, so a form can be built) and the audit
 * trail. {@code lineAvailable} is false when the line's plugin is not installed: the item can be
 * read, not acted on.
 */
public record ItemView(long id, String number, String line, boolean lineAvailable, String title, String regionCode,
        String state, Label stateLabel, boolean terminal, Map<String, Object> fields, long version,
        OffsetDateTime createdAt, String createdBy, Long createdUnitId, OffsetDateTime updatedAt, String updatedBy,
        OffsetDateTime closedAt, List<Assignment> assignments, List<Clock> clocks, List<Card> cards,
        List<Action> availableActions, List<Link> links, List<Attachment> attachments, List<AuditEntry> auditTrail) {

    /** One holder: a unit (and optionally a user) with a role and its own state, clocks and cards. */
    public record Assignment(long id, long unitId, String unitName, String unitRegionCode, String role, String state,
            Label stateLabel, boolean active, List<Long> previousUnits, OffsetDateTime createdAt, List<Clock> clocks,
            List<Card> cards) {
    }

    /**
     * A statutory clock. {@code status} RUNNING, PAUSED or STOPPED; {@code remainingMinutes} is
     * negative when overdue; null when the clock is not running.
     */
    public record Clock(String name, Label label, Long assignmentId, String status, OffsetDateTime startedAt,
            OffsetDateTime deadline, Long remainingMinutes, boolean overdue, OffsetDateTime pendingDeadline,
            OffsetDateTime stoppedAt) {
    }

    /** A yellow or red card, raised at the instant its threshold passed. */
    public record Card(String colour, String clock, Long assignmentId, Long unitId, OffsetDateTime raisedAt) {
    }

    /** An action the caller may take now; {@code assignmentId} is the assignment it would act on. */
    public record Action(String id, Label label, Long assignmentId, List<FieldDef> input) {
    }

    /**
     * A link to another item ({@code merged-into}, {@code converted-from}, {@code supervises}, ...); direction
     * OUT or IN, the other item's line and current state, and the unit that created it ({@code byUnit}: who
     * supervises, who merged). A link to an item the caller cannot see is still listed, so that a handler
     * learns that the item is supervised and by which unit, but with {@code visible} false, no id (0), no
     * number and no state.
     */
    public record Link(String kind, String direction, long itemId, String number, String line, String state,
            String byUnit, boolean visible) {

        public Link(String kind, String direction, long itemId, String number) {
            this(kind, direction, itemId, number, null, null, null, true);
        }
    }

    public record Attachment(long id, String fileName, String contentType, long size, String sha256,
            OffsetDateTime uploadedAt, String uploadedBy, Long auditId) {
    }

    /** One line of the audit trail: who, in which unit, when, what, from which state to which. */
    public record AuditEntry(long id, OffsetDateTime at, String actor, String actorName, Long unitId, String unitName,
            String channel, String action, Label actionLabel, String fromState, String toState, Long assignmentId,
            String opinion, Map<String, Object> input, Map<String, Object> details) {
    }
}
