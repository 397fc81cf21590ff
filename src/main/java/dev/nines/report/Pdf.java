package dev.nines.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * HTML to PDF with openhtmltopdf on PDFBox, in the DejaVu Sans fonts shipped in the jar (so
 * minus signs, multiplication signs and arrows print on any machine). The HTML must be
 * well-formed XHTML; page size, margins and page numbers come from its CSS {@code @page}.
 */
final class Pdf {
  private static final String FONTS = "/report/fonts/";

  private Pdf() {}

  static byte[] render(String xhtml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.useFastMode();
      b.useFont(() -> font("DejaVuSans.ttf"), "DejaVu Sans", 400,
          PdfRendererBuilder.FontStyle.NORMAL, true);
      b.useFont(() -> font("DejaVuSans-Bold.ttf"), "DejaVu Sans", 700,
          PdfRendererBuilder.FontStyle.NORMAL, true);
      b.withHtmlContent(xhtml, null);
      b.toStream(out);
      b.run();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering the PDF failed", e);
    }
    return out.toByteArray();
  }

  private static InputStream font(String name) {
    InputStream in = Pdf.class.getResourceAsStream(FONTS + name);
    if (in == null) {
      throw new IllegalStateException(FONTS + name + " is missing from the classpath");
    }
    return in;
  }
}
