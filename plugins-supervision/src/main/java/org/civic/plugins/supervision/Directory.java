package org.civic.plugins.supervision;

import java.util.Set;

/**
 * The people and units the line routes between. Implemented on the core's organisation service
 * ({@link OrgDirectory}); plain enough for the rules to be tested on the real kernel.
 */
public interface Directory {

    /** The user, or null when there is no such user. */
    Person person(long userId);

    /** The unit, or null when there is no such unit. */
    Org unit(long unitId);

    /** A user as the line needs them: unit, roles and whether they may still act. */
    record Person(long id, String name, long unitId, Set<String> roles, boolean enabled) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    /** A unit as the line needs it: its organisation (region) and whether it is enabled. */
    record Org(long id, String name, String regionCode, boolean enabled) {
    }
}
