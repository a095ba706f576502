package org.civic.core.rest.internal.soap;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.civic.core.api.HealthIndicator;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.rest.internal.CxfServlets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the core's SOAP services under {@code /soap/} on a CXF bus of their own. */
@Component(service = HealthIndicator.class, immediate = true)
public class SoapEndpoints implements HealthIndicator {

    private final Bus bus;
    private final ServiceRegistration<Servlet> servlet;
    private final Server organization;

    @Activate
    public SoapEndpoints(BundleContext context, @Reference OrganizationService organizationService,
            @Reference AuthenticationService authentication) {
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

    @Deactivate
    void deactivate() {
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
