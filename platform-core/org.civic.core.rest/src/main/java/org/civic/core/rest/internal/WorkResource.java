package org.civic.core.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
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

import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.civic.core.api.CivicException;
import org.civic.core.api.Idempotency;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.CallerPrincipal;
import org.civic.core.rest.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The generic work-item API of every line (ARCHITECTURE.md §5): create, read, act, list, query,
 * count, statistics, exports and attachments. The line's plugin only declares; this resource and the
 * kernel do the rest.
 */
@Component(service = RestResource.class)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class WorkResource implements RestResource {

    /** The most rows an export writes; larger selections must be narrowed by filters. */
    static final int MAX_EXPORT_ROWS = 20_000;

    /** Query parameters naming a line field: {@code field.category=城市管理}. */
    static final String FIELD_PREFIX = "field.";

    private final WorkflowService work;
    private final Idempotency idempotency;
    private final ObjectMapper json = Json.mapper();
    private final ObjectMapper canonical = Json.mapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Activate
    public WorkResource(@Reference WorkflowService work, @Reference Idempotency idempotency) {
        this.work = work;
        this.idempotency = idempotency;
    }

    // ---------------------------------------------------------------- lines (console menus)

    @GET
    @Path("lines")
    public List<Map<String, Object>> lines(@Context SecurityContext security) {
        Caller caller = CallerPrincipal.of(security);
        List<Map<String, Object>> out = new ArrayList<>();
        for (LineDefinition d : work.lines()) {
            out.add(LineDescriptions.describe(d, caller, work.worklistCounts(caller, d.line())));
        }
        return out;
    }

    @GET
    @Path("lines/{line}")
    public Map<String, Object> line(@Context SecurityContext security, @PathParam("line") String line) {
        Caller caller = CallerPrincipal.of(security);
        LineDefinition d = work.line(line);
        return LineDescriptions.describe(d, caller, work.worklistCounts(caller, line));
    }

    // ---------------------------------------------------------------- items

    @POST
    @Path("{line}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @PathParam("line") String line,
            @HeaderParam("Idempotency-Key") String key, Map<String, Object> body) {
        Caller caller = CallerPrincipal.of(security);
        return keyed(caller, key, "POST " + line + "/items", body, () -> {
            ItemView item = work.create(caller, line, body, CallerPrincipal.channelOf(security));
            return new Idempotency.Answer(201, write(item));
        }, answer -> URI.create("items/" + idOf(answer)));
    }

    @GET
    @Path("items/{id}")
    public ItemView item(@Context SecurityContext security, @PathParam("id") long id) {
        return work.get(CallerPrincipal.of(security), id);
    }

    @POST
    @Path("items/{id}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response act(@Context SecurityContext security, @PathParam("id") long id, @PathParam("action") String action,
            @HeaderParam("Idempotency-Key") String key, @HeaderParam("If-Match") String ifMatch,
            Map<String, Object> body) {
        Caller caller = CallerPrincipal.of(security);
        Long version = version(ifMatch);
        return keyed(caller, key, "POST items/" + id + "/actions/" + action, body, () -> {
            ItemView item = work.act(caller, id, action, body, version, CallerPrincipal.channelOf(security));
            return new Idempotency.Answer(200, write(item));
        }, null);
    }

    @GET
    @Path("{line}/items")
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
    public Response query(@Context SecurityContext security, @PathParam("line") String line,
            @QueryParam("state") String state, @QueryParam("assignmentState") String assignmentState,
            @QueryParam("regionCode") String regionCode, @QueryParam("unitId") Long unitId,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("card") String card, @QueryParam("q") String text, @QueryParam("sort") String sort,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
            @QueryParam("format") String format, @Context UriInfo uri) {
        Caller caller = CallerPrincipal.of(security);
        ItemQuery q = new ItemQuery(blank(state), blank(assignmentState), blank(regionCode), unitId,
                time("createdFrom", createdFrom), time("createdTo", createdTo), blank(card), blank(text), blank(sort),
                Page.offset(offset), Page.limit(limit)).withFields(fieldFilters(uri));
        return list(format, line + "-items", page -> work.query(caller, line, page), q);
    }

    /**
     * The {@code field.<id>=<value>} parameters of a query (filters on the line's declared ENUM and BOOLEAN
     * fields; the kernel checks them against the line). A blank value is no filter, as for the other filters;
     * one field named twice is refused rather than silently reduced to one value.
     */
    static Map<String, String> fieldFilters(UriInfo uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri == null) {
            return out;
        }
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (!e.getKey().startsWith(FIELD_PREFIX)) {
                continue;
            }
            String id = e.getKey().substring(FIELD_PREFIX.length());
            List<String> values = e.getValue().stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (id.isEmpty()) {
                throw CivicException.invalidValue(e.getKey(), "Name the field: field.<id>=<value>");
            }
            if (values.size() > 1) {
                throw CivicException.invalidValue(e.getKey(), e.getKey() + " may be given once");
            }
            if (!values.isEmpty()) {
                out.put(id, values.get(0));
            }
        }
        return out;
    }

    @GET
    @Path("{line}/worklists")
    public Map<String, Long> worklists(@Context SecurityContext security, @PathParam("line") String line) {
        return work.worklistCounts(CallerPrincipal.of(security), line);
    }

    @GET
    @Path("{line}/worklists/{name}")
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
    public Response worklist(@Context SecurityContext security, @PathParam("line") String line,
            @PathParam("name") String name, @QueryParam("regionCode") String regionCode,
            @QueryParam("card") String card, @QueryParam("q") String text, @QueryParam("sort") String sort,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
            @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        ItemQuery q = new ItemQuery(null, null, blank(regionCode), null, null, null, blank(card), blank(text),
                blank(sort), Page.offset(offset), Page.limit(limit));
        return list(format, line + "-" + name, page -> work.worklist(caller, line, name, page), q);
    }

    @GET
    @Path("{line}/stats/{name}")
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
    public Response statistic(@Context SecurityContext security, @PathParam("line") String line,
            @PathParam("name") String name, @QueryParam("state") String state,
            @QueryParam("regionCode") String regionCode, @QueryParam("unitId") Long unitId,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("format") String format) {
        Caller caller = CallerPrincipal.of(security);
        ItemQuery q = new ItemQuery(blank(state), null, blank(regionCode), unitId, time("createdFrom", createdFrom),
                time("createdTo", createdTo), null, null, null, 0, 1);
        Statistic s = work.statistic(caller, line, name, q);
        if (format == null || format.isBlank() || "json".equals(format)) {
            return Response.ok(s, MediaType.APPLICATION_JSON).build();
        }
        return Exports.statistic(s, format, line + "-" + name);
    }

    // ---------------------------------------------------------------- attachments

    @POST
    @Path("items/{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@Context SecurityContext security, @PathParam("id") long id, MultipartBody body) {
        Caller caller = CallerPrincipal.of(security);
        Attachment file = body == null ? null : body.getAttachment("file");
        if (file == null) {
            throw CivicException.missingField("file");
        }
        String name = file.getContentDisposition() == null ? null
                : UploadNames.fileName(file.getContentDisposition().getFilename());
        String type = file.getContentType() == null ? null : file.getContentType().toString();
        try (InputStream in = file.getDataHandler().getInputStream()) {
            ItemView.Attachment stored = work.attach(caller, id, name, type, in);
            return Response.created(URI.create("items/" + id + "/attachments/" + stored.id())).entity(stored)
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (IOException e) {
            throw CivicException.invalidValue("file", "The upload could not be read");
        }
    }

    @GET
    @Path("items/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response download(@Context SecurityContext security, @PathParam("id") long id,
            @PathParam("attachmentId") long attachmentId) {
        WorkflowService.AttachmentContent content = work.attachment(CallerPrincipal.of(security), id, attachmentId);
        StreamingOutput stream = out -> Files.copy(content.file(), out);
        return Response.ok(stream, content.meta().contentType())
                .header("Content-Disposition", Exports.disposition(content.meta().fileName()))
                .header("Content-Length", content.meta().size()).build();
    }

    // ---------------------------------------------------------------- helpers

    /** A page function for lists and their exports. */
    interface Pager {
        Page<ItemSummary> page(ItemQuery q);
    }

    private Response list(String format, String name, Pager pager, ItemQuery q) {
        if (format == null || format.isBlank() || "json".equals(format)) {
            return Response.ok(pager.page(q), MediaType.APPLICATION_JSON).build();
        }
        Exports.checkFormat(format);
        List<ItemSummary> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ItemSummary> p = pager.page(q.page(offset, Page.MAX_LIMIT));
            rows.addAll(p.items());
            offset += p.items().size();
            if (p.items().isEmpty() || offset >= p.total()) {
                break;
            }
            if (offset >= MAX_EXPORT_ROWS) {
                throw new CivicException(409, "EXPORT_TOO_LARGE",
                        "More than " + MAX_EXPORT_ROWS + " rows; narrow the selection with filters");
            }
        }
        return Exports.items(rows, format, name);
    }

    private Response keyed(Caller caller, String key, String what, Map<String, Object> body,
            java.util.function.Supplier<Idempotency.Answer> work, java.util.function.Function<Idempotency.Answer, URI> location) {
        Idempotency.Answer answer = key == null || key.isBlank() ? work.get()
                : idempotency.once(caller.userId(), key.trim(), fingerprint(what, body), work);
        Response.ResponseBuilder r = Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON);
        if (location != null) {
            r.location(location.apply(answer));
        }
        return r.build();
    }

    private String fingerprint(String what, Map<String, Object> body) {
        try {
            byte[] bytes = (what + "\n" + canonical.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long idOf(Idempotency.Answer answer) {
        try {
            return json.readTree(answer.body()).path("id").asLong();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim().replace("\"", "");
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw CivicException.invalidValue("If-Match", "If-Match must hold the item's version number");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.trim()).atStartOfDay(org.civic.core.api.PlatformClock.ZONE)
                        .toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw CivicException.invalidValue(field, field + " must be a date or a time with offset");
            }
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
