package org.civic.core.internal.workflow;

import java.util.Map;

import javax.persistence.EntityManager;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.internal.persistence.WorkItemEntity;

/**
 * Who sees which items: global admins everything; callers with a region-view role of the line (or
 * any role, when the line names none) the items of their region and below; everyone the items their
 * unit holds or held, the ones their unit created and the ones their unit acted on (a unit that
 * handed an item on keeps reading it). Everything else is NOT_FOUND.
 */
final class Visibility {

    private final Lines lines;

    Visibility(Lines lines) {
        this.lines = lines;
    }

    boolean seesRegion(Caller caller, String line) {
        LineDefinition d = lines.find(line);
        if (d == null || d.regionViewRoles().isEmpty()) {
            return true;
        }
        return d.regionViewRoles().stream().anyMatch(caller::hasRole);
    }

    boolean canSee(EntityManager em, Caller caller, WorkItemEntity item) {
        if (caller.isGlobalAdmin() || item.getCreatedUnitId() == caller.unitId()) {
            return true;
        }
        if (seesRegion(caller, item.getLine()) && RegionCodes.isWithin(item.getRegionCode(), caller.regionCode())) {
            return true;
        }
        return !em.createQuery("SELECT a.id FROM AssignmentEntity a WHERE a.itemId = :item AND a.unitId = :unit")
                .setParameter("item", item.getId()).setParameter("unit", caller.unitId()).setMaxResults(1)
                .getResultList().isEmpty()
                || !em.createQuery("SELECT e.id FROM ItemAuditEntity e WHERE e.itemId = :item AND e.unitId = :unit")
                        .setParameter("item", item.getId()).setParameter("unit", caller.unitId()).setMaxResults(1)
                        .getResultList().isEmpty();
    }

    /** The JPQL condition (alias {@code i}) selecting what {@link #canSee} admits, with its parameters. */
    String where(Caller caller, String line, Map<String, Object> params) {
        if (caller.isGlobalAdmin()) {
            return "1 = 1";
        }
        params.put("vUnit", caller.unitId());
        StringBuilder w = new StringBuilder("(i.createdUnitId = :vUnit OR EXISTS (SELECT va.id FROM AssignmentEntity va"
                + " WHERE va.itemId = i.id AND va.unitId = :vUnit) OR EXISTS (SELECT ve.id FROM ItemAuditEntity ve"
                + " WHERE ve.itemId = i.id AND ve.unitId = :vUnit)");
        if (seesRegion(caller, line)) {
            params.put("vPrefix", RegionCodes.subtreePrefix(caller.regionCode()) + "%");
            w.append(" OR i.regionCode LIKE :vPrefix");
        }
        return w.append(")").toString();
    }
}
