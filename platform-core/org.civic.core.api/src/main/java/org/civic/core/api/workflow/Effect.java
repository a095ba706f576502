package org.civic.core.api.workflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Unit;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ActionContext.Assignment;
import org.civic.core.api.workflow.ActionContext.Clock;

/**
 * The reusable building blocks of an action's effect. A line composes its actions from these; what
 * they cannot say goes into an {@link ActionHandler}.
 */
public interface Effect {

    void apply(ActionContext ctx);

    /** Copies the named input fields into the item's fields (edit, evaluate, record a result). */
    static Effect setFields(String... fields) {
        return new SetFields(List.of(fields));
    }

    /** One new assignment per unit of a UNIT_LIST field (dispatch to several, co-handling). */
    static Effect dispatch(String unitsField, String role, String state) {
        return new Dispatch(unitsField, role, state);
    }

    /** One new assignment for the unit of a UNIT field. */
    static Effect assign(String unitField, String role, String state) {
        return new Assign(unitField, role, state);
    }

    /** Moves the acted-on assignment down to a unit of a directly subordinate region. */
    static Effect transferDown(String unitField) {
        return new TransferDown(unitField);
    }

    /** Moves the acted-on assignment back to the unit it came from (a return, a submission up). */
    static Effect returnUp() {
        return new ReturnUp();
    }

    static Effect startClock(String clock) {
        return new StartClock(clock);
    }

    static Effect stopClock(String clock) {
        return new StopClock(clock);
    }

    static Effect pauseClock(String clock) {
        return new PauseClock(clock);
    }

    static Effect resumeClock(String clock) {
        return new ResumeClock(clock);
    }

    /** Files an extension request; the deadline moves only when {@link #grantExtension} follows. */
    static Effect requestExtension(String clock, String newDeadlineField) {
        return new RequestExtension(clock, newDeadlineField);
    }

    static Effect grantExtension(String clock) {
        return new GrantExtension(clock);
    }

    static Effect denyExtension(String clock) {
        return new DenyExtension(clock);
    }

    /** When every assignment not in {@code ignoring} is in {@code states}, the item moves to {@code itemState}. */
    static Effect whenAllAssignments(Set<String> states, Set<String> ignoring, String itemState) {
        return new WhenAllAssignments(states, ignoring, itemState);
    }

    /** Links the item to the item named by an ITEM field. */
    static Effect link(String kind, String itemField) {
        return new Link(kind, itemField);
    }

    /** Clocks an effect touches: the acted-on assignment's, the ones just created, or the item's. */
    private static List<Assignment> targets(ActionContext ctx, String clock) {
        ClockDef def = ctx.line().clock(clock);
        if (def == null || !def.perAssignment()) {
            return java.util.Collections.singletonList(null);
        }
        if (!ctx.created().isEmpty()) {
            return ctx.created();
        }
        if (ctx.acting() != null) {
            return List.of(ctx.acting());
        }
        return ctx.assignments().stream().filter(Assignment::active).toList();
    }

    private static Clock running(ActionContext ctx, Assignment a, String clock) {
        Clock c = ctx.clock(a, clock);
        if (c == null || !c.running()) {
            throw CivicException.invalidState("The " + clock + " clock is not running");
        }
        return c;
    }

