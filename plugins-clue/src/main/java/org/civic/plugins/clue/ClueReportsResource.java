package org.civic.plugins.clue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
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
 * The three statistics of spec §8 over REST, each with {@code from} and {@code to} (dates, inclusive) and
 * {@code format=csv|xlsx}: {@code GET /api/v1/clue/reports/handling} (线索办理统计, one row per child region),
 * {@code summary?bucket=month|day|year} (线索汇总统计) and {@code detail} (线索明细统计, with the query filters).
 */
@Component(service = RestResource.class)
@Path("clue/reports")
@Produces({MediaType.APPLICATION_JSON, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
public class ClueReportsResource implements RestResource {

    private static final List<String> HANDLING_COLUMNS = List.of("regionName", "total", "pendingReceipt", "handling",
            "pendingReview", "completed", "completionRate", "returnCount", "rejectCount", "yellowCards", "redCards");
    private static final List<String> HANDLING_HEADERS = List.of("区域", "线索总数", "待接收", "办理中", "待审核", "已办结", "办结率（%）",
            "退回次数", "驳回次数", "黄牌", "红牌");
    private static final List<String> SUMMARY_COLUMNS = List.of("period", "newClues", "completed", "caseCount",
            "mergeGroups", "averageHandlingDays");
    private static final List<String> SUMMARY_HEADERS = List.of("期间", "新增线索", "办结线索", "案件数", "合并组", "平均办理天数");

    private final ClueViews views;

    @Activate
    public ClueReportsResource(@Reference WorkflowService work, @Reference OrganizationService org,
            @Reference PlatformClock clock) {
        this.views = new ClueViews(work, new ClueOrg(org), clock);
    }

    @GET
    @Path("handling")
    @SuppressWarnings("unchecked")
    public Response handling(@Context SecurityContext security, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        TableExport.checkFormat(format);
        LocalDate[] p = period(from, to);
        Map<String, Object> s = views.handling(caller, p[0], p[1]);
        if (!TableExport.isFile(format)) {
            return Response.ok(s).type(MediaType.APPLICATION_JSON).build();
        }
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) s.get("rows"));
        rows.add((Map<String, Object>) s.get("total"));
        return TableExport.of(HANDLING_HEADERS, dashes(ClueResource.table(rows, HANDLING_COLUMNS)), format, "线索办理统计");
    }

    @GET
    @Path("summary")
    @SuppressWarnings("unchecked")
    public Response summary(@Context SecurityContext security, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket, @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        TableExport.checkFormat(format);
        LocalDate[] p = period(from, to);
        Map<String, Object> s = views.summary(caller, p[0], p[1], bucket);
        if (!TableExport.isFile(format)) {
            return Response.ok(s).type(MediaType.APPLICATION_JSON).build();
        }
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) s.get("rows"));
        rows.add((Map<String, Object>) s.get("total"));
        return TableExport.of(SUMMARY_HEADERS, dashes(ClueResource.table(rows, SUMMARY_COLUMNS)), format, "线索汇总统计");
    }

    @GET
    @Path("detail")
    public Response detail(@Context SecurityContext security, @Context UriInfo uri, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        TableExport.checkFormat(format);
        LocalDate[] p = period(from, to);
        List<Map<String, Object>> rows = views.detail(caller, p[0], p[1], ClueResource.query(uri));
        if (!TableExport.isFile(format)) {
            return Response.ok(Map.of("items", rows, "total", rows.size())).type(MediaType.APPLICATION_JSON).build();
        }
        return TableExport.of(ClueViews.DETAIL_HEADERS, ClueResource.table(rows, ClueViews.DETAIL_COLUMNS), format,
                "线索明细统计");
    }

    /** Rates without a denominator print as "—" (spec §8). */
    private static List<List<Object>> dashes(List<List<Object>> rows) {
        for (List<Object> r : rows) {
            r.replaceAll(v -> "".equals(v) ? "—" : v);
        }
        return rows;
    }

    private static LocalDate[] period(String from, String to) {
        LocalDate f = ClueViews.date(Map.of("from", from == null ? "" : from), "from");
        LocalDate t = ClueViews.date(Map.of("to", to == null ? "" : to), "to");
        if (f == null) {
            throw CivicException.missingField("from");
        }
        if (t == null) {
            throw CivicException.missingField("to");
        }
        if (t.isBefore(f)) {
            throw CivicException.invalidValue("to", "The period ends before it starts");
        }
        if (f.plusYears(10).isBefore(t)) {
            throw CivicException.invalidValue("to", "A period spans at most ten years");
        }
        return new LocalDate[] {f, t};
    }
}
