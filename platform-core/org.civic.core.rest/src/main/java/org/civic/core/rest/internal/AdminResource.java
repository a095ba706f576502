package org.civic.core.rest.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventJournal;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Administration of the organisation: regions, units and users (platform-config.md §3, §5.1). Reads
 * of regions and units are open to every user within their scope (pickers need them); changes and user
 * records need global_admin or region_admin.
 */
@Component(service = RestResource.class)
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource implements RestResource {

    private final OrganizationService organization;
    private final EventJournal journal;

    @Activate
    public AdminResource(@Reference OrganizationService organization, @Reference EventJournal journal) {
        this.organization = organization;
        this.journal = journal;
    }

    @GET
    @Path("regions")
    public Page<Region> regions(@Context SecurityContext security, @QueryParam("parentCode") String parentCode,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return organization.listRegions(caller(security), parentCode, Page.offset(offset), Page.limit(limit));
    }

    @GET
    @Path("regions/{code}")
    public Region region(@Context SecurityContext security, @PathParam("code") String code) {
        return organization.getRegion(caller(security), code);
    }

    /** Region names by code for any region (GET /admin/region-names?code=620502&code=...); unknown codes left out. */
    @GET
    @Path("region-names")
    public Map<String, String> regionNames(@Context SecurityContext security, @QueryParam("code") List<String> codes) {
        return organization.regionNames(caller(security), codes == null ? List.of() : codes);
    }

    @POST
    @Path("regions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createRegion(@Context SecurityContext security, RegionInput input) {
        Region region = organization.createRegion(caller(security), input);
        return Response.created(URI.create("admin/regions/" + region.regionCode())).entity(region).build();
    }

    @PUT
    @Path("regions/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Region updateRegion(@Context SecurityContext security, @PathParam("code") String code, RegionInput input) {
        return organization.updateRegion(caller(security), code, input);
    }

    @GET
    @Path("units")
    public Page<Unit> units(@Context SecurityContext security, @QueryParam("regionCode") String regionCode,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return organization.listUnits(caller(security), regionCode, Page.offset(offset), Page.limit(limit));
    }

    @GET
    @Path("units/{id}")
    public Unit unit(@Context SecurityContext security, @PathParam("id") String id) {
        return organization.getUnit(caller(security), id(id));
    }

    @POST
    @Path("units")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createUnit(@Context SecurityContext security, UnitInput input) {
        Unit unit = organization.createUnit(caller(security), input);
        return Response.created(URI.create("admin/units/" + unit.id())).entity(unit).build();
    }

    @PUT
    @Path("units/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Unit updateUnit(@Context SecurityContext security, @PathParam("id") String id, UnitInput input) {
        return organization.updateUnit(caller(security), id(id), input);
    }

    @GET
    @Path("users")
    public Page<User> users(@Context SecurityContext security, @QueryParam("unitId") Long unitId,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return organization.listUsers(caller(security), unitId, Page.offset(offset), Page.limit(limit));
    }

    @GET
    @Path("users/{id}")
    public User user(@Context SecurityContext security, @PathParam("id") String id) {
        return organization.getUser(caller(security), id(id));
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createUser(@Context SecurityContext security, UserInput input) {
        User user = organization.createUser(caller(security), input);
        return Response.created(URI.create("admin/users/" + user.id())).entity(user).build();
    }

    @PUT
    @Path("users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public User updateUser(@Context SecurityContext security, @PathParam("id") String id, UserInput input) {
        return organization.updateUser(caller(security), id(id), input);
    }

    /** The most recent platform events as the core's event route recorded them (global_admin only). */
    /** The roles that may be granted now, with their labels (the user form's choices). */
    @GET
    @Path("roles")
    public List<org.civic.core.api.spi.RoleDefinition> roles(@Context SecurityContext security) {
        return organization.grantableRoles(caller(security));
    }

    /** The unit types that may be used now (the unit form's choices). */
    @GET
    @Path("unit-types")
    public java.util.Set<String> unitTypes(@Context SecurityContext security) {
        return organization.unitTypes(caller(security));
    }

    @GET
    @Path("events")
    public List<Map<String, Object>> events(@Context SecurityContext security, @QueryParam("limit") Integer limit) {
        if (!caller(security).isGlobalAdmin()) {
            throw CivicException.forbidden("Only a global administrator reads the event journal");
        }
        return journal.recent(Page.limit(limit));
    }

    private static Caller caller(SecurityContext security) {
        return CallerPrincipal.of(security);
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw CivicException.notFound("No record " + id);
        }
    }
}
