package org.civic.core.api.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a {@link LineDefinition} before the kernel accepts it, and lists every problem found, each
 * naming the state, action or field concerned.
 */
public final class DefinitionValidator {

    private static final Pattern LINE_ID = Pattern.compile("^[a-z][a-z0-9]{1,29}$");
    private static final Pattern STATE_ID = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    private static final Pattern ACTION_ID = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern FIELD_ID = Pattern.compile("^[a-z][A-Za-z0-9]*$");

    private DefinitionValidator() {
    }

    /** @return the problems; empty when the definition is sound */
    public static List<String> problems(LineDefinition d) {
        List<String> problems = new ArrayList<>();
        if (d.line() == null || !LINE_ID.matcher(d.line()).matches()) {
            problems.add("line id '" + d.line() + "' must be 2-30 lower-case letters and digits");
        }
        if (d.label() == null || blank(d.label().zh()) || blank(d.label().en())) {
            problems.add("line " + d.line() + " needs a Chinese and an English label");
        }
        Set<String> states = new HashSet<>();
        for (StateDef s : d.states()) {
            if (!STATE_ID.matcher(String.valueOf(s.id())).matches()) {
                problems.add("state id '" + s.id() + "' must be UPPER_SNAKE");
            }
            if (!states.add(s.id())) {
                problems.add("duplicate state id " + s.id());
            }
            if (s.label() == null || blank(s.label().zh()) || blank(s.label().en())) {
                problems.add("state " + s.id() + " needs a Chinese and an English label");
            }
        }
        if (!states.contains(d.initialState())) {
            problems.add("initial state " + d.initialState() + " is not a declared state");
        }
        checkFields("create form", d.createFields(), problems);
        Set<String> actions = new HashSet<>();
        for (ActionDef a : d.actions()) {
            if (!ACTION_ID.matcher(String.valueOf(a.id())).matches()) {
                problems.add("action id '" + a.id() + "' must be lower_snake");
            }
            if (!actions.add(a.id())) {
                problems.add("duplicate action id " + a.id());
            }
            if (a.label() == null || blank(a.label().zh()) || blank(a.label().en())) {
                problems.add("action " + a.id() + " needs a Chinese and an English label");
            }
            if (a.from().isEmpty()) {
                problems.add("action " + a.id() + " is allowed from no state");
            }
            for (String from : a.from()) {
                if (!states.contains(from)) {
                    problems.add("action " + a.id() + " starts from unknown state " + from);
                } else if (d.state(from).terminal()) {
                    problems.add("action " + a.id() + " starts from terminal state " + from);
                }
            }
            if (a.to() != null && !states.contains(a.to())) {
                problems.add("action " + a.id() + " leads to unknown state " + a.to());
            }
            if (a.roles().isEmpty()) {
                problems.add("action " + a.id() + " is allowed to no role");
            }
            checkFields("action " + a.id(), a.input(), problems);
        }
        for (String unreachable : unreachable(d, states)) {
            problems.add("state " + unreachable + " cannot be reached from " + d.initialState());
        }
        return problems;
    }

    /** @throws IllegalArgumentException listing every problem, when there is any */
    public static void check(LineDefinition d) {
        List<String> problems = problems(d);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Line definition " + d.line() + " is invalid: " + String.join("; ", problems));
        }
    }

    private static void checkFields(String where, List<FieldDef> fields, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (FieldDef f : fields) {
            if (!FIELD_ID.matcher(String.valueOf(f.id())).matches()) {
                problems.add(where + ": field id '" + f.id() + "' must be lowerCamel");
            }
            if (!ids.add(f.id())) {
                problems.add(where + ": duplicate field " + f.id());
            }
            if (f.type() == null) {
                problems.add(where + ": field " + f.id() + " has no type");
            }
            if (f.type() == FieldDef.FieldType.ENUM && f.values().isEmpty()) {
                problems.add(where + ": enum field " + f.id() + " lists no values");
            }
            if (f.minLength() != null && f.maxLength() != null && f.minLength() > f.maxLength()) {
                problems.add(where + ": field " + f.id() + " has minLength above maxLength");
            }
            if (f.pattern() != null) {
                try {
                    Pattern.compile(f.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(where + ": field " + f.id() + " has an invalid pattern");
                }
            }
        }
    }

    private static Set<String> unreachable(LineDefinition d, Set<String> states) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (states.contains(d.initialState())) {
            todo.add(d.initialState());
        }
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (!reached.add(s)) {
                continue;
            }
            for (ActionDef a : d.actions()) {
                if (a.from().contains(s) && a.to() != null && states.contains(a.to())) {
                    todo.add(a.to());
                }
            }
        }
        Set<String> missing = new java.util.TreeSet<>(states);
        missing.removeAll(reached);
        return missing;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
