package org.civic.core.internal.persistence;

import java.util.Map;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Appends configuration changes to the platform audit trail, inside the caller's transaction. */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private AuditLog() {
    }

    public static void record(EntityManager em, long at, String actor, String action, String targetType,
            String targetId, Map<String, ?> details) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.setAt(at);
        e.setActor(actor);
        e.setAction(action);
        e.setTargetType(targetType);
        e.setTargetId(targetId);
        try {
            e.setDetails(details == null ? null : JSON.writeValueAsString(details));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Audit details are not serialisable", ex);
        }
        em.persist(e);
    }
}
