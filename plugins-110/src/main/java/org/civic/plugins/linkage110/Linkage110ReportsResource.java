package org.civic.plugins.linkage110;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

import org.civic.core.api.CivicException;
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
 * The 110 line's district reports under {@code /api/v1/linkage110/reports} (dispatchers and leaders of the
 * district), each exportable with {@code format=csv|xlsx} through the platform's export:
 * <ul>
 * <li>{@code extension-requests} — 延期审批 (spec §7);</li>
 * <li>{@code efficiency?from&to} — 事件效能统计 (8.1), one row per handling unit plus the total;</li>
 * <li>{@code analysis?from&to[&table=category|street|hour|repeat|results]} — 事件研判分析 (8.2).</li>
 * </ul>
 * Dates are inclusive ({@code 2026-03-01}); rates are percent with one decimal, null ("—") when undefined.
 */
@Component(service = RestResource.class)
@Path("linkage110/reports")
@Produces(MediaType.APPLICATION_JSON)
public class Linkage110ReportsResource implements RestResource {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Linkage110Views views;

    @Activate
    public Linkage110ReportsResource(@Reference WorkflowService work, @Reference OrganizationService org) {
        this.views = new Linkage110Views(work, org);
    }

    @GET
    @Path("extension-requests")
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    public Response extensionRequests(@Context SecurityContext security, @QueryParam("format") String format) {
        TableExport.checkFormat(format);
        List<Map<String, Object>> rows = views.extensionRequests(CallerPrincipal.of(security));
        if (!TableExport.isFile(format)) {
            return json(Map.of("items", rows, "total", rows.size()));
        }
        return TableExport.of(Linkage110Views.EXTENSION_HEADERS, table(rows, Linkage110Views.EXTENSION_COLUMNS), format,
                "延期审批");
    }

    @GET
    @Path("efficiency")
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    public Response efficiency(@Context SecurityContext security, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format) {
        TableExport.checkFormat(format);
        Map<String, Object> s = views.efficiency(CallerPrincipal.of(security), date("from", from), date("to", to));
        if (!TableExport.isFile(format)) {
            return json(s);
        }
        List<Map<String, Object>> rows = new ArrayList<>(rows(s.get("rows")));
        rows.add(map(s.get("total")));
        return TableExport.of(Linkage110Views.EFFICIENCY_HEADERS, table(rows, Linkage110Views.EFFICIENCY_COLUMNS), format,
                "事件效能统计");
    }

    @GET
    @Path("analysis")
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    public Response analysis(@Context SecurityContext security, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("table") String tableName, @QueryParam("format") String format) {
        TableExport.checkFormat(format);
        Caller caller = CallerPrincipal.of(security);
        String which = tableName == null || tableName.isBlank() ? "category" : tableName;
        List<String> headers;
        List<String> columns;
        String key;
        switch (which) {
            case "category" -> {
                key = "categoryByMonth";
                headers = List.of("月份", "诉求类别", "数量");
                columns = List.of("month", "category", "count");
            }
            case "street" -> {
                key = "byStreet";
                headers = List.of("街道编码", "所属街道", "数量");
                columns = List.of("streetRegionCode", "street", "count");
            }
            case "hour" -> {
                key = "byHour";
                headers = List.of("时段（时）", "数量");
                columns = List.of("hour", "count");
            }
            case "repeat" -> {
                key = "repeatAppellants";
                headers = List.of("联系电话", "诉求次数", "区级编号");
                columns = List.of("appellantPhone", "count", "districtNos");
            }
            case "results" -> {
                key = "finalResults";
                headers = List.of("回访结果", "数量", "占比(%)");
                columns = List.of("result", "count", "share");
            }
            default -> throw CivicException.invalidValue("table", "table must be category, street, hour, repeat or results");
        }
        Map<String, Object> s = views.analysis(caller, date("from", from), date("to", to));
        if (!TableExport.isFile(format)) {
            return json(s);
        }
        return TableExport.of(headers, table(rows(s.get(key)), columns), format, "事件研判分析-" + which);
    }

    private static Response json(Object body) {
        return Response.ok(body).type(MediaType.APPLICATION_JSON).build();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue(field, field + " must be a date like 2026-03-01");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<List<Object>> table(List<Map<String, Object>> rows, List<String> columns) {
        List<List<Object>> table = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> line = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                line.add(v == null ? "—" : v instanceof List<?> l ? String.join("、", l.stream().map(String::valueOf).toList()) : v);
            }
            table.add(line);
        }
        return table;
    }
}
