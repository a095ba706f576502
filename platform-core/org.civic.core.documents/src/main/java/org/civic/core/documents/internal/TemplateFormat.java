package org.civic.core.documents.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.workflow.Label;

/**
 * Helpers a template calls as {@code fmt.*}: instants in the platform's time zone, labels in Chinese,
 * masked phone and ID numbers. Every helper takes what the model holds (a java.time value, an ISO
 * string from a field, a label, or nothing — FreeMarker's {@code x!} passes an empty string) and
 * answers an empty string for nothing.
 */
public final class TemplateFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    /** {@code 2026-03-02 09:30} in Asia/Shanghai. */
    public String dt(Object value) {
        ZonedDateTime z = zoned(value);
        return z == null ? text(value) : MINUTE.format(z);
    }

    /** {@code 2026-03-02}. */
    public String date(Object value) {
        if (value instanceof LocalDate d) {
            return DAY.format(d);
        }
        ZonedDateTime z = zoned(value);
        return z == null ? text(value) : DAY.format(z);
    }

    /** The Chinese of a label ({@link Label} or a {@code {zh, en}} map), else the value as text. */
    public String zh(Object value) {
        if (value instanceof Label l) {
            return l.zh();
        }
        if (value instanceof Map<?, ?> m && m.get("zh") != null) {
            return String.valueOf(m.get("zh"));
        }
        return text(value);
    }

    /** A list's items joined by the Chinese enumeration comma. */
    public String join(Object value) {
        if (value instanceof Collection<?> c) {
            return String.join("、", c.stream().map(this::text).toList());
        }
        return text(value);
    }

    /** {@code 138****5678}: the first three and last four characters kept. */
    public String maskPhone(Object value) {
        String s = text(value);
        return s.length() <= 7 ? s : s.substring(0, 3) + "*".repeat(s.length() - 7) + s.substring(s.length() - 4);
    }

    /** {@code 620102********1234}: the first six and last four characters kept. */
    public String maskId(Object value) {
        String s = text(value);
        return s.length() <= 10 ? s : s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
    }

    private String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static ZonedDateTime zoned(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(PlatformClock.ZONE);
        }
        if (value instanceof Instant i) {
            return i.atZone(PlatformClock.ZONE);
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(PlatformClock.ZONE);
        }
        if (value instanceof CharSequence cs && cs.length() >= 16) {
            try {
                TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(cs);
                return ZonedDateTime.from(t).withZoneSameInstant(PlatformClock.ZONE);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
