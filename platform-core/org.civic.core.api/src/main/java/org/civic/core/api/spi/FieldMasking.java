package org.civic.core.api.spi;

import java.util.Set;

import org.civic.core.api.org.Caller;

/**
 * A line's privacy rule for reading items (whiteboard service): which of the item's fields a caller sees
 * masked, e.g. the appellant's phone for a district leader (110 line, assumption A11). The kernel applies
 * it to item views (fields and the audit trail's inputs) and to list and query rows; what a caller reads
 * is masked, what is stored is not. The line's own work (handlers) always sees the full values.
 */
public interface FieldMasking {

    /** The line whose items this rule covers. */
    String line();

    /** The field ids this caller sees masked; empty for full values. */
    Set<String> maskedFor(Caller caller);

    /** {@code 13800000002} → {@code 138****0002}; short values become {@code ****}. */
    static String mask(Object value) {
        String s = String.valueOf(value);
        if (s.length() < 8) {
            return "****";
        }
        return s.substring(0, 3) + "****" + s.substring(s.length() - 4);
    }
}
