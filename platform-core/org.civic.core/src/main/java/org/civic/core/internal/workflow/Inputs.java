package org.civic.core.internal.workflow;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.workflow.FieldDef;

/**
 * Checks input against field definitions and converts it to typed values: String, Long, BigDecimal,
 * Boolean, LocalDate, OffsetDateTime (in the platform zone) or List of Long. Unknown keys are
 * dropped. All missing required fields are named in one MISSING_FIELD error, the first in
 * declaration order in its code.
 */
final class Inputs {

    private Inputs() {
    }

    static Map<String, Object> check(List<FieldDef> defs, Map<String, Object> raw, Instant now) {
        Map<String, Object> in = raw == null ? Map.of() : raw;
        List<String> missing = new ArrayList<>();
        for (FieldDef f : defs) {
            if (f.required() && absent(in.get(f.id()))) {
                missing.add(f.id());
            }
        }
        if (!missing.isEmpty()) {
            throw CivicException.missingFields(missing);
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (FieldDef f : defs) {
            Object v = in.get(f.id());
            if (!absent(v)) {
                typed.put(f.id(), convert(f, v, now));
            }
        }
        return typed;
    }

    static boolean absent(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty());
    }

    private static Object convert(FieldDef f, Object v, Instant now) {
        String id = f.id();
        switch (f.type()) {
            case STRING:
            case TEXT: {
                if (!(v instanceof String s)) {
                    throw CivicException.invalidValue(id, id + " must be text");
                }
                String t = s.trim();
                if (f.minLength() != null && t.length() < f.minLength()
                        || f.maxLength() != null && t.length() > f.maxLength()) {
                    throw CivicException.invalidValue(id, id + " must have " + range(f.minLength(), f.maxLength())
                            + " characters");
                }
                if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(t).matches()) {
                    throw CivicException.invalidValue(id, id + " has an invalid format");
                }
                return t;
            }
            case ENUM: {
                if (!(v instanceof String s) || !f.values().contains(s.trim())) {
                    throw CivicException.invalidValue(id, id + " must be one of " + f.values());
                }
                return s.trim();
            }
            case INTEGER: {
                BigDecimal d = decimal(id, v);
                if (d.stripTrailingZeros().scale() > 0) {
                    throw CivicException.invalidValue(id, id + " must be a whole number");
                }
                inRange(f, d);
                return d.longValueExact();
            }
            case DECIMAL: {
                BigDecimal d = decimal(id, v);
                inRange(f, d);
                return d;
            }
            case BOOLEAN: {
                if (v instanceof Boolean b) {
                    return b;
                }
                if ("true".equals(v) || "false".equals(v)) {
                    return Boolean.valueOf((String) v);
                }
                throw CivicException.invalidValue(id, id + " must be true or false");
            }
            case DATE: {
                LocalDate d;
                try {
                    d = LocalDate.parse(String.valueOf(v).trim());
                } catch (DateTimeParseException e) {
                    throw CivicException.invalidValue(id, id + " must be a date like 2026-03-02");
                }
                LocalDate today = now.atZone(PlatformClock.ZONE).toLocalDate();
                if (f.future() && !d.isAfter(today) || f.past() && d.isAfter(today)) {
                    throw CivicException.invalidValue(id, id + (f.future() ? " must be in the future" : " must not be in the future"));
                }
                return d;
            }
            case DATETIME: {
                OffsetDateTime t;
                try {
                    t = OffsetDateTime.parse(String.valueOf(v).trim());
                } catch (DateTimeParseException e) {
                    throw CivicException.invalidValue(id, id + " must be a time like 2026-03-02T10:00:00+08:00");
                }
                if (f.future() && !t.toInstant().isAfter(now) || f.past() && t.toInstant().isAfter(now)) {
                    throw CivicException.invalidValue(id, id + (f.future() ? " must be in the future" : " must not be in the future"));
                }
                return t.atZoneSameInstant(PlatformClock.ZONE).toOffsetDateTime();
            }
            case UNIT:
            case ITEM:
            case USER:
                return id(id, v);
            case UNIT_LIST:
            case USER_LIST:
            case ATTACHMENTS: {
                if (!(v instanceof List<?> list)) {
                    throw CivicException.invalidValue(id, id + " must be a list of ids");
                }
                Set<Long> ids = new LinkedHashSet<>();
                for (Object o : list) {
                    if (!ids.add(id(id, o))) {
                        throw CivicException.invalidValue(id, id + " lists " + o + " twice");
                    }
                }
                if (f.min() != null && ids.size() < f.min().intValue() || f.max() != null && ids.size() > f.max().intValue()) {
                    throw CivicException.invalidValue(id, id + " must list " + range(f.min() == null ? null : f.min().intValue(),
                            f.max() == null ? null : f.max().intValue()) + " entries");
                }
                return List.copyOf(ids);
            }
            default:
                throw new IllegalStateException("Unhandled field type " + f.type());
        }
    }

    private static long id(String field, Object v) {
        if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() > 0) {
            return n.longValue();
        }
        if (v instanceof String s && s.trim().matches("[1-9]\\d{0,17}")) {
            return Long.parseLong(s.trim());
        }
        throw CivicException.invalidValue(field, field + " must hold positive ids");
    }

    private static BigDecimal decimal(String id, Object v) {
        try {
            if (v instanceof Number || v instanceof String) {
                return new BigDecimal(v.toString().trim());
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw CivicException.invalidValue(id, id + " must be a number");
    }

    private static void inRange(FieldDef f, BigDecimal d) {
        if (f.min() != null && d.compareTo(f.min()) < 0 || f.max() != null && d.compareTo(f.max()) > 0) {
            throw CivicException.invalidValue(f.id(), f.id() + " must lie between " + f.min() + " and " + f.max());
        }
    }

    private static String range(Integer min, Integer max) {
        if (min != null && max != null) {
            return min + " to " + max;
        }
        return min != null ? "at least " + min : "at most " + max;
    }

    /** The JSON form of a typed value as stored in an item's fields. */
    static Object stored(Object v) {
        if (v instanceof LocalDate || v instanceof OffsetDateTime) {
            return v.toString();
        }
        return v;
    }
}
