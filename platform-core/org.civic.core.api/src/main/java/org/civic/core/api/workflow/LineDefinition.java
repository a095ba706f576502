package org.civic.core.api.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a plugin declares for its line: the work-item states, the assignment states, the create
 * form, the actions, the clocks and the worklists. Registered as an OSGi service; the kernel checks
 * it with {@link DefinitionValidator} and refuses a definition that is wrong (the plugin's component
 * fails to activate, naming the problem). Build one with {@link #builder}.
 *
 * @param numberPrefix first part of the business number, {@code 110} in {@code 110-410311-20261122-0007}
 * @param regionViewRoles roles that see every item of their region and below; callers with other
 *        roles see only items their unit holds (or held) or created. Empty: every role sees its region.
 * @param createEffects effects applied when an item is created (start an item clock, say)
 * @param documents printable documents (PDF) of the line's items
 * @param numberStyle how business numbers are written
 */
public record LineDefinition(String line, Label label, String numberPrefix, List<StateDef> states,
        String initialState, List<StateDef> assignmentStates, Set<String> createRoles, Set<String> regionViewRoles,
        List<FieldDef> createFields, List<Effect> createEffects, List<ActionDef> actions, List<ClockDef> clocks,
        List<WorklistDef> worklists, List<DocumentDef> documents, NumberStyle numberStyle) {

    /** How the kernel writes an item's business number from the line's prefix, the region, the day and a sequence. */
    public enum NumberStyle {
        /** {@code 110-410311-20261122-0007}: one sequence per line, region and day. */
        REGION_DAY,
        /**
         * {@code XS20260302000001}: prefix, day and a six-digit sequence per line and day, the region left
         * out (a line whose numbers run across a whole province, as the clue line's).
         */
        DAY_COMPACT
    }

    /** The create form's field every line has: the item's title (标题), 1–200 characters. */
    public static final String TITLE = "title";

    public StateDef state(String id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public StateDef assignmentState(String id) {
        return assignmentStates.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public ActionDef action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    public ClockDef clock(String name) {
        return clocks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public WorklistDef worklist(String name) {
        return worklists.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
    }

    public DocumentDef document(String name) {
        return documents.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    public FieldDef createField(String id) {
        return createFields.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    /** Every role named anywhere in the definition. */
    public Set<String> roles() {
        Set<String> all = new java.util.TreeSet<>(createRoles);
        all.addAll(regionViewRoles);
        actions.forEach(a -> all.addAll(a.allRoles()));
        worklists.forEach(w -> all.addAll(w.roles()));
        documents.forEach(d -> all.addAll(d.roles()));
        return all;
    }

    public static Builder builder(String line, String zh, String en) {
        return new Builder(line, Label.of(zh, en));
    }

    /** Collects a definition piece by piece; {@link #build} does not validate (the kernel does). */
    public static final class Builder {
        private final String line;
        private final Label label;
        private String numberPrefix;
        private final List<StateDef> states = new ArrayList<>();
        private String initialState;
        private final List<StateDef> assignmentStates = new ArrayList<>();
        private Set<String> createRoles = Set.of();
        private Set<String> regionViewRoles = Set.of();
        private final List<FieldDef> createFields = new ArrayList<>();
        private final List<Effect> createEffects = new ArrayList<>();
        private final List<ActionDef> actions = new ArrayList<>();
        private final List<ClockDef> clocks = new ArrayList<>();
        private final List<WorklistDef> worklists = new ArrayList<>();
        private final List<DocumentDef> documents = new ArrayList<>();
        private NumberStyle numberStyle = NumberStyle.REGION_DAY;

        private Builder(String line, Label label) {
            this.line = line;
            this.label = label;
            this.numberPrefix = line.toUpperCase();
        }

        public Builder numberPrefix(String prefix) {
            numberPrefix = prefix;
            return this;
        }

        public Builder numberStyle(NumberStyle style) {
            numberStyle = style;
            return this;
        }

        /** Item states; the first one is the initial state unless {@link #initialState} says otherwise. */
        public Builder states(StateDef... defs) {
            states.addAll(List.of(defs));
            if (initialState == null && defs.length > 0) {
                initialState = defs[0].id();
            }
            return this;
        }

        public Builder initialState(String id) {
            initialState = id;
            return this;
        }

        public Builder assignmentStates(StateDef... defs) {
            assignmentStates.addAll(List.of(defs));
            return this;
        }

        public Builder createdBy(String... roles) {
            createRoles = Set.of(roles);
            return this;
        }

        public Builder regionViewRoles(String... roles) {
            regionViewRoles = Set.of(roles);
            return this;
        }

        public Builder createFields(FieldDef... fields) {
            createFields.addAll(List.of(fields));
            return this;
        }

        public Builder onCreate(Effect... effects) {
            createEffects.addAll(List.of(effects));
            return this;
        }

        public Builder actions(ActionDef... defs) {
            actions.addAll(List.of(defs));
            return this;
        }

        public Builder clocks(ClockDef... defs) {
            clocks.addAll(List.of(defs));
            return this;
        }

        public Builder worklists(WorklistDef... defs) {
            worklists.addAll(List.of(defs));
            return this;
        }

        public Builder documents(DocumentDef... defs) {
            documents.addAll(List.of(defs));
            return this;
        }

        public LineDefinition build() {
            return new LineDefinition(line, label, numberPrefix, List.copyOf(states), initialState,
                    List.copyOf(assignmentStates), createRoles, regionViewRoles, List.copyOf(createFields),
                    List.copyOf(createEffects), List.copyOf(actions), List.copyOf(clocks), List.copyOf(worklists),
                    List.copyOf(documents), numberStyle);
        }
    }
}
