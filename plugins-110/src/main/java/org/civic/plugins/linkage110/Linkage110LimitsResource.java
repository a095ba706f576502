package org.civic.plugins.linkage110;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code GET /api/v1/linkage110/limits[?district=620102]}: the time limits in force for a district (spec
 * 6.5), as configured in {@code etc/org.civic.linkage110.cfg}. The caller's own district by default; another
 * one only within the caller's region. Changing them is a configuration change (the file, or Karaf's
 * {@code config:property-set}), which re-registers the line with the new values.
 */
@Component(service = RestResource.class, configurationPid = Linkage110Config.PID)
@Path("linkage110/limits")
@Produces(MediaType.APPLICATION_JSON)
public class Linkage110LimitsResource implements RestResource {

    private final Limits limits;

    @Activate
    public Linkage110LimitsResource(Map<String, Object> properties) {
        this.limits = Limits.from(properties);
    }

    @GET
    public Map<String, Object> limits(@Context SecurityContext security, @QueryParam("district") String district) {
        Caller caller = CallerPrincipal.of(security);
        String d = district == null || district.isBlank() ? caller.regionCode() : district.trim();
        if (!caller.isGlobalAdmin() && !RegionCodes.isWithin(d, caller.regionCode())) {
            throw CivicException.outOfScope("District " + d + " lies outside your region");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("district", d);
        out.put("limits", limits.effective(d));
        out.put("defaults", Limits.DEFAULTS);
        return out;
    }
}
