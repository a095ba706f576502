package org.civic.core.api.spi;

import java.util.Collection;
import java.util.List;

/**
 * What a plugin declares to the core, registered as an OSGi service (whiteboard). While the service is
 * registered its roles may be granted and its unit types used; when the plugin is uninstalled they
 * disappear from what new requests may use, and existing data stays.
 *
 * <p>A plugin ships its demo units and users as data files named by the bundle header
 * {@value #DEMO_DATA_HEADER}; the core loads them when the plugin's bundle starts with demo data on.
 */
public interface PlatformExtension {

    String DEMO_DATA_HEADER = "Civic-DemoData";

    /** The line id, e.g. {@code linkage110}. */
    String id();

    default Collection<RoleDefinition> roles() {
        return List.of();
    }

    default Collection<String> unitTypes() {
        return List.of();
    }

    /**
     * Those of {@link #unitTypes} of which a region holds at most one unit (the clue line's
     * {@code CLUE_UNIT}: the one clue-handling unit of a province, city or county). A second one is
     * refused with {@code DUPLICATE:unitType}.
     */
    default Collection<String> singletonUnitTypes() {
        return List.of();
    }
}
