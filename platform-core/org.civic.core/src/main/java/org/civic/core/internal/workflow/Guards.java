package org.civic.core.internal.workflow;

import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.internal.persistence.AttachmentEntity;
import org.civic.core.internal.persistence.WorkItemEntity;
import org.civic.core.internal.workflow.ActionRun.AssignmentRow;

/** The scope and state checks of an action, and the choice of the assignment it acts on. */
final class Guards {

    private Guards() {
    }

    /**
     * True when the caller passes the action's scope rule (states not considered);
     * {@code unitHoldsActive}: the caller's unit holds an active assignment of the item.
     */
    static boolean inScope(ActionDef a, Caller c, WorkItemEntity item, boolean unitHoldsActive) {
        switch (a.scope()) {
            case REGION:
                return c.isGlobalAdmin() || RegionCodes.isWithin(item.getRegionCode(), c.regionCode());
            case CREATOR:
                return item.getCreatedById() == c.userId();
            case CREATOR_UNIT:
                return item.getCreatedUnitId() == c.unitId();
            case HOLDER_UNIT:
                return unitHoldsActive;
            default:
                return false;
        }
    }

    /** Checks the item state (INVALID_STATE), scope (OUT_OF_SCOPE), the assignment state, and sets the acting assignment. */
    static void check(ActionRun run, Map<String, Object> raw) {
        ActionDef a = run.action;
        Caller c = run.caller;
        boolean holds = run.assignments.stream().anyMatch(x -> x.active() && x.unitId() == c.unitId());
        // The item's state first: an action nobody may take in this state is INVALID_STATE for everyone, so a
        // caller learns that before learning that the item is not theirs to act on.
        if (!a.from().contains(run.item.getState())) {
            throw CivicException.invalidState("The action " + a.id() + " is not allowed in state " + run.item.getState());
        }
        if (!inScope(a, c, run.item, holds)) {
            throw CivicException.outOfScope("You may not take " + a.id() + " on this item");
        }
        List<AssignmentRow> candidates = null;
        if (a.onAnAssignment()) {
            if (a.assignmentField() != null) {
                Object v = raw == null ? null : raw.get(a.assignmentField());
                if (Inputs.absent(v)) {
                    throw CivicException.missingField(a.assignmentField());
                }
                long unitId;
                try {
                    unitId = Long.parseLong(String.valueOf(v).trim());
                } catch (NumberFormatException e) {
                    throw CivicException.invalidValue(a.assignmentField(), a.assignmentField() + " must be a unit id");
                }
                candidates = run.assignments.stream().filter(x -> x.unitId() == unitId).toList();
                if (candidates.isEmpty()) {
                    throw CivicException.invalidValue(a.assignmentField(), "Unit " + unitId + " holds no part of this item");
                }
            } else {
                candidates = run.assignments.stream().filter(x -> x.active() && x.unitId() == c.unitId()).toList();
                if (candidates.isEmpty()) {
                    throw CivicException.outOfScope("Your unit holds no active part of this item");
                }
            }
        }
        if (candidates != null) {
            run.acting = candidates.stream().filter(x -> a.onAssignment().contains(x.state()))
                    .reduce((first, second) -> first.active() ? first : second).orElse(null);
            if (run.acting == null) {
                throw CivicException.invalidState("The action " + a.id() + " is not allowed in the assignment state "
                        + candidates.get(0).state());
            }
        }
    }

    /** Attachments named by an action must be this item's and not yet used by another action. */
    static void checkAttachments(EntityManager em, ActionRun run) {
        for (FieldDef f : run.action.input()) {
            if (f.type() == FieldDef.FieldType.ATTACHMENTS && run.input.get(f.id()) instanceof List<?> ids) {
                for (Object id : ids) {
                    AttachmentEntity att = em.find(AttachmentEntity.class, ((Number) id).longValue());
                    if (att == null || att.getItemId() != run.item.getId() || att.getAuditId() != null) {
                        throw CivicException.invalidValue(f.id(), "Attachment " + id + " is not a new upload of this item");
                    }
                }
            }
        }
    }
}
