package org.civic.core.internal.workflow;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.DefinitionValidator;
import org.civic.core.api.workflow.LineDefinition;

/** The line definitions registered by the installed plugins. */
final class Lines {

    private final ConcurrentMap<String, LineDefinition> byId = new ConcurrentHashMap<>();

    synchronized AutoCloseable register(LineDefinition d) {
        DefinitionValidator.check(d);
        if (byId.containsKey(d.line())) {
            throw new IllegalArgumentException("Line " + d.line() + " is already registered by another plugin");
        }
        // Business numbers are unique across lines: two lines with one prefix would hand out the same numbers.
        for (LineDefinition other : byId.values()) {
            if (other.numberPrefix().equals(d.numberPrefix())) {
                throw new IllegalArgumentException("Line " + d.line() + ": number prefix " + d.numberPrefix()
                        + " is already used by line " + other.line());
            }
        }
        byId.put(d.line(), d);
        // Identity, not equals: closing a stale registration must not remove an equal, newer one.
        return () -> byId.computeIfPresent(d.line(), (k, v) -> v == d ? null : v);
    }

    LineDefinition find(String line) {
        return line == null ? null : byId.get(line);
    }

    LineDefinition get(String line) {
        LineDefinition d = find(line);
        if (d == null) {
            throw CivicException.notFound("No line " + line + " is installed");
        }
        return d;
    }

    Collection<LineDefinition> all() {
        return List.copyOf(byId.values());
    }
}
