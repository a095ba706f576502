package org.civic.core.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class UploadNamesTest {

    private static String asLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    public void aBrowsersUtf8NameReadAsLatin1IsRepaired() {
        assertEquals("现场照片.png", UploadNames.fileName(asLatin1("现场照片.png")));
        assertEquals("处理说明 v2.txt", UploadNames.fileName(asLatin1("处理说明 v2.txt")));
    }

    @Test
    public void otherNamesAreKept() {
        assertEquals("report.pdf", UploadNames.fileName("report.pdf"));
        assertEquals("现场照片.png", UploadNames.fileName("现场照片.png"));
        assertEquals("a genuine Latin-1 name stays", "café.txt", UploadNames.fileName("café.txt"));
        assertNull(UploadNames.fileName(null));
    }
}
