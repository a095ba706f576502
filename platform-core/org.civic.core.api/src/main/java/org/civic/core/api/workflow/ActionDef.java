package org.civic.core.api.workflow;

import java.util.List;
import java.util.Set;

/**
 * An action of a line (ids lower_snake, as in the specs): from which states, by which roles, within
 * which scope, with which input, to which state ({@code to} null: the state stays).
 */
public record ActionDef(String id, Label label, Set<String> from, String to, Set<String> roles, ScopeRule scope,
        List<FieldDef> input) {

    /** Whom, besides the role, an action admits. */
    public enum ScopeRule {
        /** The item's region lies in the caller's region subtree. */
        REGION,
        /** The caller's unit holds the item (or one of its active assignments). */
        HOLDER_UNIT,
        /** The caller created the item. */
        CREATOR
    }

    public static ActionDef of(String id, String zh, String en) {
        return new ActionDef(id, Label.of(zh, en), Set.of(), null, Set.of(), ScopeRule.REGION, List.of());
    }

    public ActionDef allowedFrom(String... states) {
        return new ActionDef(id, label, Set.of(states), to, roles, scope, input);
    }

    public ActionDef leadsTo(String state) {
        return new ActionDef(id, label, from, state, roles, scope, input);
    }

    public ActionDef allowedTo(String... allowed) {
        return new ActionDef(id, label, from, to, Set.of(allowed), scope, input);
    }

    public ActionDef withScope(ScopeRule rule) {
        return new ActionDef(id, label, from, to, roles, rule, input);
    }

    public ActionDef withInput(FieldDef... fields) {
        return new ActionDef(id, label, from, to, roles, scope, List.of(fields));
    }
}
