package org.civic.core.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.Servlet;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.rest.RestResource;
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

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * The platform's one JAX-RS application at {@code /api/v1}. It owns authentication, JSON mapping and
 * error mapping; resources of the core and of plugins join it as {@link RestResource} services and
 * leave it with their bundle (the server is rebuilt on every change).
 */
@Component(service = {}, immediate = true)
public class RestApplication {

    static final String ADDRESS = "/v1";
    private static final Logger LOG = LoggerFactory.getLogger(RestApplication.class);

    private final Bus bus;
    private final ServiceRegistration<Servlet> servlet;
    private final AuthFilter authFilter;
    private final List<RestResource> resources = new CopyOnWriteArrayList<>();
    private Server server;
    private volatile boolean active;

    @Activate
    public RestApplication(BundleContext context, @Reference AuthenticationService authentication,
            @Reference TokenStore tokens) {
        this.authFilter = new AuthFilter(authentication, tokens);
        this.bus = CxfServlets.newBus();
        this.servlet = CxfServlets.publishServlet(context, bus, "civic-api", "/api/*");
        active = true;
        rebuild();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (server != null) {
            server.destroy();
            server = null;
        }
        servlet.unregister();
        bus.shutdown(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResource(RestResource resource) {
        resources.add(resource);
        rebuild();
    }

    void removeResource(RestResource resource) {
        resources.remove(resource);
        rebuild();
    }

    /** The resource classes now part of the application (for the OpenAPI description). */
    List<Class<?>> resourceClasses() {
        List<Class<?>> classes = new ArrayList<>();
        classes.add(OpenApiResource.class);
        for (RestResource r : resources) {
            classes.add(r.getClass());
        }
        return classes;
    }

    private synchronized void rebuild() {
        if (!active) {
            return;
        }
        if (server != null) {
            server.destroy();
            server = null;
        }
        if (resources.isEmpty()) {
            return;
        }
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(ADDRESS);
        List<Object> beans = new ArrayList<>(resources);
        beans.add(new OpenApiResource(this));
        factory.setServiceBeans(beans);
        factory.setProviders(List.of(new JacksonJsonProvider(Json.mapper()), authFilter,
                new ErrorMappers.Civic(), new ErrorMappers.BadJson(), new ErrorMappers.Web(), new ErrorMappers.Any()));
        server = factory.create();
        LOG.info("REST application at /api{} serves {} resources", ADDRESS, resources.size());
    }
}
