package org.civic.core.rest.internal.soap;

import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Authenticates every SOAP call (the WSDL stays readable without credentials): HTTP Basic, or a
 * WS-Security UsernameToken with a plain-text password (PasswordText). Password digests cannot be
 * checked against salted hashes and are refused. The caller is kept on the exchange for the service.
 */
public class SoapAuthInterceptor extends AbstractSoapInterceptor {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private final AuthenticationService authentication;

    public SoapAuthInterceptor(AuthenticationService authentication) {
        super(Phase.PRE_PROTOCOL);
        this.authentication = authentication;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        String[] credentials = usernameToken(message);
        if (credentials == null) {
            AuthorizationPolicy basic = message.get(AuthorizationPolicy.class);
            if (basic != null && basic.getUserName() != null) {
                credentials = new String[] {basic.getUserName(), basic.getPassword()};
            }
        }
        if (credentials == null) {
            throw unauthenticated("UNAUTHENTICATED", "Authentication required: HTTP Basic or a WS-Security UsernameToken");
        }
        try {
            Caller caller = authentication.authenticate(credentials[0], credentials[1]);
            message.getExchange().put(Caller.class, caller);
        } catch (CivicException e) {
            throw unauthenticated(e.code(), e.getMessage());
        }
    }

    private static String[] usernameToken(SoapMessage message) {
        Header header = message.getHeader(SECURITY);
        if (header == null || !(header.getObject() instanceof Element)) {
            return null;
        }
        Element token = child((Element) header.getObject(), "UsernameToken");
        if (token == null) {
            return null;
        }
        Element user = child(token, "Username");
        Element password = child(token, "Password");
        if (user == null || password == null) {
            throw unauthenticated("UNAUTHENTICATED", "The UsernameToken needs a Username and a Password");
        }
        String type = password.getAttribute("Type");
        if (!type.isEmpty() && !PASSWORD_TEXT.equals(type)) {
            throw unauthenticated("UNAUTHENTICATED", "Only PasswordText UsernameTokens are supported");
        }
        return new String[] {user.getTextContent().trim(), password.getTextContent()};
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && WSSE.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName())) {
                return (Element) n;
            }
        }
        return null;
    }

    private static SoapFault unauthenticated(String code, String message) {
        SoapFault fault = new SoapFault(code + ": " + message, new QName(OrganizationSoapService.NS, code));
        fault.setStatusCode(401);
        return fault;
    }
}
