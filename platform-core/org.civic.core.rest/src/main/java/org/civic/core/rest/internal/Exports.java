package org.civic.core.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.civic.core.api.CivicException;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.Statistic;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * CSV (Commons CSV, UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese) and
 * XLSX (fastexcel) exports of lists and statistics, with Chinese column headers.
 */
public final class Exports {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final List<String> ITEM_HEADERS = List.of("编号", "标题", "区域", "状态", "承办单位", "创建时间",
            "更新时间", "办结时间", "办理期限", "剩余分钟", "亮牌");
    private static final List<String> STAT_HEADERS = List.of("分组", "名称", "总数", "在办", "办结", "按期办结",
            "超期（亮牌）", "按期办结率", "超期率", "平均办理时长（小时）");

    private Exports() {
    }

    static void checkFormat(String format) {
        if (!"csv".equals(format) && !"xlsx".equals(format)) {
            throw CivicException.invalidValue("format", "format must be json, csv or xlsx");
        }
    }

    static Response items(List<ItemSummary> rows, String format, String name) {
        List<List<Object>> table = new ArrayList<>();
        for (ItemSummary r : rows) {
            String holders = r.holders().stream().map(h -> h.unitName() + "（" + h.stateLabel().zh() + "）")
                    .collect(Collectors.joining("；"));
            table.add(List.of(r.number(), r.title(), r.regionCode(), r.stateLabel().zh(), holders, time(r.createdAt()),
                    time(r.updatedAt()), time(r.closedAt()), time(r.deadline()),
                    r.remainingMinutes() == null ? "" : r.remainingMinutes(), card(r.card())));
        }
        return write(ITEM_HEADERS, table, format, name);
    }

    static Response statistic(Statistic s, String format, String name) {
        checkFormat(format);
        List<List<Object>> table = new ArrayList<>();
        List<Statistic.Row> all = new ArrayList<>(s.rows());
        all.add(s.total());
        for (Statistic.Row r : all) {
            table.add(List.of(r.key(), r.label() == null ? "" : r.label(), r.total(), r.open(), r.closed(), r.onTime(),
                    r.overdue(), rate(r.onTimeRate()), rate(r.overdueRate()),
                    r.averageHandlingHours() == null ? "" : r.averageHandlingHours()));
        }
        return write(STAT_HEADERS, table, format, name);
    }

    /** A plugin's own table (see {@link org.civic.core.rest.TableExport}). */
    public static Response table(List<String> headers, List<List<Object>> table, String format, String name) {
        checkFormat(format);
        return write(headers, table, format, name);
    }

    /** The format check for plugins: json (or none), csv, xlsx. */
    public static void checkAnyFormat(String format) {
        if (format != null && !format.isBlank() && !"json".equals(format)) {
            checkFormat(format);
        }
    }

    private static Response write(List<String> headers, List<List<Object>> table, String format, String name) {
        StreamingOutput body;
        String type;
        if ("csv".equals(format)) {
            type = CSV + ";charset=UTF-8";
            body = out -> {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(headers.toArray(String[]::new)).build())) {
                    for (List<Object> row : table) {
                        csv.printRecord(row);
                    }
                }
            };
        } else {
            type = XLSX;
            body = out -> xlsx(headers, table, out);
        }
        return Response.ok(body, type).header("Content-Disposition", disposition(name + "." + format)).build();
    }

    private static void xlsx(List<String> headers, List<List<Object>> table, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "Civic Platform", "1.0");
        Worksheet ws = wb.newWorksheet("数据");
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, headers.get(c));
            ws.style(0, c).bold().set();
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

    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    private static String card(String colour) {
        return colour == null ? "" : "RED".equals(colour) ? "红牌" : "黄牌";
    }

    private static Object rate(Double r) {
        return r == null ? "" : String.format("%.1f%%", r * 100);
    }
}
