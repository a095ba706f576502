package org.civic.plugins.clue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.civic.core.api.CivicException;
import org.civic.core.api.Idempotency;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.SoapService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /soap/ClueExchangeService} (WSDL at {@code ?wsdl}): a provincial partner platform pushes clues in
 * ({@code submitClue}, the same create as {@code POST /api/v1/clue/items}, with an optional idempotency key) and
 * pulls their status ({@code getClueStatus}) and completion feedback ({@code getCompletionFeedback}) by clue
 * number. The partner account has the role {@code clue_intake} and reads only the clues its unit submitted.
 * Refusals are SOAP faults whose code is the platform's ({@code MISSING_FIELD.content}, ...).
 */
@Component(service = SoapService.class, property = SoapService.ADDRESS + "=/ClueExchangeService")
@WebService(name = "ClueExchangeService", serviceName = "ClueExchangeService", portName = "ClueExchangeServicePort",
        targetNamespace = ClueExchangeService.NS)
public class ClueExchangeService implements SoapService {

    public static final String NS = "http://civic.org/soap/clue/v1";

    private final WorkflowService work;
    private final Idempotency idempotency;
    private final ComplainantViews views;

    @Activate
    public ClueExchangeService(@Reference WorkflowService work, @Reference Idempotency idempotency) {
        this.work = work;
        this.idempotency = idempotency;
        this.views = new ComplainantViews(work);
    }

    @WebMethod
    @WebResult(name = "receipt")
    public ClueReceipt submitClue(@WebParam(name = "clue") ClueSubmission clue,
            @WebParam(name = "idempotencyKey") String idempotencyKey) {
        Caller caller = SoapService.caller();
        ComplainantViews.requirePartner(caller);
        Map<String, Object> input = clue == null ? Map.of() : clue.toInput();
        ItemView created;
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            created = work.create(caller, Clue.LINE, input, "SOAP");
        } else {
            if (idempotencyKey.trim().length() > 100) {
                throw CivicException.invalidValue("idempotencyKey", "An idempotency key has at most 100 characters");
            }
            Idempotency.Answer a = idempotency.once(caller.userId(), "soap:clue:" + idempotencyKey.trim(), fingerprint(input),
                    () -> new Idempotency.Answer(201, String.valueOf(work.create(caller, Clue.LINE, input, "SOAP").id())));
            created = work.get(caller, Long.parseLong(a.body().trim()));
        }
        ClueReceipt r = new ClueReceipt();
        r.clueId = created.id();
        r.clueNo = created.number();
        r.state = created.state();
        return r;
    }

    /**
     * The request's fingerprint for {@link Idempotency#once}: a SHA-256 in hex (64 characters, what the platform
     * stores), never the request itself, which holds personal data and is longer than the stored column.
     */
    static String fingerprint(Map<String, Object> input) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("submitClue " + new TreeMap<>(input))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @WebMethod
    @WebResult(name = "status")
    public ClueStatus getClueStatus(@WebParam(name = "clueNo") String clueNo) {
        ItemView v = views.byNumber(SoapService.caller(), clueNo);
        ClueStatus s = new ClueStatus();
        s.clueNo = v.number();
        s.state = v.state();
        s.status = ComplainantViews.status(v.state(), v.fields());
        s.holderLevel = (String) v.fields().get("holderLevel");
        s.submittedAt = (String) v.fields().get("submittedAt");
        s.completedAt = (String) v.fields().get("completedAt");
        return s;
    }

    @WebMethod
    @WebResult(name = "feedback")
    public CompletionFeedback getCompletionFeedback(@WebParam(name = "clueNo") String clueNo) {
        ItemView v = views.byNumber(SoapService.caller(), clueNo);
        if (!Clue.COMPLETED.equals(v.state())) {
            throw CivicException.invalidState("Clue " + v.number() + " is not completed yet");
        }
        Map<String, Object> fb = ClueRules.asMap(v.fields().get("completionFeedback"));
        CompletionFeedback out = new CompletionFeedback();
        out.clueNo = v.number();
        out.resultSummary = (String) fb.get("resultSummary");
        out.handledDate = (String) fb.get("handledDate");
        out.completedAt = (String) v.fields().get("completedAt");
        return out;
    }

    /** A pushed clue: the create fields of spec 3.1. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "clueSubmission", namespace = NS)
    public static class ClueSubmission {
        public String channel;
        public String complainantAccountId;
        public String complainantName;
        public String complainantPhone;
        public String complainantIdNo;
        public String respondentName;
        public String projectName;
        public String workplaceCityCode;
        public String workplaceCountyCode;
        public String workplaceAddress;
        public String content;
        public BigDecimal amountInvolved;
        public Long peopleInvolved;

        Map<String, Object> toInput() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", channel);
            m.put("complainantAccountId", complainantAccountId);
            m.put("complainantName", complainantName);
            m.put("complainantPhone", complainantPhone);
            m.put("complainantIdNo", complainantIdNo);
            m.put("respondentName", respondentName);
            m.put("projectName", projectName);
            m.put("workplaceCityCode", workplaceCityCode);
            m.put("workplaceCountyCode", workplaceCountyCode);
            m.put("workplaceAddress", workplaceAddress);
            m.put("content", content);
            m.put("amountInvolved", amountInvolved);
            m.put("peopleInvolved", peopleInvolved);
            m.values().removeIf(v -> v == null);
            return m;
        }
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "clueReceipt", namespace = NS)
    public static class ClueReceipt {
        public long clueId;
        public String clueNo;
        public String state;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "clueStatus", namespace = NS)
    public static class ClueStatus {
        public String clueNo;
        public String state;
        public String status;
        public String holderLevel;
        public String submittedAt;
        public String completedAt;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "completionFeedback", namespace = NS)
    public static class CompletionFeedback {
        public String clueNo;
        public String resultSummary;
        public String handledDate;
        public String completedAt;
    }
}
