package org.civic.core.api.workflow;

import java.util.List;
import java.util.Set;

/**
 * What a plugin declares for its line: the work-item type, its states, the create form and the
 * actions. Registered as an OSGi service; the kernel checks it with {@link DefinitionValidator} and
 * refuses (the plugin's component fails to activate, naming the problem) a definition that is wrong.
 */
public record LineDefinition(String line, String itemType, Label label, String numberPrefix, List<StateDef> states,
        String initialState, Set<String> createRoles, List<FieldDef> createFields, List<ActionDef> actions) {

    public StateDef state(String id) {
        return states.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public ActionDef action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }
}
