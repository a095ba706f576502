package org.civic.core.documents.internal;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Chinese font embedded in documents: the first of the configured files that exists, is a
 * TrueType font or collection, and has a glyph for 中. PDFBox embeds only the glyphs a document uses.
 * The file is read once; each rendering parses it anew, because PDFBox binds a font to one document.
 */
final class CjkFont {

    private final Path file;
    private final byte[] bytes;
    private final String fontName;

    private CjkFont(Path file, byte[] bytes, String fontName) {
        this.file = file;
        this.bytes = bytes;
        this.fontName = fontName;
    }

    /** The first usable font of {@code candidates}, or null; {@code problems} collects why others were skipped. */
    static CjkFont find(List<Path> candidates, List<String> problems) {
        for (Path p : candidates) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                byte[] data = Files.readAllBytes(p);
                String name = firstChineseFont(data, p);
                if (name != null) {
                    return new CjkFont(p, data, name);
                }
                problems.add(p + ": no font with Chinese glyphs");
            } catch (IOException | RuntimeException e) {
                problems.add(p + ": " + e.getMessage());
            }
        }
        return null;
    }

    Path file() {
        return file;
    }

    String fontName() {
        return fontName;
    }

    /**
     * Loads the font into {@code doc}; the returned handle must be closed after the document is saved
     * (the subset is written on save).
     */
    Loaded load(PDDocument doc) throws IOException {
        if (isCollection(file)) {
            TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(bytes));
            TrueTypeFont ttf = ttc.getFontByName(fontName);
            return new Loaded(PDType0Font.load(doc, ttf, true), ttc);
        }
        return new Loaded(PDType0Font.load(doc, new ByteArrayInputStream(bytes), true), null);
    }

    record Loaded(PDType0Font font, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (resource != null) {
                resource.close();
            }
        }
    }

    private static boolean isCollection(Path p) {
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc");
    }

    private static String firstChineseFont(byte[] data, Path p) throws IOException {
        if (isCollection(p)) {
            try (TrueTypeCollection ttc = new TrueTypeCollection(new ByteArrayInputStream(data))) {
                String[] found = new String[1];
                ttc.processAllFonts(ttf -> {
                    if (found[0] == null && coversChinese(ttf)) {
                        found[0] = ttf.getName();
                    }
                });
                return found[0];
            }
        }
        try (TrueTypeFont ttf = new org.apache.fontbox.ttf.TTFParser().parse(new RandomAccessReadBuffer(data))) {
            return coversChinese(ttf) ? ttf.getName() : null;
        }
    }

    private static boolean coversChinese(TrueTypeFont ttf) throws IOException {
        // Fonts with CFF outlines (most .otf, Noto CJK) have no glyf table; PDFBox embeds TrueType outlines only.
        return ttf.getGlyph() != null && ttf.getUnicodeCmapLookup(false) != null
                && ttf.getUnicodeCmapLookup(false).getGlyphId('中') > 0;
    }

    static List<Path> resolve(String[] configured, File etc) {
        List<Path> out = new ArrayList<>();
        for (String c : configured) {
            if (c == null || c.isBlank()) {
                continue;
            }
            Path p = Path.of(c.trim());
            out.add(p.isAbsolute() || etc == null ? p : etc.toPath().resolve(p));
        }
        return out;
    }
}
