package org.civic.core.rest.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.civic.core.rest.ErrorBody;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A CXF bus of its own with its servlet on the HTTP whiteboard, so that REST lives under
 * {@code /api} and SOAP under {@code /soap} and neither sees the other's endpoints (the stock CXF
 * servlet at {@code /cxf} serves neither).
 */
public final class CxfServlets {

    private CxfServlets() {
    }

    public static Bus newBus() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BusFactory.class.getClassLoader());
        try {
            return BusFactory.newInstance().createBus();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The servlet of {@code bus} at {@code pattern}. SOAP uses it as is: each SOAP service is a server of its
     * own at its own address, so one coming or going never replaces another (the REST application does).
     */
    public static ServiceRegistration<Servlet> publishServlet(BundleContext context, Bus bus, String name, String pattern) {
        return publishServlet(context, bus, name, pattern, null);
    }

    /** The same, with every request passing {@code gate} (when not null), so that the server behind it can be swapped. */
    static ServiceRegistration<Servlet> publishServlet(BundleContext context, Bus bus, String name, String pattern,
            SwapGate gate) {
        CXFNonSpringServlet servlet = gate == null ? new CXFNonSpringServlet() : new GatedServlet(gate);
        servlet.setBus(bus);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        props.put("servlet.init.hide-service-list-page", "true");
        return context.registerService(Servlet.class, servlet, props);
    }

    /** The answer to a request that a swap held back for too long, in the platform's error shape. */
    static byte[] unavailableBody() {
        try {
            return Json.mapper().writeValueAsBytes(new ErrorBody("UNAVAILABLE",
                    "The API is being updated (a plugin is being installed or removed); retry in a moment", Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CXF servlet, with each request passing the gate on its way to the destination. */
    private static final class GatedServlet extends CXFNonSpringServlet {

        private static final long serialVersionUID = 1L;
        private static final byte[] UNAVAILABLE = unavailableBody();

        private final transient SwapGate gate;

        GatedServlet(SwapGate gate) {
            this.gate = gate;
        }

        @Override
        protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
            if (!gate.enter()) {
                unavailable(response);
                return;
            }
            try {
                super.invoke(request, response);
            } finally {
                gate.leave();
            }
        }

        private static void unavailable(HttpServletResponse response) throws ServletException {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json;charset=UTF-8");
            try {
                response.getOutputStream().write(UNAVAILABLE);
            } catch (IOException e) {
                throw new ServletException(e);
            }
        }
    }
}
