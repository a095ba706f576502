package org.civic.core.rest.internal.soap;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.civic.core.api.CivicException;

/** A refused SOAP request: a client fault whose code is the platform's error code. */
final class SoapFaults {

    private SoapFaults() {
    }

    static SoapFault of(CivicException e) {
        SoapFault fault = new SoapFault(e.code() + ": " + e.getMessage(),
                new QName(OrganizationSoapService.NS, e.code().replace(':', '.')));
        fault.setStatusCode(e.status() == 401 ? 401 : 500);
        return fault;
    }
}
