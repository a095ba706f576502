package org.civic.core.rest.internal.soap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.civic.core.api.HealthIndicator;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.rest.SoapService;
import org.civic.core.rest.internal.CxfServlets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the core's SOAP services under {@code /soap/} on a CXF bus of their own, and the plugins'
 * {@link SoapService}s (whiteboard) beside them, with the same authentication.
 */
@Component(service = HealthIndicator.class, immediate = true)
public class SoapEndpoints implements HealthIndicator {

    private final Bus bus;
    private final ServiceRegistration<Servlet> servlet;
    private final Server organization;
    private final AuthenticationService authentication;
    private final Map<SoapService, Server> contributed = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(SoapEndpoints.class);

    @Activate
    public SoapEndpoints(BundleContext context, @Reference OrganizationService organizationService,
            @Reference AuthenticationService authentication) {
        this.authentication = authentication;
        bus = CxfServlets.newBus();
        servlet = CxfServlets.publishServlet(context, bus, "civic-soap", "/soap/*");
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(OrganizationSoapService.class);
        factory.setServiceBean(new OrganizationSoapService(organizationService));
        factory.setAddress("/OrganizationService");
        factory.getInInterceptors().add(new SoapAuthInterceptor(authentication));
        organization = factory.create();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addService(SoapService service, Map<String, Object> properties) {
        Object address = properties.get(SoapService.ADDRESS);
        if (!(address instanceof String a) || !a.matches("^/[A-Za-z][A-Za-z0-9_-]{0,99}$") || "/OrganizationService".equals(a)) {
            LOG.error("SOAP service {} not published: property {} must be a free address like /MyService, not {}",
                    service.getClass().getName(), SoapService.ADDRESS, address);
            return;
        }
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(service.getClass());
        factory.setServiceBean(service);
        factory.setAddress(a);
        factory.setInvoker(new SoapCallers.CallerInvoker(service));
        factory.getInInterceptors().add(new SoapAuthInterceptor(authentication));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(service.getClass().getClassLoader());
        try {
            contributed.put(service, factory.create());
            LOG.info("Published SOAP service {} at /soap{}", service.getClass().getName(), a);
        } catch (RuntimeException e) {
            LOG.error("SOAP service {} could not be published at /soap{}", service.getClass().getName(), a, e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    void removeService(SoapService service) {
        Server server = contributed.remove(service);
        if (server != null) {
            server.destroy();
        }
    }

    @Deactivate
    void deactivate() {
        contributed.values().forEach(Server::destroy);
        contributed.clear();
        organization.destroy();
        servlet.unregister();
        bus.shutdown(true);
    }

    @Override
    public String name() {
        return "soap";
    }

    @Override
    public boolean isUp() {
        return organization.isStarted();
    }
}
