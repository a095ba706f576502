package org.civic.core.rest.internal;

import java.time.Duration;
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
 * leave it with their bundle. The server is rebuilt on every change, behind a {@link SwapGate}: a request
 * that arrives meanwhile waits for the new server instead of getting CXF's 404 (decisions.md 42).
 */
@Component(service = {}, immediate = true)
public class RestApplication {

    static final String ADDRESS = "/v1";
    /** How long a request may be held back by a swap before it is answered 503 (a swap takes milliseconds). */
    static final Duration REQUEST_WAIT = Duration.ofSeconds(10);
    /** How long a swap waits for the requests inside to finish; a longer one (a slow download) does not stop it. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(RestApplication.class);

    private final Bus bus;
    private final ServiceRegistration<Servlet> servlet;
    private final AuthFilter authFilter;
    private final SwapGate gate = new SwapGate("REST application", REQUEST_WAIT, DRAIN_WAIT);
    private final List<RestResource> resources = new CopyOnWriteArrayList<>();
    private Server server;
    private volatile boolean active;

    @Activate
    public RestApplication(BundleContext context, @Reference AuthenticationService authentication,
            @Reference TokenStore tokens) {
        this.authFilter = new AuthFilter(authentication, tokens);
        this.bus = CxfServlets.newBus();
        this.servlet = CxfServlets.publishServlet(context, bus, "civic-api", "/api/*", gate);
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
        // The resource classes are read here (setServiceBeans), before requests are held back.
        JAXRSServerFactoryBean factory = resources.isEmpty() ? null : factory();
        long start = System.nanoTime();
        gate.swap(() -> {
            if (server != null) {
                server.destroy();
                server = null;
            }
            if (factory != null) {
                server = factory.create();
            }
        });
        LOG.info("REST application at /api{} serves {} resources (swapped in {} ms)", ADDRESS, resources.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private JAXRSServerFactoryBean factory() {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(ADDRESS);
        List<Object> beans = new ArrayList<>(resources);
        beans.add(new OpenApiResource(this));
        factory.setServiceBeans(beans);
        factory.setProviders(List.of(new JacksonJsonProvider(Json.mapper()), authFilter,
                new ErrorMappers.Civic(), new ErrorMappers.BadJson(), new ErrorMappers.Web(), new ErrorMappers.Any()));
        return factory;
    }
}
