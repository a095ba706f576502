package org.civic.core.api;

import java.util.List;
import java.util.Map;

/** The most recent platform events, as the core's event route saw them (for operators and tests). */
public interface EventJournal {

    /** Newest first; each event has {@code topic}, {@code at} and the payload's fields. */
    List<Map<String, Object>> recent(int max);
}
