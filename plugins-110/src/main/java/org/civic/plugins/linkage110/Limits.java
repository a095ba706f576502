package org.civic.plugins.linkage110;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limits of spec §6 (6.5: "all limits are configurable per district"), read from the line's
 * configuration {@code etc/org.civic.linkage110.cfg}: {@code limits.<name> = n} sets the default of every
 * district, {@code limits.<districtCode>.<name> = n} one district's own value. Names: see {@link #NAMES}.
 * The line's clocks are declared with the configured defaults; a district's own values are applied to each
 * clock when it starts ({@link AppealRules#districtClocks}), so a change affects the clocks started afterwards.
 */
final class Limits {

    /** Sign-in limit in office minutes (spec 6.1: 2 office hours). */
    static final String SIGN_OFFICE_MINUTES = "sign.officeMinutes";
    /** Sign-in limit of an urgent appeal in clock minutes (30). */
    static final String SIGN_URGENT_MINUTES = "sign.urgentMinutes";
    /** Handling limit in working days, to the end of office hours (6.2: 3). */
    static final String HANDLING_WORKING_DAYS = "handling.workingDays";
    /** Handling limit of an urgent appeal in clock hours (24). */
    static final String HANDLING_URGENT_HOURS = "handling.urgentHours";
    /** Red card this many working days after the handling yellow card, same time of day (6.2: 3). */
    static final String RED_WORKING_DAYS = "red.workingDays";
    /** Department callback expected within working days after feedback (6.3: 1). */
    static final String CALLBACK_WORKING_DAYS = "callback.workingDays";
    /** Automatic callback result expected within minutes (6.4: 30). */
    static final String AUTO_CALLBACK_MINUTES = "autoCallback.timeoutMinutes";

    static final Map<String, Integer> DEFAULTS = Map.of(SIGN_OFFICE_MINUTES, 120, SIGN_URGENT_MINUTES, 30,
            HANDLING_WORKING_DAYS, 3, HANDLING_URGENT_HOURS, 24, RED_WORKING_DAYS, 3, CALLBACK_WORKING_DAYS, 1, AUTO_CALLBACK_MINUTES, 30);
    static final String[] NAMES = {SIGN_OFFICE_MINUTES, SIGN_URGENT_MINUTES, HANDLING_WORKING_DAYS,
        HANDLING_URGENT_HOURS, RED_WORKING_DAYS, CALLBACK_WORKING_DAYS, AUTO_CALLBACK_MINUTES};
    private static final Logger LOG = LoggerFactory.getLogger(Limits.class);
    private static final String PREFIX = "limits.";

    private final Map<String, Integer> global;
    private final Map<String, Map<String, Integer>> districts;

    private Limits(Map<String, Integer> global, Map<String, Map<String, Integer>> districts) {
        this.global = global;
        this.districts = districts;
    }

    static Limits defaults() {
        return new Limits(new HashMap<>(DEFAULTS), Map.of());
    }

    /**
     * From configuration properties; a wrong entry (unknown name, not a positive whole number) is logged
     * and ignored, so a typo never stops the line.
     */
    static Limits from(Map<String, ?> properties) {
        Map<String, Integer> global = new HashMap<>(DEFAULTS);
        Map<String, Map<String, Integer>> districts = new HashMap<>();
        if (properties != null) {
            properties.forEach((key, value) -> {
                if (!key.startsWith(PREFIX)) {
                    return;
                }
                String rest = key.substring(PREFIX.length());
                String district = null;
                int dot = rest.indexOf('.');
                if (dot > 0 && rest.substring(0, dot).matches("\\d{6,12}")) {
                    district = rest.substring(0, dot);
                    rest = rest.substring(dot + 1);
                }
                Integer n = positive(value);
                if (!DEFAULTS.containsKey(rest) || n == null) {
                    LOG.warn("Ignoring the 110 limit {} = {} (names: {}; positive whole numbers)", key, value,
                            String.join(", ", NAMES));
                    return;
                }
                if (district == null) {
                    global.put(rest, n);
                } else {
                    districts.computeIfAbsent(district, d -> new HashMap<>()).put(rest, n);
                }
            });
        }
        return new Limits(global, districts);
    }

    private static Integer positive(Object value) {
        try {
            int n = Integer.parseInt(String.valueOf(value).trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The district's value of a limit: its own, else the configured default, else the spec's. */
    int of(String district, String name) {
        Map<String, Integer> own = district == null ? null : districts.get(district);
        if (own != null && own.containsKey(name)) {
            return own.get(name);
        }
        return global.get(name);
    }

    /** The configured default (the value the line's declared clocks use). */
    int global(String name) {
        return global.get(name);
    }

    /** Whether a district has a value of its own that differs from the default. */
    boolean differs(String district, String name) {
        return of(district, name) != global(name);
    }

    /** The values a district sets itself (its overrides), for the admin API; empty without a district. */
    Map<String, Object> own(String district) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Integer> values = district == null ? null : districts.get(district);
        for (String name : NAMES) {
            if (values != null && values.containsKey(name)) {
                m.put(name, values.get(name));
            }
        }
        return m;
    }

    /** The configured defaults of every district. */
    Map<String, Object> configuredDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            m.put(name, global.get(name));
        }
        return m;
    }

    /** Every limit of a district, for the admin API. */
    Map<String, Object> effective(String district) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            m.put(name, of(district, name));
        }
        return m;
    }
}
