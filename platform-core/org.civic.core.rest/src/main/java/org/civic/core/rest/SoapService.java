package org.civic.core.rest;

import org.civic.core.api.org.Caller;
import org.civic.core.rest.internal.soap.SoapCallers;

/**
 * Marker of a JAX-WS service (a class annotated {@code @WebService}) that joins the platform's SOAP bus
 * under {@code /soap}: register it as a DS component with {@code service = SoapService.class} and the
 * property {@value #ADDRESS}{@code =/MyService}. The platform publishes it (WSDL at
 * {@code /soap/MyService?wsdl}), authenticates every call as for its own services (HTTP Basic or a
 * WS-Security UsernameToken), turns a {@link org.civic.core.api.CivicException} into a SOAP fault whose
 * code is the platform's error code, and unpublishes it when the bundle goes away. A plugin never sets up
 * CXF or security itself.
 */
public interface SoapService {

    /** Service property: the address below {@code /soap}, starting with a slash. */
    String ADDRESS = "civic.soap.address";

    /**
     * The authenticated caller of the SOAP call being served on this thread.
     *
     * @throws org.civic.core.api.CivicException UNAUTHENTICATED outside a call
     */
    static Caller caller() {
        return SoapCallers.current();
    }
}
