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
    /** First path segments of the platform's own API under /api/v1. */
    private static final Set<String> RESERVED = Set.of("admin", "auth", "me", "health", "items", "lines", "openapi",
            "bench", "soap", "console");
    private static final Pattern PREFIX = Pattern.compile("^[A-Z0-9]{1,10}$");
    private static final Set<String> SORTS = Set.of("createdAt", "-createdAt", "updatedAt", "-updatedAt", "deadline",
            "number", "-number");
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
        if (RESERVED.contains(d.line())) {
            problems.add("line id " + d.line() + " is reserved by the platform's API");
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
        Set<String> assignmentStates = new HashSet<>();
        for (StateDef s : d.assignmentStates()) {
            if (!STATE_ID.matcher(String.valueOf(s.id())).matches()) {
                problems.add("assignment state id '" + s.id() + "' must be UPPER_SNAKE");
            }
            if (!assignmentStates.add(s.id())) {
                problems.add("duplicate assignment state id " + s.id());
            }
            if (s.label() == null || blank(s.label().zh()) || blank(s.label().en())) {
                problems.add("assignment state " + s.id() + " needs a Chinese and an English label");
            }
        }
        if (d.numberPrefix() == null || !PREFIX.matcher(d.numberPrefix()).matches()) {
            problems.add("number prefix '" + d.numberPrefix() + "' must be 1-10 upper-case letters and digits");
        }
        if (d.createRoles().isEmpty()) {
            problems.add("line " + d.line() + " names no role that may create items");
        }
        checkFields("create form", d.createFields(), problems);
        if (d.createField(LineDefinition.TITLE) == null) {
            problems.add("create form: the field title is missing");
        }
        Set<String> clocks = new HashSet<>();
        for (ClockDef c : d.clocks()) {
            if (!ACTION_ID.matcher(String.valueOf(c.name())).matches()) {
                problems.add("clock name '" + c.name() + "' must be lower_snake");
            }
            if (!clocks.add(c.name())) {
                problems.add("duplicate clock " + c.name());
            }
            if (c.rule() == null || c.rule().kind() == null || c.rule().amount() < 0) {
                problems.add("clock " + c.name() + " has no valid deadline rule");
            }
            if (c.urgentField() != null && d.createField(c.urgentField()) == null) {
                problems.add("clock " + c.name() + " depends on unknown field " + c.urgentField());
            }
            if (c.redAfterWorkingDays() != null && c.redAfterWorkingDays() < 1) {
                problems.add("clock " + c.name() + " raises its red card after fewer than 1 working day");
            }
            if (c.deadlineAction() != null) {
                checkSystemAction(c, c.deadlineAction(), "deadline action", Set.of(), d, problems);
            }
            if (c.cardAction() != null) {
                if (!c.yellowCard()) {
                    problems.add("clock " + c.name() + " raises no card but declares a card action");
                }
                checkSystemAction(c, c.cardAction(), "card action", Set.of(ClockDef.CARD_FIELD), d, problems);
            }
        }
        for (Effect e : d.createEffects()) {
            checkEffect("create", e, null, d, problems);
        }
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
                } else if (d.state(from).terminal() && (a.to() != null && !a.to().equals(from) || !a.alsoTo().isEmpty())) {
                    // A terminal state ends the workflow: only actions that stay in it (a note, a merge) start there.
                    problems.add("action " + a.id() + " starts from terminal state " + from + " and leaves it");
                }
            }
            if (a.to() != null && !states.contains(a.to())) {
                problems.add("action " + a.id() + " leads to unknown state " + a.to());
            }
            for (String to : a.alsoTo()) {
                if (!states.contains(to)) {
                    problems.add("action " + a.id() + " may lead to unknown state " + to);
                }
            }
            for (String on : a.onAssignment()) {
                if (!assignmentStates.contains(on)) {
                    problems.add("action " + a.id() + " acts on unknown assignment state " + on);
                }
            }
            if (a.toAssignment() != null && !assignmentStates.contains(a.toAssignment())) {
                problems.add("action " + a.id() + " leads to unknown assignment state " + a.toAssignment());
            }
            if (a.toAssignment() != null && !a.onAnAssignment()) {
                problems.add("action " + a.id() + " changes an assignment state but acts on no assignment");
            }
            if (a.assignmentField() != null) {
                FieldDef f = a.field(a.assignmentField());
                if (f == null || f.type() != FieldDef.FieldType.UNIT || !f.required()) {
                    problems.add("action " + a.id() + " selects its assignment by " + a.assignmentField()
                            + ", which must be a required UNIT input field");
                }
            }
            if (a.scope() == null) {
                problems.add("action " + a.id() + " has no scope rule");
            }
            for (Effect e : a.effects()) {
                checkEffect("action " + a.id(), e, a, d, problems);
            }
            if (a.allRoles().isEmpty()) {
                problems.add("action " + a.id() + " is allowed to no role");
            }
            a.rolesByState().keySet().stream().filter(x -> !a.from().contains(x)).forEach(x -> problems.add(
                    "action " + a.id() + " names roles for state " + x + ", which it is not allowed from"));
            checkFields("action " + a.id(), a.input(), problems);
        }
        Set<String> lists = new HashSet<>();
        for (WorklistDef w : d.worklists()) {
            if (!ACTION_ID.matcher(String.valueOf(w.name())).matches()) {
                problems.add("worklist name '" + w.name() + "' must be lower_snake");
            }
            if (!lists.add(w.name())) {
                problems.add("duplicate worklist " + w.name());
            }
            w.itemStates().stream().filter(x -> !states.contains(x))
                    .forEach(x -> problems.add("worklist " + w.name() + " lists unknown state " + x));
            w.assignmentStates().stream().filter(x -> !assignmentStates.contains(x))
                    .forEach(x -> problems.add("worklist " + w.name() + " lists unknown assignment state " + x));
            w.excludedAssignmentStates().stream().filter(x -> !assignmentStates.contains(x))
                    .forEach(x -> problems.add("worklist " + w.name() + " excludes unknown assignment state " + x));
            if (w.audience() == WorklistDef.Audience.UNIT && !w.excludedAssignmentStates().isEmpty()) {
                problems.add("worklist " + w.name() + ": excluded assignment states apply to region lists only");
            }
            if (w.sort() != null && !SORTS.contains(w.sort())) {
                problems.add("worklist " + w.name() + " sorts by unknown key " + w.sort());
            }
            w.columns().stream().filter(c -> d.createField(c) == null && d.viewField(c) == null)
                    .forEach(c -> problems.add("worklist " + w.name() + " shows unknown field " + c
                            + " (a create or view field)"));
        }
        Set<String> documents = new HashSet<>();
        for (DocumentDef doc : d.documents()) {
            if (!ACTION_ID.matcher(String.valueOf(doc.name())).matches()) {
                problems.add("document name '" + doc.name() + "' must be lower_snake");
            }
            if (!documents.add(doc.name())) {
                problems.add("duplicate document " + doc.name());
            }
            doc.states().stream().filter(x -> !states.contains(x))
                    .forEach(x -> problems.add("document " + doc.name() + " is printable in unknown state " + x));
            if (doc.owner() == null || doc.template() == null || doc.owner().getClassLoader().getResource(doc.template()) == null) {
                problems.add("document " + doc.name() + ": template " + doc.template() + " not found");
            }
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
            if (f.regions() != null) {
                checkRegionChoice(where, f, ids, problems);
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

    /**
     * A region picker holds a region code (STRING); one offering the children of another field's region
     * needs that field earlier in the same form, so the form can fill it first.
     */
    private static void checkRegionChoice(String where, FieldDef f, Set<String> earlier, List<String> problems) {
        FieldDef.RegionChoice r = f.regions();
        if (f.type() != FieldDef.FieldType.STRING) {
            problems.add(where + ": field " + f.id() + " picks regions but is not STRING");
        }
        if (r.childrenOf() == null) {
            problems.add(where + ": field " + f.id() + " picks regions without saying whose children");
        } else if (r.childrenOf() == FieldDef.RegionChoice.Parent.FIELD
                && (r.field() == null || r.field().equals(f.id()) || !earlier.contains(r.field()))) {
            problems.add(where + ": field " + f.id() + " picks the regions under field " + r.field()
                    + ", which must come earlier in the same form");
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
                if (a.from().contains(s)) {
                    if (a.to() != null && states.contains(a.to())) {
                        todo.add(a.to());
                    }
                    a.alsoTo().stream().filter(states::contains).forEach(todo::add);
                }
            }
        }
        Set<String> missing = new java.util.TreeSet<>(states);
        missing.removeAll(reached);
        return missing;
    }

    /** An action the kernel takes as the system for a clock: allowed to the system, with no input but what it fills. */
    private static void checkSystemAction(ClockDef c, String actionId, String what, Set<String> filled,
            LineDefinition d, List<String> problems) {
        ActionDef at = d.action(actionId);
        if (at == null) {
            problems.add("clock " + c.name() + " takes the unknown action " + actionId + " as its " + what);
            return;
        }
        if (!at.roles().contains(org.civic.core.api.org.Caller.SYSTEM)) {
            problems.add("clock " + c.name() + ": its " + what + " " + at.id()
                    + " must be allowed to the role " + org.civic.core.api.org.Caller.SYSTEM);
        }
        if (c.perAssignment() && at.onAnAssignment() && at.assignmentField() == null) {
            problems.add("clock " + c.name() + ": its " + what + " " + at.id() + " must select its assignment by a unit field");
        }
        if (at.input().stream().anyMatch(f -> f.required() && !f.id().equals(at.assignmentField())
                && !filled.contains(f.id()))) {
            problems.add("clock " + c.name() + ": its " + what + " " + at.id() + " may require no input but "
                    + (filled.isEmpty() ? "the unit" : "the unit and " + String.join(", ", filled)));
        }
    }

    private static void checkEffect(String where, Effect e, ActionDef a, LineDefinition d, List<String> problems) {
        String clock = null;
        List<String> inputs = new ArrayList<>();
        if (e instanceof Effect.StartClock x) {
            clock = x.clock();
        } else if (e instanceof Effect.StopClock x) {
            clock = x.clock();
        } else if (e instanceof Effect.PauseClock x) {
            clock = x.clock();
        } else if (e instanceof Effect.ResumeClock x) {
            clock = x.clock();
        } else if (e instanceof Effect.RequestExtension x) {
            clock = x.clock();
            inputs.add(x.newDeadlineField());
        } else if (e instanceof Effect.GrantExtension x) {
            clock = x.clock();
        } else if (e instanceof Effect.DenyExtension x) {
            clock = x.clock();
        } else if (e instanceof Effect.Dispatch x) {
            inputs.add(x.unitsField());
            checkAssignmentState(where, x.state(), d, problems);
        } else if (e instanceof Effect.Assign x) {
            inputs.add(x.unitField());
            checkAssignmentState(where, x.state(), d, problems);
        } else if (e instanceof Effect.TransferDown x) {
            inputs.add(x.unitField());
        } else if (e instanceof Effect.Link x) {
            inputs.add(x.itemField());
        } else if (e instanceof Effect.SetFields x) {
            inputs.addAll(x.fields());
        } else if (e instanceof Effect.WhenAllAssignments x) {
            if (a == null || (!x.itemState().equals(a.to()) && !a.alsoTo().contains(x.itemState()))) {
                problems.add(where + ": the item state " + x.itemState() + " must be among the action's targets");
            }
            x.states().forEach(st -> checkAssignmentState(where, st, d, problems));
        }
        if ((e instanceof Effect.TransferDown || e instanceof Effect.ReturnUp) && (a == null || !a.onAnAssignment())) {
            problems.add(where + ": a transfer or return needs an assignment action");
        }
        if (clock != null && d.clock(clock) == null) {
            problems.add(where + ": unknown clock " + clock);
        }
        for (String field : inputs) {
            boolean known = a == null ? d.createField(field) != null : a.field(field) != null;
            if (!known) {
                problems.add(where + ": effect uses unknown input field " + field);
            }
        }
    }

    private static void checkAssignmentState(String where, String state, LineDefinition d, List<String> problems) {
        if (d.assignmentState(state) == null) {
            problems.add(where + ": unknown assignment state " + state);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
