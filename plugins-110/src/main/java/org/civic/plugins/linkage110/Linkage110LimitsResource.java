package org.civic.plugins.linkage110;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
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
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/linkage110/limits[?district=620102]}: the time limits in force for a district (spec
 * 6.5), as configured in {@code etc/org.civic.linkage110.cfg}. The caller's own district by default; another
 * one only within the caller's region. {@code PUT} changes a district's limits (a region administrator of
 * that district or above, or a global administrator; without a district the defaults, global
 * administrators only): it writes the configuration (Karaf saves it back to the .cfg file), which
 * re-registers the line with the new values. A limit set to null falls back to the default. Both answer the
 * limits in force ({@code limits}), the district's own values ({@code own}), the configured defaults of every
 * district ({@code configuredDefaults}) and the spec's ({@code defaults}).
 */
@Component(service = RestResource.class, configurationPid = Linkage110Config.PID)
@Path("linkage110/limits")
@Produces(MediaType.APPLICATION_JSON)
public class Linkage110LimitsResource implements RestResource {

    /** Body of {@code PUT}: the district (null: the defaults) and the limits to set (null: remove). */
    public record Change(String district, Map<String, Integer> limits) {
    }

    private static final int MAX_LIMIT = 100_000;

    private final Limits limits;
    private final ConfigurationAdmin configurations;

    @Activate
    public Linkage110LimitsResource(Map<String, Object> properties, @Reference ConfigurationAdmin configurations) {
        this.limits = Limits.from(properties);
        this.configurations = configurations;
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
        out.put("own", limits.own(d));
        out.put("configuredDefaults", limits.configuredDefaults());
        out.put("defaults", Limits.DEFAULTS);
        return out;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> change(@Context SecurityContext security, Change body) throws IOException {
        Caller caller = CallerPrincipal.of(security);
        if (body == null || body.limits() == null || body.limits().isEmpty()) {
            throw CivicException.missingField("limits");
        }
        String district = body.district() == null || body.district().isBlank() ? null : body.district().trim();
        if (district != null && !district.matches("\\d{6,12}")) {
            throw CivicException.invalidValue("district", "A district is a region code of 6 to 12 digits");
        }
        if (!caller.isGlobalAdmin()) {
            if (district == null || !caller.hasRole(Caller.REGION_ADMIN)) {
                throw CivicException.forbidden("Changing the 110 limits needs a region administrator of the district"
                        + " (the defaults: a global administrator)");
            }
            if (!RegionCodes.isWithin(district, caller.regionCode())) {
                throw CivicException.outOfScope("District " + district + " lies outside your region");
            }
        }
        for (Map.Entry<String, Integer> e : body.limits().entrySet()) {
            if (!Limits.DEFAULTS.containsKey(e.getKey())) {
                throw CivicException.invalidValue("limits", "Unknown limit " + e.getKey() + " (names: "
                        + String.join(", ", Limits.NAMES) + ")");
            }
            if (e.getValue() != null && (e.getValue() < 1 || e.getValue() > MAX_LIMIT)) {
                throw CivicException.invalidValue("limits", e.getKey() + " must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Configuration config = configurations.getConfiguration(Linkage110Config.PID, "?");
        Dictionary<String, Object> props = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        for (Map.Entry<String, Integer> e : body.limits().entrySet()) {
            String key = "limits." + (district == null ? "" : district + ".") + e.getKey();
            if (e.getValue() == null) {
                props.remove(key);
            } else {
                props.put(key, String.valueOf(e.getValue()));
            }
        }
        config.update(props);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            properties.put(k, props.get(k));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("district", district);
        Limits changed = Limits.from(properties);
        out.put("limits", changed.effective(district));
        out.put("own", changed.own(district));
        out.put("configuredDefaults", changed.configuredDefaults());
        out.put("defaults", Limits.DEFAULTS);
        return out;
    }
}