    record SetFields(List<String> fields) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (String f : fields) {
                if (ctx.input().containsKey(f)) {
                    ctx.setField(f, ctx.input().get(f));
                }
            }
        }
    }

    record Dispatch(String unitsField, String role, String state) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            Object value = ctx.input().get(unitsField);
            if (!(value instanceof List<?> ids) || ids.isEmpty()) {
                throw CivicException.missingField(unitsField);
            }
            for (Object id : ids) {
                long unitId = ((Number) id).longValue();
                Unit unit = ctx.addressableUnit(unitsField, unitId);
                boolean holding = ctx.assignments().stream().anyMatch(a -> a.active() && a.unitId() == unitId);
                if (holding) {
                    throw CivicException.invalidValue(unitsField, "Unit " + unitId + " already holds this item");
                }
                ctx.assign(unit, role, state);
            }
        }
    }

    record Assign(String unitField, String role, String state) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            Object value = ctx.input().get(unitField);
            if (value == null) {
                throw CivicException.missingField(unitField);
            }
            long unitId = ((Number) value).longValue();
            Unit unit = ctx.addressableUnit(unitField, unitId);
            if (ctx.assignments().stream().anyMatch(a -> a.active() && a.unitId() == unitId)) {
                throw CivicException.invalidValue(unitField, "Unit " + unitId + " already holds this item");
            }
            ctx.assign(unit, role, state);
        }
    }

    record TransferDown(String unitField) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            Assignment a = ctx.acting();
            if (a == null) {
                throw new IllegalStateException("transferDown needs an assignment action");
            }
            Object value = ctx.input().get(unitField);
            if (value == null) {
                throw CivicException.missingField(unitField);
            }
            Unit unit = ctx.addressableUnit(unitField, ((Number) value).longValue());
            if (!a.unitRegionCode().equals(org.civic.core.api.org.RegionCodes.parentOf(unit.regionCode()))) {
                throw CivicException.invalidValue(unitField,
                        "A transfer goes to a unit of a region directly below " + a.unitRegionCode());
            }
            a.transferTo(unit);
        }
    }

    record ReturnUp() implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            Assignment a = ctx.acting();
            if (a == null || !a.returnToPrevious()) {
                throw CivicException.invalidState("This item was not transferred to the acting unit; it cannot go back up");
            }
        }
    }

    record StartClock(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            ClockDef def = ctx.line().clock(clock);
            Instant given = null;
            if (def.deadlineField() != null && ctx.input().get(def.deadlineField()) instanceof OffsetDateTime t) {
                given = t.toInstant();
            }
            for (Assignment a : targets(ctx, clock)) {
                ctx.startClock(a, clock, given);
            }
        }
    }

    record StopClock(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (Assignment a : targets(ctx, clock)) {
                Clock c = ctx.clock(a, clock);
                if (c != null && (c.running() || c.paused())) {
                    c.stop();
                }
            }
        }
    }

    record PauseClock(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (Assignment a : targets(ctx, clock)) {
                running(ctx, a, clock).pause();
            }
        }
    }

    record ResumeClock(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (Assignment a : targets(ctx, clock)) {
                Clock c = ctx.clock(a, clock);
                if (c == null || !c.paused()) {
                    throw CivicException.invalidState("The " + clock + " clock is not paused");
                }
                c.resume();
            }
        }
    }

    record RequestExtension(String clock, String newDeadlineField) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            OffsetDateTime requested = (OffsetDateTime) ctx.input().get(newDeadlineField);
            if (requested == null) {
                throw CivicException.missingField(newDeadlineField);
            }
            for (Assignment a : targets(ctx, clock)) {
                Clock c = running(ctx, a, clock);
                if (c.pendingDeadline() != null) {
                    throw new CivicException(409, "REQUEST_PENDING", "An extension request is already pending");
                }
                if (!ctx.now().isBefore(c.deadline())) {
                    throw new CivicException(409, "DEADLINE_PASSED", "The deadline has passed; an extension can no longer be requested");
                }
                if (!requested.toInstant().isAfter(c.deadline())) {
                    throw CivicException.invalidValue(newDeadlineField, "The new deadline must be later than the current one");
                }
                c.requestExtension(requested.toInstant());
            }
        }
    }

    record GrantExtension(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (Assignment a : targets(ctx, clock)) {
                Clock c = ctx.clock(a, clock);
                if (c == null || c.pendingDeadline() == null) {
                    throw CivicException.invalidState("There is no pending extension request");
                }
                c.grantExtension();
            }
        }
    }

    record DenyExtension(String clock) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            for (Assignment a : targets(ctx, clock)) {
                Clock c = ctx.clock(a, clock);
                if (c == null || c.pendingDeadline() == null) {
                    throw CivicException.invalidState("There is no pending extension request");
                }
                c.denyExtension();
            }
        }
    }

    record WhenAllAssignments(Set<String> states, Set<String> ignoring, String itemState) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            List<Assignment> counted = ctx.assignments().stream().filter(a -> !ignoring.contains(a.state())).toList();
            if (!counted.isEmpty() && counted.stream().allMatch(a -> states.contains(a.state()))) {
                ctx.moveItemTo(itemState);
            }
        }
    }

    record Link(String kind, String itemField) implements Effect {
        @Override
        public void apply(ActionContext ctx) {
            Object value = ctx.input().get(itemField);
            if (value == null) {
                throw CivicException.missingField(itemField);
            }
            try {
                ctx.link(kind, ((Number) value).longValue());
            } catch (CivicException e) {
                // The caller named the item in this field: the error names the field, not the kernel's own.
                if (e.code().startsWith("INVALID_VALUE:")) {
                    throw CivicException.invalidValue(itemField, e.getMessage());
                }
                throw e;
            }
        }
    }

    /** Helper for handlers: the deadline of a rule from an instant, on the item's calendar. */
    static Instant deadline(Deadlines d, ClockDef.DeadlineRule rule, Instant from) {
        return DeadlineRules.apply(d, rule, from);
    }
}
