package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.last;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Uploads: stored by SHA-256 and read back within scope, type and size limits, claimed once by an action. */
public class WorkflowAttachmentsTest {

    private HotlineFixture f;
    private long id;

    @Before
    public void setUp() {
        f = new HotlineFixture();
        id = f.dispatched(f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.act(f.marketHandler, id, "sign");
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private ItemView.Attachment upload(String name, String type, byte[] content) {
        return f.kernel.attach(f.housingHandler, id, name, type, new ByteArrayInputStream(content));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    public void anUploadIsStoredByChecksumAndReadBackWithinScope() throws Exception {
        byte[] content = ("现场照片 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        f.at("2026-03-02 10:40");
        ItemView.Attachment a = upload("C:\\Users\\张三\\现场.txt", "Text/Plain; charset=UTF-8", content);
        assertEquals("现场.txt", a.fileName());
        assertEquals("text/plain", a.contentType());
        assertEquals(content.length, a.size());
        assertEquals(sha256(content), a.sha256());
        assertEquals("house", a.uploadedBy());
        assertEquals(t("2026-03-02 10:40"), a.uploadedAt());
        assertNull(a.auditId());
        WorkflowService.AttachmentContent read = f.kernel.attachment(f.dispatcher, id, a.id());
        assertEquals(a, read.meta());
        assertArrayEquals(content, Files.readAllBytes(read.file()));
        assertTrue(read.file().toString().endsWith(a.sha256()));
        assertEquals(List.of(a), f.view(id).attachments());
        // the same content again is a second attachment on the same stored file
        ItemView.Attachment again = f.kernel.attach(f.marketHandler, id, "copy.txt", "text/plain",
                new ByteArrayInputStream(content));
        assertEquals(a.sha256(), again.sha256());
        assertEquals(read.file(), f.kernel.attachment(f.marketHandler, id, again.id()).file());
        // another item cannot be used to read it
        long other = f.dispatched(f.housing);
        refused("NOT_FOUND", () -> f.kernel.attachment(f.housingHandler, other, a.id()));
        refused("NOT_FOUND", () -> f.kernel.attachment(f.otherCounty, id, a.id()));
        assertEquals(2, f.count("AttachmentEntity"));
    }

    @Test
    public void typeSizeNameAndEmptyUploadsAreRefusedAndNothingIsKept() {
        HotlineFixture.Snapshot before = f.snapshot(id);
        refused("INVALID_VALUE:file", () -> upload("run.exe", "application/x-msdownload", new byte[] {1, 2, 3}));
        refused("INVALID_VALUE:file", () -> upload("a.txt", null, new byte[] {1}));
        refused("INVALID_VALUE:file", () -> upload("big.pdf", "application/pdf", new byte[1024 * 1024 + 1]));
        refused("INVALID_VALUE:file", () -> upload("empty.png", "image/png", new byte[0]));
        refused("INVALID_VALUE:file", () -> upload("", "image/png", new byte[] {1}));
        refused("INVALID_VALUE:file", () -> upload("x".repeat(201) + ".png", "image/png", new byte[] {1}));
        refused("NOT_FOUND", () -> f.kernel.attach(f.otherCountyHandler, id, "a.png", "image/png",
                new ByteArrayInputStream(new byte[] {1})));
        // the auditor reads every item of the district but takes no action on this one: reading is not enough
        assertTrue(f.kernel.get(f.auditor, id).availableActions().isEmpty());
        refused("OUT_OF_SCOPE", () -> f.kernel.attach(f.auditor, id, "a.png", "image/png",
                new ByteArrayInputStream(new byte[] {1})));
        before.unchanged();
        ItemView.Attachment max = upload("max.pdf", "application/pdf", new byte[1024 * 1024]);
        assertEquals(1024 * 1024, max.size());
    }

    @Test
    public void anActionClaimsItsAttachmentsOnceAndARefusedActionClaimsNothing() {
        ItemView.Attachment photo = upload("photo.png", "image/png", "照片".getBytes(StandardCharsets.UTF_8));
        ItemView.Attachment report = upload("report.pdf", "application/pdf", "报告".getBytes(StandardCharsets.UTF_8));
        long other = f.dispatched(f.housing);
        ItemView.Attachment foreign = f.kernel.attach(f.housingHandler, other, "f.png", "image/png",
                new ByteArrayInputStream(new byte[] {9}));
        refused("INVALID_VALUE:files", () -> f.act(f.housingHandler, id, "feedback", "content", "已处理",
                "files", List.of(photo.id(), foreign.id())));
        refused("INVALID_VALUE:content", () -> f.act(f.housingHandler, id, "feedback", "content", "短",
                "files", List.of(photo.id())));
        assertTrue(f.view(id).attachments().stream().allMatch(a -> a.auditId() == null));

        ItemView fed = f.act(f.housingHandler, id, "feedback", "content", "已处理", "files", List.of(photo.id(),
                report.id()));
        long auditId = last(fed).id();
        for (ItemView.Attachment a : fed.attachments()) {
            assertEquals(a.fileName(), Long.valueOf(auditId), a.auditId());
        }
        assertEquals(List.of(photo.id(), report.id()), ((List<?>) last(fed).input().get("files")).stream()
                .map(x -> ((Number) x).longValue()).toList());
        HotlineFixture.Snapshot before = f.snapshot(id);
        // the market cannot reuse what housing's feedback claimed
        refused("INVALID_VALUE:files", () -> f.act(f.marketHandler, id, "feedback", "content", "再用",
                "files", List.of(photo.id())));
        before.unchanged();
        ItemView.Attachment own = f.kernel.attach(f.marketHandler, id, "m.txt", "text/plain",
                new ByteArrayInputStream("市场".getBytes(StandardCharsets.UTF_8)));
        ItemView done = f.act(f.marketHandler, id, "feedback", "content", "已配合", "files", List.of(own.id()));
        assertEquals("REVIEW", done.state());
        assertEquals(Long.valueOf(last(done).id()), done.attachments().stream().filter(a -> a.id() == own.id())
                .findFirst().orElseThrow().auditId());
    }
}
