package dev.nines.report;

import java.util.Locale;

/** The forms a report or proposal is written in, with their file extension and media type. */
public enum ReportFormat {
  PDF("pdf", "application/pdf"),
  HTML("html", "text/html; charset=utf-8"),
  MD("md", "text/markdown; charset=utf-8");

  private final String id;
  private final String contentType;

  ReportFormat(String id, String contentType) {
    this.id = id;
    this.contentType = contentType;
  }

  /** The spelling on the command line and in URLs, also the file extension. */
  public String id() {
    return id;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * The format spelled {@code text} ({@code pdf}, {@code html}, {@code md}, case ignored).
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static ReportFormat of(String text) {
    for (ReportFormat f : values()) {
      if (f.id.equals(text == null ? "" : text.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("format: '" + text + "' is not a report format. "
        + "Expected pdf, html or md");
  }
}
