package org.civic.plugins.linkage110;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.civic.core.api.CivicException;
import org.civic.core.api.Idempotency;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Intake from the 110 alarm system (接处警, spec §10, A3): a partner account pushes a non-police appeal;
 * it arrives as a DRAFT in the district's 待处理 with its police incident number, for the dispatcher to
 * pick units. The same {@code Idempotency-Key} (per partner account) or the same police incident number
 * (per district, whoever pushes it) never creates two appeals: a repeat answers the first appeal. Both
 * guards are the kernel's idempotency store, so they hold across restarts.
 */
final class Intake {

    /** What the partner gets back: the appeal, and whether it existed already. */
    record Receipt(long appealId, String districtNo, String policeIncidentNo, String state, boolean duplicate) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("appealId", appealId);
            m.put("districtNo", districtNo);
            m.put("policeIncidentNo", policeIncidentNo);
            m.put("state", state);
            m.put("duplicate", duplicate);
            return m;
        }
    }

    /** The district-wide incident keys belong to no user. */
    static final long INCIDENT_OWNER = 0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkflowService work;
    private final Idempotency idempotency;

    Intake(WorkflowService work, Idempotency idempotency) {
        this.work = work;
        this.idempotency = idempotency;
    }

    Receipt submit(Caller partner, Map<String, Object> appeal, String idempotencyKey, String channel) {
        if (!partner.hasRole(Linkage110Line.ALARM_PARTNER)) {
            throw CivicException.forbidden("Only the 110 alarm system's account pushes appeals in");
        }
        Map<String, Object> input = appeal == null ? new LinkedHashMap<>() : new LinkedHashMap<>(appeal);
        Object incident = input.get("policeIncidentNo");
        if (incident == null || incident.toString().isBlank()) {
            throw CivicException.missingField("policeIncidentNo");
        }
        if (!(incident instanceof String no) || no.length() > 32 || !no.trim().equals(no)) {
            throw CivicException.invalidValue("policeIncidentNo", "policeIncidentNo must be text of at most 32 characters");
        }
        Object region = input.get("regionCode");
        String district = region == null || region.toString().isBlank() ? partner.regionCode() : region.toString().trim();
        String incidentKey = "linkage110-incident:" + district + ":" + no;
        AtomicBoolean created = new AtomicBoolean();
        Idempotency.Answer answer;
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            answer = byIncident(partner, input, incidentKey, channel, created);
        } else {
            answer = idempotency.once(partner.userId(), "linkage110-intake:" + idempotencyKey.trim(),
                    fingerprint(input), () -> byIncident(partner, input, incidentKey, channel, created));
        }
        try {
            Map<?, ?> body = JSON.readValue(answer.body(), Map.class);
            return new Receipt(((Number) body.get("appealId")).longValue(), (String) body.get("districtNo"), no,
                    (String) body.get("state"), !created.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored intake answer is not JSON: " + answer.body(), e);
        }
    }

    private Idempotency.Answer byIncident(Caller partner, Map<String, Object> input, String incidentKey, String channel,
            AtomicBoolean created) {
        // The fingerprint is the key itself: any later push of the incident gets the first appeal back.
        return idempotency.once(INCIDENT_OWNER, incidentKey, sha256(incidentKey), () -> {
            Caller asIntake = new Caller(partner.userId(), partner.loginName(), partner.displayName(), partner.unitId(),
                    partner.unitName(), partner.regionCode(), Set.of(Linkage110Line.INTAKE));
            ItemView v = work.create(asIntake, Linkage110Line.LINE, input, channel);
            created.set(true);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("appealId", v.id());
            body.put("districtNo", v.fields().get("districtNo"));
            body.put("state", v.state());
            try {
                return new Idempotency.Answer(201, JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String fingerprint(Map<String, Object> input) {
        try {
            return sha256("POST linkage110/intake " + JSON.writeValueAsString(new TreeMap<>(input)));
        } catch (JsonProcessingException e) {
            throw CivicException.invalidValue("body", "The appeal cannot be read");
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
