package org.civic.core.api.workflow;

/** A state of a line's work item (ids UPPER_SNAKE, as in the specs). */
public record StateDef(String id, Label label, boolean terminal) {

    public static StateDef of(String id, String zh, String en) {
        return new StateDef(id, Label.of(zh, en), false);
    }

    public static StateDef terminal(String id, String zh, String en) {
        return new StateDef(id, Label.of(zh, en), true);
    }
}
