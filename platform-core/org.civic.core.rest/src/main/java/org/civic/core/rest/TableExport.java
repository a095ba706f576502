package org.civic.core.rest;

import java.util.List;

import javax.ws.rs.core.Response;

import org.civic.core.rest.internal.Exports;

/**
 * The platform's CSV and XLSX export for a plugin's own tables (its statistics and views), so that every
 * export of the platform looks the same: CSV in UTF-8 with a BOM (Excel shows Chinese), XLSX through the
 * core's writer, the same {@code Content-Disposition} with the Chinese file name, the same row limit.
 */
public final class TableExport {

    private TableExport() {
    }

    /**
     * @throws org.civic.core.api.CivicException INVALID_VALUE:format unless json (or none), csv or xlsx
     */
    public static void checkFormat(String format) {
        Exports.checkAnyFormat(format);
    }

    /** True when the caller asked for a file rather than JSON. */
    public static boolean isFile(String format) {
        return format != null && !format.isBlank() && !"json".equals(format);
    }

    /** The table as a download named {@code name.csv} or {@code name.xlsx}. */
    public static Response of(List<String> headers, List<List<Object>> rows, String format, String name) {
        return Exports.table(headers, rows, format, name);
    }
}
