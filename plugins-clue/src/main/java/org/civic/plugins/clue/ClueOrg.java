package org.civic.plugins.clue;

import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;

/**
 * What the line reads of the organisation: regions and the clue unit of each province, city and county.
 * Units above the caller's region (a county submitting to its city) are outside what the caller may
 * address, so the line reads as its own system caller; it only ever reads.
 */
public class ClueOrg {

    private final OrganizationService org;

    public ClueOrg(OrganizationService org) {
        this.org = org;
    }

    /** The line's own caller for reads that are not the user's (it writes nothing through the kernel). */
    static Caller system() {
        return new Caller(0, "system", "系统", 0, "系统", "", Set.of(Caller.GLOBAL_ADMIN, Clue.SYSTEM));
    }

    /** The region, or null when there is none with this code. */
    public Region region(String code) {
        if (code == null || code.isBlank() || RegionCodes.levelOf(code) == null) {
            return null;
        }
        try {
            return org.getRegion(system(), code);
        } catch (CivicException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public String regionName(String code) {
        Region r = region(code);
        return r == null ? code : r.name();
    }

    /** The level of a clue unit's region: PROVINCE, CITY or COUNTY. */
    public RegionLevel level(Unit unit) {
        return RegionCodes.levelOf(unit.regionCode());
    }

    public Unit unit(long id) {
        return org.getUnit(system(), id);
    }

    /**
     * The active clue unit of a region.
     *
     * @throws CivicException 409 NO_CLUE_UNIT when the region has none (an organisation to complete first)
     */
    public Unit clueUnit(String regionCode) {
        int offset = 0;
        while (true) {
            Page<Unit> page = org.listUnits(system(), regionCode, offset, Page.MAX_LIMIT);
            for (Unit u : page.items()) {
                if (Clue.CLUE_UNIT.equals(u.unitType()) && u.status() == RecordStatus.ACTIVE) {
                    return u;
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                throw new CivicException(409, "NO_CLUE_UNIT", "Region " + regionCode + " has no active clue-handling unit ("
                        + Clue.CLUE_UNIT + ")");
            }
        }
    }

    /** The regions directly below {@code parent}, by code. */
    public Page<Region> children(String parent) {
        return org.listRegions(system(), parent, 0, Page.MAX_LIMIT);
    }

    /** The province a region code lies in. */
    static String provinceOf(String code) {
        return code.substring(0, 2) + "0000";
    }
}
