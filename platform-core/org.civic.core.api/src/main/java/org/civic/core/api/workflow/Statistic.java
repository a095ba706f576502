package org.civic.core.api.workflow;

import java.util.List;

/**
 * A statistic of a line over the items a query selects, grouped by state, region, unit, day or
 * month. Rates are fractions (0.25 = 25 %) of closed items; null when no item closed.
 */
public record Statistic(String line, String name, Label label, List<Row> rows, Row total) {

    /** The statistics every line has. */
    public static final List<String> NAMES = List.of("by-state", "by-region", "by-unit", "by-day", "by-month");

    /**
     * @param closed items in a terminal state
     * @param overdue items that got a yellow card on any clock
     * @param onTime closed items that never got a card
     * @param averageHandlingHours mean of closedAt − createdAt over closed items, in hours
     */
    public record Row(String key, String label, long total, long open, long closed, long onTime, long overdue,
            Double onTimeRate, Double overdueRate, Double averageHandlingHours) {
    }
}
