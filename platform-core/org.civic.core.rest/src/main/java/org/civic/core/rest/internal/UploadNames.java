package org.civic.core.rest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The file name of a multipart upload as the user typed it. Browsers send a name like 现场照片.png as raw
 * UTF-8 bytes in {@code Content-Disposition}, and CXF reads header bytes as ISO-8859-1, which turns
 * it into mojibake. A name whose characters all fit in one byte and whose bytes are valid UTF-8 with
 * at least one multi-byte sequence is decoded again as UTF-8; any other name is kept as it is.
 */
final class UploadNames {

    private UploadNames() {
    }

    static String fileName(String raw) {
        if (raw == null) {
            return null;
        }
        boolean high = false;
        byte[] bytes = new byte[raw.length()];
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0xFF) {
                return raw;
            }
            high |= c >= 0x80;
            bytes[i] = (byte) c;
        }
        if (!high) {
            return raw;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return raw;
        }
    }
}
