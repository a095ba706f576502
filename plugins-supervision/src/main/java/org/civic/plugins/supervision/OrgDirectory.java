package org.civic.plugins.supervision;

import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserStatus;

/**
 * {@link Directory} on the core's organisation service. Reading other users needs an administrator,
 * so the line reads as its own system caller; it only ever reads.
 */
public final class OrgDirectory implements Directory {

    private final OrganizationService org;

    public OrgDirectory(OrganizationService org) {
        this.org = org;
    }

    /** The line's own caller for reads and for time-driven actions (monthly urge, due-soon notices). */
    public static Caller system() {
        return Caller.system();
    }

    @Override
    public Person person(long userId) {
        try {
            User u = org.getUser(system(), userId);
            return new Person(u.id(), u.displayName(), u.unitId(), Set.copyOf(u.roles()), u.status() == UserStatus.ACTIVE);
        } catch (CivicException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public Org unit(long unitId) {
        try {
            Unit u = org.getUnit(system(), unitId);
            return new Org(u.id(), u.name(), u.regionCode(), u.status() == RecordStatus.ACTIVE);
        } catch (CivicException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
