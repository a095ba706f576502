package org.civic.core.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.civic.core.api.CivicException;
import org.junit.Test;

/** A plugin's table exported through the platform's writer. */
public class TableExportTest {

    @Test
    public void csvHasTheBomTheChineseHeadersAndTheRows() throws Exception {
        Response r = TableExport.of(List.of("承办单位", "派发数"), List.of(List.of("张掖路街道办事处", 4)), "csv", "事件效能统计");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.getEntity()).write(out);
        byte[] b = out.toByteArray();
        assertEquals((byte) 0xEF, b[0]);
        String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        assertEquals("承办单位,派发数\r\n张掖路街道办事处,4\r\n", text);
        assertTrue(r.getHeaderString("Content-Disposition").contains("filename*=UTF-8''"));
    }

    @Test
    public void xlsxIsAZipAndUnknownFormatsAreRefused() throws Exception {
        Response r = TableExport.of(List.of("a"), List.of(List.of(1)), "xlsx", "t");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) r.getEntity()).write(out);
        assertEquals('P', out.toByteArray()[0]);
        assertEquals('K', out.toByteArray()[1]);
        TableExport.checkFormat(null);
        TableExport.checkFormat("json");
        try {
            TableExport.checkFormat("pdf");
            throw new AssertionError("pdf accepted");
        } catch (CivicException e) {
            assertEquals("INVALID_VALUE:format", e.code());
        }
    }
}
