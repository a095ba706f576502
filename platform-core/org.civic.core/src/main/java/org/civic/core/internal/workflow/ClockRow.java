package org.civic.core.internal.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.ClockDef.DeadlineRule;
import org.civic.core.internal.persistence.ClockEntity;

/**
 * A stored clock with its rules. The deadline is computed once, when the clock starts, and changes
 * only by a pause/resume shift, an approved extension or an explicit move; {@code nextCardAt} is
 * the instant of the next card and is kept right after every change.
 */
final class ClockRow implements ActionContext.Clock {

    static final String RUNNING = "RUNNING";
    static final String PAUSED = "PAUSED";
    static final String STOPPED = "STOPPED";

    final ClockEntity e;
    final ClockDef def;
    /** The rule this clock follows (the urgent one for an urgent item); null when the line no longer has it. */
    private final DeadlineRule rule;
    private final Deadlines deadlines;
    private final Instant now;
    private final ClockEvents events;

    /** Receives each change for the audit trail. */
    interface ClockEvents {
        void clockEvent(ClockRow clock, String event, Map<String, Object> details);
    }

    ClockRow(ClockEntity e, ClockDef def, DeadlineRule rule, Deadlines deadlines, Instant now, ClockEvents events) {
        this.e = e;
        this.def = def;
        this.rule = rule;
        this.deadlines = deadlines;
        this.now = now;
        this.events = events;
    }

    void start(Instant deadline) {
        e.setStatus(RUNNING);
        e.setStartedAt(now.toEpochMilli());
        e.setDeadline(deadline.toEpochMilli());
        refresh();
        events.clockEvent(this, "started", Map.of("deadline", iso(deadline)));
    }

    @Override
    public String name() {
        return e.getName();
    }

    @Override
    public Instant startedAt() {
        return Instant.ofEpochMilli(e.getStartedAt());
    }

    @Override
    public Instant deadline() {
        return Instant.ofEpochMilli(e.getDeadline());
    }

    @Override
    public boolean running() {
        return RUNNING.equals(e.getStatus());
    }

    @Override
    public boolean paused() {
        return PAUSED.equals(e.getStatus());
    }

    @Override
    public Instant pendingDeadline() {
        return e.getPendingDeadline() == null ? null : Instant.ofEpochMilli(e.getPendingDeadline());
    }

    @Override
    public void stop() {
        e.setStatus(STOPPED);
        e.setStoppedAt(now.toEpochMilli());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("onTime", !now.isAfter(deadline()));
        if (e.getPendingDeadline() != null) {
            details.put("extensionWithdrawn", iso(pendingDeadline()));
            e.setPendingDeadline(null);
            e.setPendingSince(null);
        }
        refresh();
        events.clockEvent(this, "stopped", details);
    }

    @Override
    public void pause() {
        if (!running()) {
            throw CivicException.invalidState("The " + name() + " clock is not running");
        }
        e.setStatus(PAUSED);
        e.setPausedAt(now.toEpochMilli());
        refresh();
        events.clockEvent(this, "paused", Map.of());
    }

    @Override
    public void resume() {
        if (!paused()) {
            throw CivicException.invalidState("The " + name() + " clock is not paused");
        }
        Instant pausedAt = Instant.ofEpochMilli(e.getPausedAt());
        Instant oldDeadline = deadline();
        e.setDeadline(shift(pausedAt, oldDeadline).toEpochMilli());
        if (e.getRedDue() != null && e.getRedAt() == null) {
            e.setRedDue(shift(pausedAt, Instant.ofEpochMilli(e.getRedDue())).toEpochMilli());
        }
        e.setStatus(RUNNING);
        e.setPausedAt(null);
        refresh();
        events.clockEvent(this, "resumed", Map.of("pausedAt", iso(pausedAt), "deadline", iso(deadline()),
                "previousDeadline", iso(oldDeadline)));
    }

    /**
     * The instant that keeps what was left at {@code pausedAt} until {@code threshold}: office time
     * for calendar-bound rules, clock time for minute rules.
     */
    private Instant shift(Instant pausedAt, Instant threshold) {
        if (!threshold.isAfter(pausedAt)) {
            return threshold;
        }
        if (rule != null && rule.kind() == DeadlineRule.Kind.MINUTES) {
            return threshold.plus(Duration.between(pausedAt, now));
        }
        Duration left = deadlines.workingTimeBetween(pausedAt, threshold);
        return deadlines.plusWorkingTime(now, left);
    }

