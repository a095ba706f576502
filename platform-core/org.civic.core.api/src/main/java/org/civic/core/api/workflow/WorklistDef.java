package org.civic.core.api.workflow;

import java.util.List;
import java.util.Set;

/**
 * A named list of a line (待处理, 待签收 …): the items in some states, seen either by the caller's
 * region (a district's list) or by the caller's unit through its assignments (a unit's list).
 *
 * @param itemStates item states listed; empty: any
 * @param assignmentStates for {@link Audience#UNIT}: the caller's unit's assignment states listed;
 *        empty: any active assignment. For {@link Audience#REGION}: items with at least one active
 *        assignment (of any unit) in one of these states; empty: no condition
 * @param excludedAssignmentStates for {@link Audience#REGION}: items with no active assignment in these
 *        states (待回访: every unit has fed back)
 * @param sort default sort: {@code createdAt}, {@code -createdAt}, {@code deadline}, {@code updatedAt},
 *        {@code -updatedAt}, {@code number}
 * @param roles roles that see this list; empty: every role of the line
 * @param reminder whether the list's count is part of the login reminder (未完成事件提醒): unfinished work,
 *        not an archive
 * @param columns item fields a console shows as columns of the list besides number, title, state, holders,
 *        deadline and card (110 待处理: appellant, phone, appeal time, category)
 */
public record WorklistDef(String name, Label label, Audience audience, Set<String> itemStates,
        Set<String> assignmentStates, Set<String> excludedAssignmentStates, String sort, Set<String> roles,
        boolean reminder, List<String> columns) {

    /** Whose list it is. */
    public enum Audience {
        /** Items of the caller's region and below. */
        REGION,
        /** Items the caller's unit holds an assignment of. */
        UNIT
    }

    /** A list outside the login reminder (the shape before the flag existed). */
    public WorklistDef(String name, Label label, Audience audience, Set<String> itemStates, Set<String> assignmentStates,
            Set<String> excludedAssignmentStates, String sort, Set<String> roles) {
        this(name, label, audience, itemStates, assignmentStates, excludedAssignmentStates, sort, roles, false,
                List.of());
    }

    public static WorklistDef region(String name, String zh, String en, String... itemStates) {
        return new WorklistDef(name, Label.of(zh, en), Audience.REGION, Set.of(itemStates), Set.of(), Set.of(),
                "createdAt", Set.of(), false, List.of());
    }

    public static WorklistDef unit(String name, String zh, String en, String... assignmentStates) {
        return new WorklistDef(name, Label.of(zh, en), Audience.UNIT, Set.of(), Set.of(assignmentStates), Set.of(),
                "createdAt", Set.of(), false, List.of());
    }

    public WorklistDef sortedBy(String key) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, excludedAssignmentStates, key,
                roles, reminder, columns);
    }

    public WorklistDef withItemStates(String... states) {
        return new WorklistDef(name, label, audience, Set.of(states), assignmentStates, excludedAssignmentStates, sort,
                roles, reminder, columns);
    }

    /** A region list of items with an active assignment in one of these states (待反馈, 争议处理). */
    public WorklistDef withAnyAssignmentIn(String... states) {
        return new WorklistDef(name, label, audience, itemStates, Set.of(states), excludedAssignmentStates, sort, roles,
                reminder, columns);
    }

    /** A region list of items with no active assignment in these states (待回访: nobody still handling). */
    public WorklistDef withNoAssignmentIn(String... states) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, Set.of(states), sort, roles,
                reminder, columns);
    }

    public WorklistDef forRoles(String... allowed) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, excludedAssignmentStates, sort,
                Set.of(allowed), reminder, columns);
    }

    /** Its count is shown in the login reminder (spec 110 §7: the unfinished lists of the user). */
    public WorklistDef remindedAtLogin() {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, excludedAssignmentStates, sort, roles,
                true, columns);
    }

    /** Item fields shown as columns of the list. */
    public WorklistDef showing(String... fields) {
        return new WorklistDef(name, label, audience, itemStates, assignmentStates, excludedAssignmentStates, sort, roles,
                reminder, List.of(fields));
    }
}
