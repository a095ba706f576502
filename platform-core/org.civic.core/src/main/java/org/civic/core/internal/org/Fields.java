package org.civic.core.internal.org;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.civic.core.api.CivicException;

/** Input checks shared by the organisation services; each failure names the field of the spec. */
final class Fields {

    private final List<String> missing = new ArrayList<>();

    /** Records a missing required field (null or blank). */
    Fields require(String field, Object value) {
        if (value == null || (value instanceof String && ((String) value).isBlank())) {
            missing.add(field);
        }
        return this;
    }

    /** Throws MISSING_FIELD naming the first missing field in table order, listing all. */
    void check() {
        if (!missing.isEmpty()) {
            throw CivicException.missingFields(missing);
        }
    }

    static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    static void length(String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            throw CivicException.invalidValue(field, field + " must be " + min + " to " + max + " characters long");
        }
    }

    static void pattern(String field, String value, Pattern pattern, String message) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw CivicException.invalidValue(field, message);
        }
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw CivicException.invalidValue(field, "Unknown " + field + ": " + value);
        }
    }
}
