package org.civic.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.org.Caller;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/console/menu}: the plugin menu entries the caller sees, read at every page load;
 * {@code GET /api/v1/console/messages}: the texts of the installed lines' own error codes.
 */
@Component(service = RestResource.class)
@Path("console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource implements RestResource {

    private final ConsoleContributions contributions;

    @Activate
    public ConsoleResource(@Reference ConsoleContributions contributions) {
        this.contributions = contributions;
    }

    @GET
    @Path("menu")
    public List<Map<String, Object>> menu(@Context SecurityContext security) {
        Caller caller = CallerPrincipal.of(security);
        List<Map<String, Object>> out = new ArrayList<>();
        for (MenuEntry e : contributions.menuFor(caller)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plugin", e.plugin());
            m.put("id", e.id());
            m.put("label", e.label());
            m.put("line", e.line());
            m.put("section", e.section());
            m.put("href", e.href());
            m.put("module", e.module());
            if (e.worklist() != null) {
                m.put("worklist", e.worklist());
            }
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("messages")
    public Map<String, Map<String, String>> messages() {
        return contributions.messages();
    }
}
