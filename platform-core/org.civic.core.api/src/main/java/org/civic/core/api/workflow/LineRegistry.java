package org.civic.core.api.workflow;

/**
 * Where a plugin registers its line. A plugin component calls {@link #register} from its
 * {@code @Activate} method and closes the registration in {@code @Deactivate}; a definition that
 * fails {@link DefinitionValidator} throws, so the plugin's component fails to activate and the
 * log names the problem.
 *
 * <pre>
 * &#64;Component(immediate = true, service = {})
 * public class TestLine {
 *     private final AutoCloseable registration;
 *
 *     &#64;Activate
 *     public TestLine(&#64;Reference LineRegistry lines) {
 *         registration = lines.register(definition());
 *     }
 *
 *     &#64;Deactivate
 *     void deactivate() throws Exception {
 *         registration.close();
 *     }
 * }
 * </pre>
 */
public interface LineRegistry {

    /**
     * @throws IllegalArgumentException naming every problem of the definition, or when another
     *         plugin already registered the same line id
     */
    AutoCloseable register(LineDefinition definition);
}
