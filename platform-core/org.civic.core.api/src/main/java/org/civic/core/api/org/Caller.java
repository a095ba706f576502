package org.civic.core.api.org;

import java.util.Set;

/**
 * The authenticated user a request acts for: who they are, their unit and region, and their roles.
 * Their scope is their unit's region and everything below it.
 */
public record Caller(
        long userId,
        String loginName,
        String displayName,
        long unitId,
        String unitName,
        String regionCode,
        Set<String> roles) {

    public static final String GLOBAL_ADMIN = "global_admin";
    public static final String REGION_ADMIN = "region_admin";
    public static final String CENTRE_ADMIN = "centre_admin";
    public static final String STAFF = "staff";
    /**
     * The role of the platform itself: the kernel takes a clock's deadline action as {@link #system()}, and
     * a line's schedulers and partner relays may do the same. No user can be granted it (lines do not
     * declare it among their roles).
     */
    public static final String SYSTEM = "system";

    /** The platform acting on its own (audited as 系统), seeing every region. */
    public static Caller system() {
        return new Caller(0, "system", "系统", 0, "系统", "", Set.of(GLOBAL_ADMIN, SYSTEM));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        for (String r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean isGlobalAdmin() {
        return roles.contains(GLOBAL_ADMIN);
    }
}
