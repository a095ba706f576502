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

    AutoCloseable register(LineDefinition d) {
        DefinitionValidator.check(d);
        if (byId.putIfAbsent(d.line(), d) != null) {
            throw new IllegalArgumentException("Line " + d.line() + " is already registered by another plugin");
        }
        return () -> byId.remove(d.line(), d);
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
