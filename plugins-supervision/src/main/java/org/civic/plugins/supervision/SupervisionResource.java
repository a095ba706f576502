package org.civic.plugins.supervision;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The supervision line's views over REST, beside the kernel's generic API:
 * {@code GET /api/v1/supervision/views/todo} (待办事项), {@code notices} (待阅), {@code picker?kind=lead|co}
 * (关联督办事项), {@code items/{department|summary|admin|office}} with the filters of spec §7, and
 * {@code summary} (情况汇总, spec 8.1). Lists and the summary export with {@code format=csv|xlsx}.
 */
@Component(service = RestResource.class)
@Path("supervision/views")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionResource implements RestResource {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final SupervisionViews views;
    private final PlatformClock clock;

    @Activate
    public SupervisionResource(@Reference WorkflowService work, @Reference OrganizationService org,
            @Reference PlatformClock clock) {
        this.views = new SupervisionViews(work, new OrgDirectory(org), clock);
        this.clock = clock;
    }

    @GET
    @Path("todo")
    public List<Map<String, Object>> todo(@Context SecurityContext security) {
        return views.todo(CallerPrincipal.of(security));
    }

    @GET
    @Path("notices")
    public List<Map<String, Object>> notices(@Context SecurityContext security, @QueryParam("all") boolean all) {
        return views.notices(CallerPrincipal.of(security), all);
    }

    @GET
    @Path("picker")
    public List<Map<String, Object>> picker(@Context SecurityContext security, @QueryParam("kind") String kind) {
        return views.picker(CallerPrincipal.of(security), kind == null ? "lead" : kind);
    }

    @GET
    @Path("linked/{itemId}")
    public List<Map<String, Object>> linked(@Context SecurityContext security, @PathParam("itemId") long itemId) {
        return views.linked(CallerPrincipal.of(security), itemId);
    }

    @GET
    @Path("items/{view}")
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    public Response items(@Context SecurityContext security, @Context UriInfo uri, @PathParam("view") String view,
            @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        checkFormat(format);
        Map<String, String> filter = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> filter.put(k, v.isEmpty() ? null : v.get(0)));
        for (String d : new String[] {"assignedFrom", "assignedTo", "deadlineFrom", "deadlineTo"}) {
            parseDate(d, filter.get(d));
        }
        List<Map<String, Object>> rows = views.items(caller, view, filter);
        if (format == null || format.isBlank() || "json".equals(format)) {
            return Response.ok(Map.of("items", rows, "total", rows.size())).type(MediaType.APPLICATION_JSON).build();
        }
        return export(SupervisionViews.ITEM_HEADERS, table(rows, SupervisionViews.ITEM_COLUMNS), format, "督办事项-" + view);
    }

    @GET
    @Path("summary")
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    public Response summary(@Context SecurityContext security, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("source") String source, @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        checkFormat(format);
        Map<String, Object> s = views.summary(caller, parseDate("from", from), parseDate("to", to), source,
                clock.nowInZone());
        if (format == null || format.isBlank() || "json".equals(format)) {
            return Response.ok(s).type(MediaType.APPLICATION_JSON).build();
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = new ArrayList<>((List<Map<String, Object>>) s.get("rows"));
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) s.get("total");
        rows.add(total);
        return export(SupervisionViews.SUMMARY_HEADERS, table(rows, SupervisionViews.SUMMARY_COLUMNS), format, "情况汇总");
    }

    private static LocalDate parseDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue(field, field + " must be a date like 2026-03-02");
        }
    }

    private static void checkFormat(String format) {
        if (format != null && !format.isBlank() && !List.of("json", "csv", "xlsx").contains(format)) {
            throw CivicException.invalidValue("format", "format must be json, csv or xlsx");
        }
    }

    private static List<List<Object>> table(List<Map<String, Object>> rows, List<String> columns) {
        List<List<Object>> table = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> line = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                line.add(v == null ? "" : v instanceof List<?> l ? l.toString() : v);
            }
            table.add(line);
        }
        return table;
    }

    private static Response export(List<String> headers, List<List<Object>> table, String format, String name) {
        StreamingOutput body;
        String type;
        if ("csv".equals(format)) {
            type = CSV + ";charset=UTF-8";
            body = out -> {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                        .setHeader(headers.toArray(String[]::new)).build())) {
                    for (List<Object> row : table) {
                        csv.printRecord(row);
                    }
                }
            };
        } else {
            type = XLSX;
            body = out -> xlsx(headers, table, out);
        }
        String file = name + "." + format;
        String ascii = file.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + ascii
                + "\"; filename*=UTF-8''" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20")).build();
    }

    private static void xlsx(List<String> headers, List<List<Object>> table, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Civic Platform", "1.0");
        Worksheet ws = wb.newWorksheet("督办");
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, headers.get(c));
        }
        for (int r = 0; r < table.size(); r++) {
            List<Object> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number n) {
                    ws.value(r + 1, c, n);
                } else if (v != null && !"".equals(v)) {
                    ws.value(r + 1, c, v.toString());
                }
            }
        }
        wb.finish();
    }
}
