package org.civic.core.api.workflow;

/**
 * A statutory clock of a line: how its deadline is computed when it starts, and which cards it
 * raises. Deadlines use the working calendar of the item's region.
 *
 * @param perAssignment true: each assignment has its own clock (a unit's sign-in limit); false: one
 *        per item
 * @param rule the default deadline
 * @param urgentField a BOOLEAN item field; when it is true, {@code urgentRule} applies instead
 * @param deadlineField an input field of the starting action (DATETIME) that, when given, replaces the
 *        computed deadline (a dispatcher's own handling deadline)
 * @param yellowCard raise a yellow card when the deadline passes while the clock runs
 * @param redAfterWorkingDays raise a red card this many working days (same time of day) after the
 *        yellow card, when the clock still runs; null: no red card. An action may set another number for one
 *        clock ({@link ActionContext.Clock#redCardAfter}), e.g. a district's own value
 * @param deadlineAction an action of the line the kernel takes as {@link org.civic.core.api.org.Caller#system()}
 *        when the deadline passes while the clock runs, once per clock start (a notice that no card stands for,
 *        such as "the department callback is overdue"); null: none. For a per-assignment clock the action
 *        selects its assignment by a unit field ({@link ActionDef#selectingAssignmentBy}), which the kernel fills
 *        with the clock's unit
 * @param cardAction an action of the line the kernel takes as the system in the transaction that raises a card
 *        of this clock (a notice to the carded unit), with the card's colour in the input field {@value #CARD_FIELD}
 *        when the action declares it and the clock's unit in its unit field as for {@code deadlineAction}; when the
 *        action does not apply to the item as it is (refused), the card is raised without it. null: none
 */
public record ClockDef(String name, Label label, boolean perAssignment, DeadlineRule rule, String urgentField,
        DeadlineRule urgentRule, String deadlineField, boolean yellowCard, Integer redAfterWorkingDays,
        String deadlineAction, String cardAction) {

    /** The input field in which the kernel hands a {@link #cardAction} the colour of the card: YELLOW or RED. */
    public static final String CARD_FIELD = "card";

    public static ClockDef of(String name, String zh, String en, DeadlineRule rule) {
        return new ClockDef(name, Label.of(zh, en), false, rule, null, null, null, false, null, null, null);
    }

    public ClockDef forEachAssignment() {
        return new ClockDef(name, label, true, rule, urgentField, urgentRule, deadlineField, yellowCard,
                redAfterWorkingDays, deadlineAction, cardAction);
    }

    public ClockDef whenUrgent(String booleanField, DeadlineRule urgent) {
        return new ClockDef(name, label, perAssignment, rule, booleanField, urgent, deadlineField, yellowCard,
                redAfterWorkingDays, deadlineAction, cardAction);
    }

    public ClockDef deadlineFrom(String inputField) {
        return new ClockDef(name, label, perAssignment, rule, urgentField, urgentRule, inputField, yellowCard,
                redAfterWorkingDays, deadlineAction, cardAction);
    }

    public ClockDef withYellowCard() {
        return new ClockDef(name, label, perAssignment, rule, urgentField, urgentRule, deadlineField, true,
                redAfterWorkingDays, deadlineAction, cardAction);
    }

    public ClockDef redCardAfter(int workingDays) {
        return new ClockDef(name, label, perAssignment, rule, urgentField, urgentRule, deadlineField, true,
                workingDays, deadlineAction, cardAction);
    }

    /** Takes the action {@code actionId} as the system when the deadline passes while the clock runs. */
    public ClockDef atDeadline(String actionId) {
        return new ClockDef(name, label, perAssignment, rule, urgentField, urgentRule, deadlineField, yellowCard,
                redAfterWorkingDays, actionId, cardAction);
    }

    /** Takes the action {@code actionId} as the system whenever a card of this clock is raised. */
    public ClockDef onCard(String actionId) {
        return new ClockDef(name, label, perAssignment, rule, urgentField, urgentRule, deadlineField, yellowCard,
                redAfterWorkingDays, deadlineAction, actionId);
    }

    /** How a deadline is computed from the instant a clock starts. */
    public record DeadlineRule(Kind kind, int amount) {

        public enum Kind {
            /** Office minutes of working days ("sign within 2 office hours" = 120). */
            OFFICE_MINUTES,
            /** Clock minutes ("urgent: 30 minutes", "24 hours" = 1440). */
            MINUTES,
            /** 23:59:59 of the n-th working day after the start date. */
            WORKING_DAYS,
            /** The end of the last office period (17:00) of the n-th working day after the start date. */
            WORKING_DAYS_OFFICE_END,
            /** The same time of day n working days later ("red card 3 working days after yellow"). */
            WORKING_DAYS_SAME_TIME,
            /** 23:59:59 of the start date plus n days, moved to the next working day when that is none. */
            CALENDAR_DAYS
        }

        public static DeadlineRule officeMinutes(int n) {
            return new DeadlineRule(Kind.OFFICE_MINUTES, n);
        }

        public static DeadlineRule minutes(int n) {
            return new DeadlineRule(Kind.MINUTES, n);
        }

        public static DeadlineRule workingDays(int n) {
            return new DeadlineRule(Kind.WORKING_DAYS, n);
        }

        public static DeadlineRule workingDaysOfficeEnd(int n) {
            return new DeadlineRule(Kind.WORKING_DAYS_OFFICE_END, n);
        }

        public static DeadlineRule workingDaysSameTime(int n) {
            return new DeadlineRule(Kind.WORKING_DAYS_SAME_TIME, n);
        }

        public static DeadlineRule calendarDays(int n) {
            return new DeadlineRule(Kind.CALENDAR_DAYS, n);
        }
    }
}
