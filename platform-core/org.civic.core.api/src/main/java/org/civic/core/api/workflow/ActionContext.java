package org.civic.core.api.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Unit;
import org.civic.core.api.time.Deadlines;

/**
 * What an effect or a handler sees of the action being taken. Everything it changes is written in the
 * action's one transaction, or not at all.
 */
public interface ActionContext {

    Caller caller();

    /** The platform clock's time of this action (one value for the whole action). */
    Instant now();

    LineDefinition line();

    ActionDef action();

    long itemId();

    String number();

    String regionCode();

    /** The item's state as it is now (after the action's own {@code to}, if any). */
    String state();

    /** Moves the item to the action's {@code to} or one of its {@code alsoTo} states. */
    void moveItemTo(String state);

    /** The validated input: String, Long, BigDecimal, Boolean, LocalDate, OffsetDateTime or List of Long. */
    Map<String, Object> input();

    Object field(String id);

    void setField(String id, Object value);

    /** The assignment acted on; null for an item action. */
    Assignment acting();

    /** Every assignment of the item, active or not, oldest first. */
    List<Assignment> assignments();

    /** The assignments this action created so far. */
    List<Assignment> created();

    /** A new active assignment of the item. */
    Assignment assign(Unit unit, String role, String state);

    /**
     * A unit the caller may address: active and within the caller's region.
     *
     * @throws org.civic.core.api.CivicException INVALID_VALUE:{@code field} otherwise
     */
    Unit addressableUnit(String field, long unitId);

    /** The running or last clock of this name (for {@code assignment}, or the item when null); null if none. */
    Clock clock(Assignment assignment, String name);

    /** Starts the clock (stopping an earlier one of the same name): the rule's deadline, or the given one. */
    Clock startClock(Assignment assignment, String name, Instant deadlineOrNull);

    /** Links the item to another one the caller can see ({@code merged-into}, {@code converted-from}, ...). */
    void link(String kind, long otherItemId);

    /** Deadline arithmetic on the working calendar of the item's region. */
    Deadlines deadlines();

    /**
     * The next value (1, 2, 3, ...) of a counter of this line named {@code name} (a yearly business
     * number, say). Values are handed out in their own short transaction, one at a time: a refused
     * action leaves a gap, never a duplicate.
     */
    default long nextInSequence(String name) {
        throw new UnsupportedOperationException("This context hands out no sequence values");
    }

    /**
     * Moves the item to another region (the clue line's item follows the actual place of employment as it
     * is learnt). Visibility, region lists and statistics follow the new region; the audit entry names both.
     *
     * @throws org.civic.core.api.CivicException INVALID_VALUE:regionCode when no such region exists
     */
    default void moveToRegion(String regionCode) {
        throw new UnsupportedOperationException("This context cannot move the item");
    }

    /**
     * The channel the audit entry names, when the line knows better than the transport (a partner's
     * back end relaying a complainant from the mini-program: {@code MINI_PROGRAM}).
     */
    default void recordChannel(String channel) {
        throw new UnsupportedOperationException("This context records no channel");
    }

    /**
     * Publishes a further event {@code {line}.{name}} after the commit, with the action's payload (the clue
     * line's {@code clue.completed} beside {@code clue.approve}).
     */
    default void publishAlso(String name) {
        throw new UnsupportedOperationException("This context publishes no further events");
    }

    /** Adds a detail to the action's audit entry. */
    void note(String key, Object value);

    /** One holder of an item. */
    interface Assignment {

        long id();

        long unitId();

        String unitName();

        String unitRegionCode();

        String role();

        String state();

        boolean active();

        /** Moves the assignment to a declared assignment state; a terminal one ends it. */
        void moveTo(String state);

        /** Hands the assignment to another unit, remembering the current one for {@link #returnToPrevious}. */
        void transferTo(Unit unit);

        /** Hands the assignment back to the unit it came from; false when it has no previous holder. */
        boolean returnToPrevious();

        /** Unit ids this assignment passed through before the current one, oldest first. */
        List<Long> previousUnits();
    }

    /** A statutory clock with its stored deadline. */
    interface Clock {

        String name();

        Instant startedAt();

        Instant deadline();

        boolean running();

        boolean paused();

        /** The requested new deadline of a pending extension, or null. */
        Instant pendingDeadline();

        void stop();

        /** Freezes the clock; resuming shifts the deadline by the working time it stood still. */
        void pause();

        void resume();

        /** Sets a new deadline (an approved extension, a send-back's new limit). */
        void moveDeadline(Instant deadline);

        void requestExtension(Instant newDeadline);

        /**
         * Raises this clock's red card {@code workingDays} working days after its yellow one instead of the
         * line's declared number (a district's own limit); also moves a red card that is already due later.
         */
        void redCardAfter(int workingDays);

        void grantExtension();

        void denyExtension();
    }
}
