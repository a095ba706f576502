package org.civic.core.rest.internal.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import org.apache.cxf.binding.soap.SoapFault;
import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.rest.SoapService;
import org.junit.Test;

/** A plugin's SOAP service reads its caller only during the call, and refusals become faults with the platform's code. */
public class SoapCallersTest {

    private static final Caller ALARM = new Caller(7, "alarm_cg", "110", 3, "接处警", "620102", Set.of("alarm_partner"));
    private static final Caller OTHER = new Caller(8, "other", "other", 3, "x", "620102", Set.of("staff"));

    @Test
    public void theCallerIsKnownDuringTheCallOnly() throws Exception {
        assertEquals("alarm_cg", SoapCallers.as(ALARM, () -> SoapService.caller().loginName()));
        assertEquals("nested calls restore the outer caller", "alarm_cg", SoapCallers.as(ALARM, () -> {
            assertEquals("other", SoapCallers.as(OTHER, () -> SoapService.caller().loginName()));
            return SoapService.caller().loginName();
        }));
        try {
            SoapService.caller();
            throw new AssertionError("a caller outside a call");
        } catch (CivicException e) {
            assertEquals("UNAUTHENTICATED", e.code());
        }
    }

    @Test
    public void aRefusalInsideTheCallBecomesAFaultWithItsCode() {
        try {
            SoapCallers.as(ALARM, () -> {
                throw CivicException.missingField("policeIncidentNo");
            });
            throw new AssertionError("no refusal");
        } catch (Exception e) {
            RuntimeException fault = SoapCallers.fault(new RuntimeException("wrapped", e));
            assertTrue(fault instanceof SoapFault);
            assertEquals("MISSING_FIELD.policeIncidentNo", ((SoapFault) fault).getFaultCode().getLocalPart());
            assertTrue(fault.getMessage().startsWith("MISSING_FIELD:policeIncidentNo"));
        }
        IllegalStateException other = new IllegalStateException("boom");
        assertEquals(other, SoapCallers.fault(other));
    }
}
