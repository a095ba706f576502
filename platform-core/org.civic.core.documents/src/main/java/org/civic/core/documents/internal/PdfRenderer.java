package org.civic.core.documents.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * XHTML to PDF with openhtmltopdf. The Chinese font is registered as the family {@value #FAMILY} for
 * normal and bold text (a CJK font rarely has a bold face; bold text uses the regular glyphs).
 */
final class PdfRenderer {

    /** The CSS font family templates use for all text. */
    static final String FAMILY = "civic";

    private PdfRenderer() {
    }

    static byte[] render(String xhtml, CjkFont font, String title) throws IOException {
        try (PDDocument doc = new PDDocument(); CjkFont.Loaded loaded = font.load(doc)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(doc);
            PDFontSupplier supplier = new PDFontSupplier(loaded.font());
            builder.useFont(supplier, FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(supplier, FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDFWithoutClosing();
            }
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setCreator("Civic Platform");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
