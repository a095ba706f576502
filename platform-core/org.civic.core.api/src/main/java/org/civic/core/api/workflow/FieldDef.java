package org.civic.core.api.workflow;

import java.util.List;

/**
 * An input field of a create form or an action (ids lowerCamel). The kernel checks it before any
 * effect runs: {@code MISSING_FIELD:<id>} when required and absent, {@code INVALID_VALUE:<id>} when a
 * rule fails. Immutable; {@code mandatory()} and the {@code with...} methods return changed copies.
 */
public record FieldDef(String id, Label label, FieldType type, boolean required, Integer minLength, Integer maxLength,
        String pattern, List<String> values) {

    /** The kinds of value a field holds. */
    public enum FieldType {
        STRING, TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME, ENUM, UNIT_LIST
    }

    public static FieldDef of(String id, String zh, String en, FieldType type) {
        return new FieldDef(id, Label.of(zh, en), type, false, null, null, null, List.of());
    }

    public FieldDef mandatory() {
        return new FieldDef(id, label, type, true, minLength, maxLength, pattern, values);
    }

    public FieldDef withLength(int min, int max) {
        return new FieldDef(id, label, type, required, min, max, pattern, values);
    }

    public FieldDef withPattern(String regex) {
        return new FieldDef(id, label, type, required, minLength, maxLength, regex, values);
    }

    public FieldDef withValues(String... allowed) {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, List.of(allowed));
    }
}
