package org.civic.core.api.workflow;

/**
 * Java for what a line's effects cannot declare (110's "archive after the third unreachable
 * callback"). Runs inside the action's transaction, after the declared effects; throwing a
 * {@link org.civic.core.api.CivicException} rejects the action and writes nothing.
 */
@FunctionalInterface
public interface ActionHandler {

    void apply(ActionContext context);
}