    @Override
    public void moveDeadline(Instant deadline) {
        Instant old = deadline();
        e.setDeadline(deadline.toEpochMilli());
        refresh();
        events.clockEvent(this, "deadline_moved", Map.of("deadline", iso(deadline), "previousDeadline", iso(old)));
    }

    @Override
    public void requestExtension(Instant newDeadline) {
        e.setPendingDeadline(newDeadline.toEpochMilli());
        e.setPendingSince(now.toEpochMilli());
        refresh();
        events.clockEvent(this, "extension_requested", Map.of("requestedDeadline", iso(newDeadline)));
    }

    @Override
    public void redCardAfter(int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("A red card comes at least 1 working day after the yellow one");
        }
        e.setRedAfterDays(workingDays);
        if (e.getYellowAt() != null && e.getRedAt() == null) {
            e.setRedDue(redDue(e, def, deadlines));
            refresh();
        }
    }

    /** When the red card falls due after the yellow one of {@code e}; null when the clock raises none. */
    static Long redDue(ClockEntity e, ClockDef def, Deadlines deadlines) {
        Integer days = e.getRedAfterDays() != null ? e.getRedAfterDays() : def == null ? null : def.redAfterWorkingDays();
        if (days == null || e.getYellowAt() == null) {
            return null;
        }
        return deadlines.plusWorkingDaysSameTime(Instant.ofEpochMilli(e.getYellowAt()), days).toEpochMilli();
    }

    @Override
    public void grantExtension() {
        Instant granted = pendingDeadline();
        e.setPendingDeadline(null);
        e.setPendingSince(null);
        moveDeadline(granted);
        events.clockEvent(this, "extension_granted", Map.of("deadline", iso(granted)));
    }

    @Override
    public void denyExtension() {
        Instant denied = pendingDeadline();
        e.setPendingDeadline(null);
        e.setPendingSince(null);
        if (!now.isBefore(deadline())) {
            // A request filed before the deadline held the yellow card back; it is due now.
            e.setYellowFloor(now.toEpochMilli());
        }
        refresh();
        events.clockEvent(this, "extension_denied", Map.of("requestedDeadline", iso(denied)));
    }

    private static String iso(Instant t) {
        return t.atZone(org.civic.core.api.PlatformClock.ZONE).toOffsetDateTime().toString();
    }

    /** Keeps {@code nextCardAt}: the next threshold at which the scanner raises a card, or null. */
    void refresh() {
        e.setNextCardAt(nextCard(e, def));
    }

    static Long nextCard(ClockEntity e, ClockDef def) {
        if (def == null) {
            return null;
        }
        Long next = threshold(e, def);
        if (next == null || RUNNING.equals(e.getStatus())) {
            return next;
        }
        // A stopped or paused clock still owes the card whose threshold passed while it ran, even when no
        // scan ran in between (cards follow recorded times, not scans); stopping at the threshold is in time.
        Long until = STOPPED.equals(e.getStatus()) ? e.getStoppedAt() : e.getPausedAt();
        return until != null && next < until ? next : null;
    }

    private static Long threshold(ClockEntity e, ClockDef def) {
        Long card = cardThreshold(e, def);
        Long action = deadlineActionOwed(e, def) ? e.getDeadline() : null;
        if (card == null || action == null) {
            return card == null ? action : card;
        }
        return Math.min(card, action);
    }

    /** Whether the clock's deadline action is still to be taken (whether its deadline passed or not). */
    static boolean deadlineActionOwed(ClockEntity e, ClockDef def) {
        return def != null && def.deadlineAction() != null && e.getOverdueAt() == null;
    }

    /** The instant of the next card of this clock, or null. */
    static Long cardThreshold(ClockEntity e, ClockDef def) {
        if (def.yellowCard() && e.getYellowAt() == null) {
            boolean heldBack = e.getPendingDeadline() != null && e.getPendingSince() != null
                    && e.getPendingSince() < e.getDeadline();
            if (heldBack) {
                return null;
            }
            return e.getYellowFloor() == null ? e.getDeadline() : Math.max(e.getDeadline(), e.getYellowFloor());
        }
        if (e.getRedDue() != null && e.getRedAt() == null) {
            return e.getRedDue();
        }
        return null;
    }
}
