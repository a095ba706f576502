package org.civic.core.api.org;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.Page;
import org.civic.core.api.spi.RoleDefinition;

/**
 * Regions, units and users. Every method checks the caller's role and scope: records outside the
 * caller's scope answer NOT_FOUND, as if they did not exist.
 */
public interface OrganizationService {

    Page<Region> listRegions(Caller caller, String parentCode, int offset, int limit);

    Region getRegion(Caller caller, String regionCode);

    /**
     * The names of these regions, by code, whatever the caller's scope: the administrative divisions are public,
     * and an item may name a region its reader does not administer (a transfer's origin, a complainant's
     * workplace). Unknown codes are left out. At most {@value #MAX_REGION_NAMES} codes.
     */
    Map<String, String> regionNames(Caller caller, Collection<String> regionCodes);

    int MAX_REGION_NAMES = 200;

    Region createRegion(Caller caller, RegionInput input);

    Region updateRegion(Caller caller, String regionCode, RegionInput input);

    Page<Unit> listUnits(Caller caller, String regionCode, int offset, int limit);

    Unit getUnit(Caller caller, long unitId);

    Unit createUnit(Caller caller, UnitInput input);

    Unit updateUnit(Caller caller, long unitId, UnitInput input);

    Page<User> listUsers(Caller caller, Long unitId, int offset, int limit);

    User getUser(Caller caller, long userId);

    User createUser(Caller caller, UserInput input);

    User updateUser(Caller caller, long userId, UserInput input);

    Me me(Caller caller);

    /**
     * The roles that may be granted now (the platform's and the installed plugins'), with their labels,
     * for the administration pages. Administrators only.
     */
    List<RoleDefinition> grantableRoles(Caller caller);

    /** The unit types that may be used now (the platform's and the installed plugins'). Administrators only. */
    Set<String> unitTypes(Caller caller);

    /** True when {@code regionCode} is the caller's region or lies below it (global admins: always). */
    boolean inScope(Caller caller, String regionCode);
}
