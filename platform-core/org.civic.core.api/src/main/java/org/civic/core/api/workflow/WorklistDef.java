package org.civic.core.api.workflow;

import java.util.Set;

/**
 * A named list of a line (待处理, 待签收 …): the items in some states, seen either by the caller's
 * region (a district's list) or by the caller's unit through its assignments (a unit's list).
 *
 * @param itemStates item states listed; empty: any
 * @param assignmentStates for {@link Audience#UNIT}: the caller's unit's assignment states listed;
 *        empty: any active assignment
 * @param sort default sort: {@code createdAt}, {@code -createdAt}, {@code deadline}, {@code updatedAt},
 *        {@code -updatedAt}, {@code number}
 * @param roles roles that see this list; empty: every role of the line
 */
public record WorklistDef(String name, Label label, Audience audience, Set<String> itemStates,
        Set<String> assignmentStates, String sort, Set<String> roles) {

    /** Whose list it is. */
    public enum Audience {
        /** Items of the caller's region and below. */
        REGION,
        /** Items the caller's unit holds an assignment of. */
        UNIT
    }

    public static WorklistDef region(String name, String zh, String en, String... itemStates) {
        return new WorklistDef(name, Label.of(zh, en), Audience.REGION, Set.of(itemStates), Set.of(), "createdAt",
                Set.of());
    }

    public static WorklistDef unit(String name, String zh, String en, String... assignmentStates) {
        return new WorklistDef(name, Label.of(zh, en), Audience.UNIT, Set.of(), Set.of(assignmentStates), "createdAt",
                Set.of());
    }

    public WorklistDef sortedBy(String key) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, key, roles);
    }

    public WorklistDef withItemStates(String... states) {
        return new WorklistDef(name, label, audience, Set.of(states), assignmentStates, sort, roles);
    }

    public WorklistDef forRoles(String... allowed) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, sort, Set.of(allowed));
    }
}
