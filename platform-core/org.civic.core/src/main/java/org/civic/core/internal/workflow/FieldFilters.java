package org.civic.core.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.LineDefinition;

/**
 * Filters on a line's own fields ({@code ItemQuery.fields}, REST {@code field.<id>=<value>}), which the
 * kernel stores as one JSON text per item (docs/decisions.md 38). Only declared ENUM fields (with their
 * values) and BOOLEAN fields may be named: their stored JSON form is known exactly, so the database can narrow
 * the candidates with LIKE on it, and {@link #matches} then decides on the parsed top-level value.
 */
final class FieldFilters {

    /** One checked filter: the field, the value it must hold, whether an unset field matches (BOOLEAN false). */
    record Filter(String id, Object expected, boolean unsetMatches) {
    }

    private FieldFilters() {
    }

    /** The filters checked against the line's declared fields; an unknown field or value is INVALID_VALUE. */
    static List<Filter> resolve(LineDefinition d, Map<String, String> fields) {
        List<Filter> out = new ArrayList<>();
        fields.forEach((id, value) -> {
            String name = "field." + id;
            FieldDef f = d.createField(id) != null ? d.createField(id) : d.viewField(id);
            if (f == null) {
                throw CivicException.invalidValue(name, "Line " + d.line() + " has no field " + id);
            }
            if (value == null) {
                throw CivicException.invalidValue(name, name + " needs a value");
            }
            switch (f.type()) {
                case BOOLEAN -> {
                    if (!"true".equals(value) && !"false".equals(value)) {
                        throw CivicException.invalidValue(name, name + " must be true or false");
                    }
                    boolean v = Boolean.parseBoolean(value);
                    out.add(new Filter(id, v, !v));
                }
                case ENUM -> {
                    if (f.values() == null || f.values().isEmpty()) {
                        throw CivicException.invalidValue(name, "The field " + id + " declares no values to filter on");
                    }
                    if (!f.values().contains(value)) {
                        throw CivicException.invalidValue(name, name + " must be one of " + f.values());
                    }
                    out.add(new Filter(id, value, false));
                }
                default -> throw CivicException.invalidValue(name, "Only ENUM and BOOLEAN fields can be filtered on; "
                        + id + " is " + f.type());
            }
        });
        return out;
    }

    /**
     * Appends the database's part: {@code "id":value} must occur in the stored JSON (written by the kernel's
     * compact mapper, so the form is exact); for {@code false}, {@code "id":true} must not. LIKE wildcards in a
     * value only widen the candidates, which {@link #matches} then narrows; a NOT LIKE is only used when the
     * pattern has none, since there a wildcard would drop items wrongly.
     */
    static void where(LineDefinition d, Map<String, String> fields, StringBuilder w, Map<String, Object> params) {
        int n = 0;
        for (Filter f : resolve(d, fields)) {
            String param = "fld" + n++;
            if (f.unsetMatches()) {
                String pair = WorkflowServiceImpl.toJson(f.id()) + ":true";
                if (pair.indexOf('%') < 0 && pair.indexOf('_') < 0) {
                    w.append(" AND i.fields NOT LIKE :").append(param);
                    params.put(param, "%" + pair + "%");
                }
            } else {
                w.append(" AND i.fields LIKE :").append(param);
                params.put(param, "%" + WorkflowServiceImpl.toJson(f.id()) + ":" + WorkflowServiceImpl.toJson(f.expected())
                        + "%");
            }
        }
    }

    /** Whether an item's stored fields hold every filter's value at the top level. */
    static boolean matches(String json, List<Filter> filters) {
        Map<String, Object> fields = WorkflowServiceImpl.fromJson(json);
        for (Filter f : filters) {
            Object v = fields.get(f.id());
            boolean ok = v == null ? f.unsetMatches() : f.expected().equals(v);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
