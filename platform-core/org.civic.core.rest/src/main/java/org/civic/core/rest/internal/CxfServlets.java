package org.civic.core.rest.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

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

    public static ServiceRegistration<Servlet> publishServlet(BundleContext context, Bus bus, String name, String pattern) {
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        props.put("servlet.init.hide-service-list-page", "true");
        return context.registerService(Servlet.class, servlet, props);
    }
}
