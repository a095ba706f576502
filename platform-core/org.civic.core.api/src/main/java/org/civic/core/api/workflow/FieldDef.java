package org.civic.core.api.workflow;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An input field of a create form or an action (ids lowerCamel). The kernel checks it before any
 * effect runs: {@code MISSING_FIELD:<id>} when required and absent, {@code INVALID_VALUE:<id>} when a
 * rule fails. Immutable; {@code mandatory()} and the {@code with...} methods return changed copies.
 *
 * @param future for DATE and DATETIME: the value must lie after the platform clock's now
 * @param past for DATE and DATETIME: the value must not lie after now (an appeal's time, say)
 * @param min lower bound of an INTEGER or DECIMAL value, or the fewest entries of a UNIT_LIST or USER_LIST
 * @param max upper bound of an INTEGER or DECIMAL value, or the most entries of a UNIT_LIST or USER_LIST
 * @param valueLabels labels of ENUM values ({@code SATISFIED} → 满意 / Satisfied) for forms, views and exports;
 *        a value without one is shown as it is
 * @param units for UNIT and UNIT_LIST: the units a form offers (a picker's choice, not a rule: the kernel
 *        checks scope and status, the line its own rule); null: every unit the caller may address
 * @param regions for STRING: the value is a region code, and these are the regions a form offers by name
 *        (a picker's choice, not a rule: the line checks the code); null: not a region, a plain text input
 */
public record FieldDef(String id, Label label, FieldType type, boolean required, Integer minLength, Integer maxLength,
        String pattern, List<String> values, boolean future, boolean past, BigDecimal min, BigDecimal max,
        Map<String, Label> valueLabels, UnitChoice units, RegionChoice regions) {

    /**
     * The units a UNIT or UNIT_LIST input offers: of these types (empty: any), carrying this tag (null:
     * any), and, when {@code holding} names assignment states, only units whose assignment on the item is in
     * one of them (the tasks a dispatcher may send back, the disputed task a decision is about).
     */
    public record UnitChoice(Set<String> types, String tag, Set<String> holding) {

        public static UnitChoice ofTypes(String... unitTypes) {
            return new UnitChoice(Set.of(unitTypes), null, Set.of());
        }

        /** Units holding an assignment of the item in one of these states. */
        public static UnitChoice holding(String... assignmentStates) {
            return new UnitChoice(Set.of(), null, Set.of(assignmentStates));
        }

        public UnitChoice tagged(String unitTag) {
            return new UnitChoice(types, unitTag, holding);
        }
    }

    /**
     * The regions a region-code input offers: the child regions of the caller's region, of the item's
     * region, or of the region chosen in another field of the same form ({@code field}: a county under the
     * city picked above it). With {@code unitType}, regions without an active unit of that type are shown
     * but cannot be picked, since an action sending work there would be refused.
     */
    public record RegionChoice(Parent childrenOf, String field, String unitType) {

        /** Whose child regions are offered. */
        public enum Parent {
            /** The caller's region (a city officer's counties). */
            CALLER,
            /** The item's region. */
            ITEM,
            /** The region chosen in {@link RegionChoice#field()}. */
            FIELD
        }

        public static RegionChoice childrenOfCallerRegion() {
            return new RegionChoice(Parent.CALLER, null, null);
        }

        public static RegionChoice childrenOfItemRegion() {
            return new RegionChoice(Parent.ITEM, null, null);
        }

        /** The child regions of the region chosen in another field of the same form. */
        public static RegionChoice childrenOf(String fieldId) {
            return new RegionChoice(Parent.FIELD, fieldId, null);
        }

        /** Only regions with an active unit of this type can be picked. */
        public RegionChoice withUnit(String type) {
            return new RegionChoice(childrenOf, field, type);
        }
    }

    /** The kinds of value a field holds. */
    public enum FieldType {
        /** One line of text. */
        STRING,
        /** Longer text (opinions, descriptions). */
        TEXT,
        INTEGER,
        DECIMAL,
        BOOLEAN,
        /** An ISO date, 2026-03-02. */
        DATE,
        /** An ISO date-time with offset, 2026-03-02T10:00:00+08:00. */
        DATETIME,
        /** One of {@link FieldDef#values()}. */
        ENUM,
        /** The id of an active unit the caller may address (own region and below). */
        UNIT,
        /** A list of such unit ids, without duplicates. */
        UNIT_LIST,
        /** The id of another work item the caller can see. */
        ITEM,
        /** The id of a user; the line checks which users it accepts (role, unit). */
        USER,
        /** A list of user ids, without duplicates; bounds as for UNIT_LIST. */
        USER_LIST,
        /** Ids of attachments uploaded to this item and not yet used. */
        ATTACHMENTS
    }

    /** A field without value labels or unit choice (the shape before they existed). */
    public FieldDef(String id, Label label, FieldType type, boolean required, Integer minLength, Integer maxLength,
            String pattern, List<String> values, boolean future, boolean past, BigDecimal min, BigDecimal max) {
        this(id, label, type, required, minLength, maxLength, pattern, values, future, past, min, max, Map.of(), null, null);
    }

    public static FieldDef of(String id, String zh, String en, FieldType type) {
        return new FieldDef(id, Label.of(zh, en), type, false, null, null, null, List.of(), false, false, null, null, Map.of(),
                null, null);
    }

    /** A required free-text opinion (意见) of 1–1000 characters, the most common action input. */
    public static FieldDef opinion() {
        return of("opinion", "意见", "Opinion", FieldType.TEXT).mandatory().withLength(1, 1000);
    }

    public FieldDef mandatory() {
        return new FieldDef(id, label, type, true, minLength, maxLength, pattern, values, future, past, min, max,
                valueLabels, units, regions);
    }

    public FieldDef withLength(int minChars, int maxChars) {
        return new FieldDef(id, label, type, required, minChars, maxChars, pattern, values, future, past, min, max,
                valueLabels, units, regions);
    }

    public FieldDef withPattern(String regex) {
        return new FieldDef(id, label, type, required, minLength, maxLength, regex, values, future, past, min, max,
                valueLabels, units, regions);
    }

    public FieldDef withValues(String... allowed) {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, List.of(allowed), future, past, min,
                max, valueLabels, units, regions);
    }

    public FieldDef inFuture() {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, true, false, min, max,
                valueLabels, units, regions);
    }

    public FieldDef notInFuture() {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, false, true, min, max,
                valueLabels, units, regions);
    }

    public FieldDef withRange(Number lowest, Number highest) {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, future, past,
                lowest == null ? null : new BigDecimal(lowest.toString()),
                highest == null ? null : new BigDecimal(highest.toString()), valueLabels, units, regions);
    }

    /** The label of one ENUM value. */
    public FieldDef withValueLabel(String value, String zh, String en) {
        Map<String, Label> labels = new LinkedHashMap<>(valueLabels);
        labels.put(value, Label.of(zh, en));
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, future, past, min, max,
                Map.copyOf(labels), units, regions);
    }

    /** The units a UNIT or UNIT_LIST form offers. */
    public FieldDef offering(UnitChoice choice) {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, future, past, min, max,
                valueLabels, choice, regions);
    }

    /** A region-code input (STRING) that a form offers as a picker of region names. */
    public FieldDef picking(RegionChoice choice) {
        return new FieldDef(id, label, type, required, minLength, maxLength, pattern, values, future, past, min, max,
                valueLabels, units, choice);
    }
}
