package org.civic.plugins.clue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.civic.core.rest.TableExport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The clue line's views over REST, beside the kernel's generic API (spec §7, 5.3):
 * {@code GET /api/v1/clue/views/workbench} (工作台 counters), {@code GET /clue/views/{list}} for
 * {@code pending-receipt}, {@code case-management}, {@code province-transfer}, {@code city-transfer},
 * {@code review-pending}, {@code reviewed}, {@code query} and {@code merge-candidates} (paged, sortable, the
 * query filters, {@code format=csv|xlsx}), {@code GET /clue/views/items/{id}/progress|notes|completion-feedback|
 * trail|review-history}, and {@code POST /clue/views/pending-receipt/receive-all} (全部接收).
 */
@Component(service = RestResource.class)
@Path("clue/views")
@Produces(MediaType.APPLICATION_JSON)
public class ClueResource implements RestResource {

    private final WorkflowService work;
    private final ClueViews views;

    @Activate
    public ClueResource(@Reference WorkflowService work, @Reference OrganizationService org,
            @Reference PlatformClock clock) {
        this.work = work;
        this.views = new ClueViews(work, new ClueOrg(org), clock);
    }

    @GET
    @Path("workbench")
    public Map<String, Object> workbench(@Context SecurityContext security) {
        return views.workbench(CallerPrincipal.of(security));
    }

    @GET
    @Path("{list}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    public Response list(@Context SecurityContext security, @Context UriInfo uri, @PathParam("list") String list,
            @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        TableExport.checkFormat(format);
        Map<String, String> filter = query(uri);
        if (!TableExport.isFile(format)) {
            return Response.ok(views.list(caller, list, filter)).type(MediaType.APPLICATION_JSON).build();
        }
        views.list(caller, list, Map.of("limit", "1")); // the role check, before any row is read for a file
        return TableExport.of(ClueViews.ROW_HEADERS, table(views.rows(caller, list, filter), ClueViews.ROW_COLUMNS),
                format, "线索-" + list);
    }

    @GET
    @Path("items/{id}/progress")
    public List<Object> progress(@Context SecurityContext security, @PathParam("id") long id) {
        return views.progress(CallerPrincipal.of(security), id);
    }

    @GET
    @Path("items/{id}/notes")
    public List<Object> notes(@Context SecurityContext security, @PathParam("id") long id) {
        return views.notes(CallerPrincipal.of(security), id);
    }

    @GET
    @Path("items/{id}/completion-feedback")
    public Map<String, Object> completionFeedback(@Context SecurityContext security, @PathParam("id") long id) {
        return views.completionFeedback(CallerPrincipal.of(security), id);
    }

    @GET
    @Path("items/{id}/trail")
    public List<Map<String, Object>> trail(@Context SecurityContext security, @PathParam("id") long id) {
        return views.trail(CallerPrincipal.of(security), id);
    }

    @GET
    @Path("items/{id}/review-history")
    public List<Object> reviewHistory(@Context SecurityContext security, @PathParam("id") long id) {
        return views.reviewHistory(CallerPrincipal.of(security), id);
    }

    /**
     * 全部接收: each listed clue (default: every clue pending receipt at the caller's unit now) is received as
     * by {@code receive}, each in its own transaction; the ones that cannot be are listed with the reason.
     */
    @POST
    @Path("pending-receipt/receive-all")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> receiveAll(@Context SecurityContext security, Map<String, Object> body) {
        Caller caller = CallerPrincipal.of(security);
        return receiveAll(work, views, caller, body);
    }

    static Map<String, Object> receiveAll(WorkflowService work, ClueViews views, Caller caller, Map<String, Object> body) {
        if (!caller.hasAnyRole(Clue.CITY_OFFICER, Clue.COUNTY_OFFICER)) {
            throw CivicException.forbidden("Only city and county officers receive clues");
        }
        List<Long> ids = new ArrayList<>();
        Object listed = body == null ? null : body.get("clueIds");
        if (listed instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                try {
                    ids.add(o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o).trim()));
                } catch (NumberFormatException e) {
                    throw CivicException.invalidValue("clueIds", "clueIds must be clue ids");
                }
            }
        } else if (listed != null && !(listed instanceof List<?>)) {
            throw CivicException.invalidValue("clueIds", "clueIds must be a list of clue ids");
        } else {
            for (Map<String, Object> r : views.rows(caller, "pending-receipt", Map.of())) {
                ids.add(((Number) r.get("id")).longValue());
            }
        }
        int received = 0;
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            try {
                work.act(caller, id, "receive", Map.of(), null, "REST");
                received++;
            } catch (CivicException e) {
                skipped.add(Map.of("clueId", id, "code", e.code()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("received", received);
        out.put("skipped", skipped);
        return out;
    }

    static Map<String, String> query(UriInfo uri) {
        Map<String, String> filter = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> filter.put(k, v.isEmpty() ? null : String.join(",", v)));
        return filter;
    }

    static List<List<Object>> table(List<Map<String, Object>> rows, List<String> columns) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> line = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                line.add(v instanceof Boolean b ? (b ? "是" : "") : v == null ? "" : v);
            }
            out.add(line);
        }
        return out;
    }
}
