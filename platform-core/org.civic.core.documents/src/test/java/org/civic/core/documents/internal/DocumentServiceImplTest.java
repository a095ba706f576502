package org.civic.core.documents.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.documents.DocumentService;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.DocumentDef;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.Label;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.api.workflow.WorkflowService;
import org.junit.Test;

/**
 * The document service over a kernel that answers one item: the rules (document, role, state, font)
 * and a real rendering whose text is read back from the PDF with PDFBox.
 */
public class DocumentServiceImplTest {

    /** Where Debian's fonts-wqy-microhei puts its font; .ci/run installs the package. */
    static final Path WQY = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private static final PlatformClock CLOCK = () -> Instant.parse("2026-03-02T01:30:00Z");
    private static final Caller CLERK = new Caller(7, "zhangwei", "张伟", 3, "规划处", "620102", Set.of("clerk"));
    private static final Caller GUEST = new Caller(8, "lisi", "李四", 3, "规划处", "620102", Set.of("viewer"));

    private final LineDefinition line = LineDefinition.builder("demo", "演示", "Demo")
            .states(new StateDef("OPEN", Label.of("办理中", "Open"), false), new StateDef("DONE", Label.of("已办结", "Done"), true))
            .createdBy("clerk").createFields(FieldDef.of(LineDefinition.TITLE, "标题", "Title", FieldDef.FieldType.STRING))
            .actions(ActionDef.of("close", "办结", "Close").allowedFrom("OPEN").leadsTo("DONE").allowedTo("clerk"))
            .documents(DocumentDef.of("sheet", "办理单", "Sheet", DocumentServiceImplTest.class, "documents/test-sheet.ftlx")
                            .withModel((item, caller) -> Map.of("extra", "（" + caller.unitName() + "）")),
                    DocumentDef.of("archive", "档案", "Archive", DocumentServiceImplTest.class, "documents/test-sheet.ftlx")
                            .inStates("DONE"),
                    DocumentDef.of("secret", "内部单", "Internal", DocumentServiceImplTest.class, "documents/test-sheet.ftlx")
                            .forRoles("leader"))
            .build();

    private final ItemView item = new ItemView(42, "DEMO-620102-20260302-0001", "demo", true, "张掖路占道经营 & <噪音>", "620102",
            "OPEN", Label.of("办理中", "Open"), false, Map.of("phone", "13812345678"), 3,
            OffsetDateTime.of(2026, 3, 1, 0, 5, 0, 0, ZoneOffset.UTC), "zhangwei", 3L, null, null, null, List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(),
            List.of(new ItemView.AuditEntry(1, OffsetDateTime.of(2026, 3, 1, 0, 5, 0, 0, ZoneOffset.UTC), "zhangwei", "张伟",
                    3L, "规划处", "REST", "create", Label.of("登记", "Register"), null, "OPEN", null, "请尽快处理", Map.of(), Map.of())));

    private final WorkflowService kernel = (WorkflowService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {WorkflowService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "get" -> {
                    if ((long) args[1] != item.id()) {
                        throw CivicException.notFound("no item " + args[1]);
                    }
                    yield item;
                }
                case "line" -> line;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private DocumentServiceImpl service() {
        assertTrue("This test needs the font of Debian's fonts-wqy-microhei at " + WQY, WQY.toFile().isFile());
        return new DocumentServiceImpl(kernel, CLOCK, List.of(Path.of("/nonexistent/font.ttf"), WQY));
    }

    @Test
    public void rendersTheItemWithChineseTextEscapedAndFormatted() throws Exception {
        DocumentService.Rendered r = service().render(CLERK, 42, "sheet");
        assertEquals("DEMO-620102-20260302-0001-办理单.pdf", r.fileName());
        assertTrue(new String(r.pdf(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF-"));
        String text = text(r.pdf());
        assertTrue(text, text.contains("办理单"));
        assertTrue(text, text.contains("张掖路占道经营 & <噪音>"));
        assertTrue(text, text.contains("办理中"));
        assertTrue(text, text.contains("138****5678"));
        assertFalse(text, text.contains("13812345678"));
        // 00:05 UTC is 08:05 in Asia/Shanghai.
        assertTrue(text, text.contains("2026-03-01 08:05"));
        assertTrue(text, text.contains("张伟 （规划处）"));
        assertTrue(text, text.contains("登记 请尽快处理"));
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertEquals("DEMO-620102-20260302-0001 办理单", doc.getDocumentInformation().getTitle());
        }
    }

    @Test
    public void listsOnlyWhatTheCallerMayPrintNow() {
        DocumentServiceImpl s = service();
        assertEquals(List.of("sheet"), s.available(CLERK, 42).stream().map(DocumentService.Available::name).toList());
        assertEquals(Label.of("办理单", "Sheet"), s.available(GUEST, 42).get(0).label());
    }

    @Test
    public void refusesUnknownDocumentsWrongRolesAndStates() {
        DocumentServiceImpl s = service();
        expect("NOT_FOUND", 404, () -> s.render(CLERK, 42, "nothing"));
        expect("NOT_FOUND", 404, () -> s.render(CLERK, 43, "sheet"));
        expect("FORBIDDEN", 403, () -> s.render(CLERK, 42, "secret"));
        expect("INVALID_STATE", 409, () -> s.render(CLERK, 42, "archive"));
    }

    @Test
    public void withoutAChineseFontRefusesNamingTheFix() {
        DocumentServiceImpl s = new DocumentServiceImpl(kernel, CLOCK, List.of(Path.of("/nonexistent/font.ttf")));
        assertFalse(s.canRender());
        CivicException e = expect("DOCUMENT_UNAVAILABLE", 503, () -> s.render(CLERK, 42, "sheet"));
        assertTrue(e.getMessage(), e.getMessage().contains("fonts-wqy-microhei"));
        assertTrue(service().canRender());
    }

    private static CivicException expect(String code, int status, Runnable r) {
        try {
            r.run();
        } catch (CivicException e) {
            assertEquals(e.getMessage(), code, e.code());
            assertEquals(status, e.status());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
