package org.civic.plugins.linkage110;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.civic.core.api.Idempotency;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.SoapService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /soap/LinkageIntakeService} (WSDL at {@code ?wsdl}): the SOAP form of the 110 alarm system's
 * intake (spec §10), the same rules as {@code POST /api/v1/linkage110/intake}. Refusals are SOAP faults
 * whose code is the platform's error code ({@code MISSING_FIELD.policeIncidentNo}, {@code FORBIDDEN}, ...).
 */
@Component(service = SoapService.class, property = SoapService.ADDRESS + "=/LinkageIntakeService")
@WebService(name = "LinkageIntakeService", serviceName = "LinkageIntakeService", portName = "LinkageIntakeServicePort",
        targetNamespace = LinkageIntakeService.NS)
public class LinkageIntakeService implements SoapService {

    public static final String NS = "http://civic.org/soap/linkage110/v1";

    private final Intake intake;

    @Activate
    public LinkageIntakeService(@Reference WorkflowService work, @Reference Idempotency idempotency) {
        this.intake = new Intake(work, idempotency);
    }

    @WebMethod
    @WebResult(name = "receipt")
    public IntakeReceipt submitAppeal(@WebParam(name = "appeal") AppealSubmission appeal,
            @WebParam(name = "idempotencyKey") String idempotencyKey) {
        Intake.Receipt r = intake.submit(SoapService.caller(), appeal == null ? Map.of() : appeal.toInput(),
                idempotencyKey, "SOAP");
        IntakeReceipt out = new IntakeReceipt();
        out.appealId = r.appealId();
        out.districtNo = r.districtNo();
        out.policeIncidentNo = r.policeIncidentNo();
        out.state = r.state();
        out.duplicate = r.duplicate();
        return out;
    }

    /** A pushed appeal: the create fields of spec 3.1 ({@code appealTime} ISO-8601 with offset). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "appealSubmission", namespace = NS)
    public static class AppealSubmission {
        public String policeIncidentNo;
        public String appellantName;
        public String appellantPhone;
        public String appealTime;
        public String title;
        public String content;
        public String address;
        public String streetRegionCode;
        public String category;
        public Boolean urgent;

        Map<String, Object> toInput() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policeIncidentNo", policeIncidentNo);
            m.put("appellantName", appellantName);
            m.put("appellantPhone", appellantPhone);
            m.put("appealTime", appealTime);
            m.put("title", title);
            m.put("content", content);
            m.put("address", address);
            m.put("streetRegionCode", streetRegionCode);
            m.put("category", category);
            m.put("urgent", urgent);
            m.values().removeIf(v -> v == null);
            return m;
        }
    }

    /** The answer: the appeal, and whether it existed already (a repeated key or incident number). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "intakeReceipt", namespace = NS)
    public static class IntakeReceipt {
        public long appealId;
        public String districtNo;
        public String policeIncidentNo;
        public String state;
        public boolean duplicate;
    }
}
