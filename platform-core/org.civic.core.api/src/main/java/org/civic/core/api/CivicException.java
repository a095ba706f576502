package org.civic.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the platform refuses. It carries the error code of the specs (for example
 * {@code MISSING_FIELD:name}), the HTTP status it maps to and optional details. Nothing is written
 * when one is thrown inside an operation: the operation's transaction rolls back.
 */
public class CivicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public CivicException(int status, String code, String message) {
        this(status, code, message, Collections.emptyMap());
    }

    public CivicException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static CivicException missingField(String field) {
        return missingFields(List.of(field));
    }

    /** Names the first missing field in the code and lists them all in {@code details.fields}. */
    public static CivicException missingFields(List<String> fields) {
        return new CivicException(400, "MISSING_FIELD:" + fields.get(0),
                "Required field missing: " + String.join(", ", fields), Map.of("fields", List.copyOf(fields)));
    }

    public static CivicException invalidValue(String field, String message) {
        return new CivicException(400, "INVALID_VALUE:" + field, message, Map.of("field", field));
    }

    public static CivicException immutableField(String field) {
        return new CivicException(400, "IMMUTABLE_FIELD:" + field, "The field " + field + " cannot be changed");
    }

    public static CivicException unauthenticated(String message) {
        return new CivicException(401, "UNAUTHENTICATED", message);
    }

    public static CivicException forbidden(String message) {
        return new CivicException(403, "FORBIDDEN", message);
    }

    public static CivicException outOfScope(String message) {
        return new CivicException(403, "OUT_OF_SCOPE", message);
    }

    public static CivicException notFound(String message) {
        return new CivicException(404, "NOT_FOUND", message);
    }

    public static CivicException invalidState(String message) {
        return new CivicException(409, "INVALID_STATE", message);
    }

    public static CivicException conflict(String message) {
        return new CivicException(409, "CONFLICT", message);
    }

    public static CivicException duplicate(String what, String message) {
        return new CivicException(409, "DUPLICATE:" + what, message);
    }

    public static CivicException inUse(String what, String message) {
        return new CivicException(409, "IN_USE:" + what, message);
    }
}
