package org.civic.core.api.org;

import java.util.List;

/** What {@code GET /api/v1/me} answers: the user, their unit, region, roles and scope. */
public record Me(User user, Unit unit, Region region, List<String> roles, Scope scope) {

    /** The regions a user may see and act on: a subtree, given by its root. */
    public record Scope(String rootRegionCode, String rootRegionName, boolean global) {
    }
}
