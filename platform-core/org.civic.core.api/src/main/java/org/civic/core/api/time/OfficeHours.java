package org.civic.core.api.time;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The office periods of a working day (parameter {@code calendar.officeHours}), e.g.
 * {@code 08:30-12:00,13:30-17:30}: ascending, non-overlapping periods within one day.
 */
public final class OfficeHours {

    /** One office period, start inclusive, end exclusive. */
    public record Period(LocalTime start, LocalTime end) {
    }

    public static final OfficeHours DEFAULT = parse("08:30-12:00,13:30-17:30");

    private final List<Period> periods;

    private OfficeHours(List<Period> periods) {
        this.periods = List.copyOf(periods);
    }

    /**
     * @throws IllegalArgumentException when the text is not "HH:mm-HH:mm[,HH:mm-HH:mm...]" with
     *         ascending, non-overlapping periods
     */
    public static OfficeHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Office hours are empty");
        }
        List<Period> periods = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length != 2) {
                throw new IllegalArgumentException("Not an office period (HH:mm-HH:mm): " + part.trim());
            }
            LocalTime start;
            LocalTime end;
            try {
                start = LocalTime.parse(ends[0].trim());
                end = LocalTime.parse(ends[1].trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an office period (HH:mm-HH:mm): " + part.trim(), e);
            }
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("An office period must end after it starts: " + part.trim());
            }
            if (!periods.isEmpty() && start.isBefore(periods.get(periods.size() - 1).end())) {
                throw new IllegalArgumentException("Office periods must be ascending and must not overlap: " + text);
            }
            periods.add(new Period(start, end));
        }
        return new OfficeHours(periods);
    }

    public List<Period> periods() {
        return periods;
    }

    public LocalTime lastEnd() {
        return periods.get(periods.size() - 1).end();
    }

    @Override
    public String toString() {
        return periods.stream().map(p -> p.start() + "-" + p.end()).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfficeHours && ((OfficeHours) o).periods.equals(periods);
    }

    @Override
    public int hashCode() {
        return periods.hashCode();
    }
}
