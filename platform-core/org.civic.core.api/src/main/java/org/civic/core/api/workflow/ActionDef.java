package org.civic.core.api.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An action of a line (ids lower_snake, as in the specs): from which states, by which roles, within
 * which scope, with which input, to which state, and with which effects.
 *
 * <p>An item-level action names the item states it is allowed from. An <em>assignment</em> action
 * also names assignment states ({@link #onAssignment}): it acts on one assignment of the item — the
 * caller's unit's, or, when {@link #assignmentField} is set, the one of the unit named by that input
 * field (a district deciding on one unit's dispute) — and {@link #toAssignment} is that assignment's
 * next state.
 *
 * @param to the item's next state; null: the state stays (or an effect decides among {@link #alsoTo})
 * @param alsoTo further item states an effect may choose (for example "when every task is done");
 *        the validator counts them as reachable
 * @param handler optional Java for what the effects cannot say; runs after the effects
 */
public record ActionDef(String id, Label label, Set<String> from, Set<String> onAssignment, String assignmentField,
        String to, String toAssignment, Set<String> alsoTo, Set<String> roles, ScopeRule scope, List<FieldDef> input,
        List<Effect> effects, ActionHandler handler, Map<String, Set<String>> rolesByState) {

    /** Whom, besides the role, an action admits. */
    public enum ScopeRule {
        /** The item's region lies in the caller's region subtree. */
        REGION,
        /** The caller's unit holds the assignment acted on (or, for item actions, any active one). */
        HOLDER_UNIT,
        /** The caller created the item. */
        CREATOR,
        /** The caller's unit created the item. */
        CREATOR_UNIT
    }

    public static ActionDef of(String id, String zh, String en) {
        return new ActionDef(id, Label.of(zh, en), Set.of(), Set.of(), null, null, null, Set.of(), Set.of(),
                ScopeRule.REGION, List.of(), List.of(), null, Map.of());
    }

    public boolean onAnAssignment() {
        return !onAssignment.isEmpty();
    }

    public ActionDef allowedFrom(String... states) {
        return new ActionDef(id, label, Set.of(states), onAssignment, assignmentField, to, toAssignment, alsoTo, roles,
                scope, input, effects, handler, rolesByState);
    }

    /** Makes this an assignment action allowed while the acted-on assignment is in one of these states. */
    public ActionDef onAssignmentIn(String... assignmentStates) {
        return new ActionDef(id, label, from, Set.of(assignmentStates), assignmentField, to, toAssignment, alsoTo,
                roles, scope, input, effects, handler, rolesByState);
    }

    /** The assignment acted on is the one of the unit given in this input field (a UNIT field). */
    public ActionDef selectingAssignmentBy(String unitField) {
        return new ActionDef(id, label, from, onAssignment, unitField, to, toAssignment, alsoTo, roles, scope, input,
                effects, handler, rolesByState);
    }

    public ActionDef leadsTo(String state) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, state, toAssignment, alsoTo, roles, scope,
                input, effects, handler, rolesByState);
    }

    public ActionDef assignmentTo(String assignmentState) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, assignmentState, alsoTo, roles, scope,
                input, effects, handler, rolesByState);
    }

    public ActionDef mayLeadTo(String... states) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment,
                new LinkedHashSet<>(List.of(states)), roles, scope, input, effects, handler, rolesByState);
    }

    public ActionDef allowedTo(String... allowed) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, Set.of(allowed),
                scope, input, effects, handler, rolesByState);
    }

    public ActionDef withScope(ScopeRule rule) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, roles, rule,
                input, effects, handler, rolesByState);
    }

    public ActionDef withInput(FieldDef... fields) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, roles, scope,
                List.of(fields), effects, handler, rolesByState);
    }

    /** Adds effects, applied in order after the state changes. */
    public ActionDef withEffects(Effect... more) {
        List<Effect> all = new ArrayList<>(effects);
        all.addAll(List.of(more));
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, roles, scope,
                input, List.copyOf(all), handler, rolesByState);
    }

    public ActionDef withHandler(ActionHandler custom) {
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, roles, scope,
                input, effects, custom, rolesByState);
    }

    /**
     * Who may take the action while the item is in {@code state}, when that differs by state (the clue
     * line's {@code approve}: city officers in the city review, province officers in the province review).
     * A caller with another role gets FORBIDDEN, before any scope check. States not named here use
     * {@link #allowedTo}'s roles.
     */
    public ActionDef allowedToIn(String state, String... allowed) {
        Map<String, Set<String>> all = new java.util.LinkedHashMap<>(rolesByState);
        all.put(state, Set.of(allowed));
        return new ActionDef(id, label, from, onAssignment, assignmentField, to, toAssignment, alsoTo, roles, scope,
                input, effects, handler, Map.copyOf(all));
    }

    /** The roles that may take the action in this item state. */
    public Set<String> rolesFor(String state) {
        Set<String> byState = rolesByState.get(state);
        return byState == null ? roles : byState;
    }

    /** Every role that may take the action in some state. */
    public Set<String> allRoles() {
        Set<String> all = new java.util.TreeSet<>(roles);
        rolesByState.values().forEach(all::addAll);
        return all;
    }

    public FieldDef field(String fieldId) {
        return input.stream().filter(f -> f.id().equals(fieldId)).findFirst().orElse(null);
    }
}
