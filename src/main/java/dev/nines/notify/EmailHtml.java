package dev.nines.notify;

/**
 * The HTML part of an email: one narrow column with inline styles (mail clients drop style
 * sheets), a band coloured by status, the title, the summary's paragraphs, the figures as a
 * table and a button to the link. Every text is escaped.
 */
final class EmailHtml {
  private static final String MUTED = "#57606a";

  private EmailHtml() {}

  static String of(Notification n) {
    StringBuilder b = new StringBuilder(2048);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(n.title())).append("</title></head>\n")
        .append("<body style=\"margin:0;padding:0;background:#f6f8fa\">\n")
        .append("<div style=\"max-width:600px;margin:0 auto;padding:24px;background:#ffffff;")
        .append("font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;")
        .append("font-size:15px;line-height:1.5;color:#1f2328\">\n")
        .append("<div style=\"border-left:4px solid ").append(SlackChannel.COLOURS.get(n.status()))
        .append(";padding:2px 0 2px 12px;margin-bottom:16px\">\n")
        .append("<div style=\"font-size:12px;color:").append(MUTED)
        .append(";letter-spacing:.04em\">").append(escape(NotificationText.statusLine(n)))
        .append("</div>\n<h1 style=\"font-size:20px;margin:4px 0 0\">").append(escape(n.title()))
        .append("</h1>\n</div>\n");
    if (n.group()) {
      alerts(b, n);
    }
    for (String para : n.group() ? new String[0] : n.summary().strip().split("\\n\\s*\\n")) {
      if (!para.isBlank()) {
        b.append("<p style=\"margin:0 0 12px\">")
            .append(escape(para.strip()).replace("\n", "<br>\n")).append("</p>\n");
      }
    }
    if (!n.fields().isEmpty()) {
      b.append("<table style=\"border-collapse:collapse;margin:8px 0 16px\">\n");
      for (Notification.Field f : n.fields()) {
        b.append("<tr><td style=\"padding:3px 16px 3px 0;color:").append(MUTED).append("\">")
            .append(escape(f.name())).append("</td><td style=\"padding:3px 0;font-weight:600\">")
            .append(escape(f.value())).append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    if (n.link() != null) {
      b.append("<p style=\"margin:16px 0\"><a href=\"").append(escape(n.link()))
          .append("\" style=\"display:inline-block;padding:8px 14px;background:#1f2328;")
          .append("color:#ffffff;text-decoration:none;border-radius:4px\">Open in Nines</a></p>\n");
    }
    b.append("<p style=\"margin-top:24px;font-size:12px;color:#8c959f\">Sent by Nines · ")
        .append(escape(n.key())).append("</p>\n</div>\n</body></html>\n");
    return b.toString();
  }

  private static final String CELL = "padding:6px 12px 6px 0;vertical-align:top;"
      + "border-top:1px solid #d0d7de";

  /**
   * The alerts of a group as one table: a heading row for the firing and for the resolved
   * ones, then a row per alert with its severity, its title (linked), its times and figures.
   */
  private static void alerts(StringBuilder b, Notification n) {
    b.append("<table style=\"border-collapse:collapse;width:100%;margin:8px 0 16px\">\n");
    Notification.Status part = null;
    for (Notification a : n.alerts()) {
      if (a.status() != part) {
        part = a.status();
        long count = n.alerts().stream().filter(x -> x.status() == a.status()).count();
        b.append("<tr><th colspan=\"3\" style=\"text-align:left;padding:12px 0 4px;color:")
            .append(SlackChannel.COLOURS.get(part)).append("\">")
            .append(part == Notification.Status.FIRING ? "Firing" : "Resolved").append(" (")
            .append(count).append(")</th></tr>\n");
      }
      b.append("<tr><td style=\"").append(CELL).append(";font-weight:600\">")
          .append(escape(a.severity())).append("</td><td style=\"").append(CELL).append("\">");
      if (a.link() != null) {
        b.append("<a href=\"").append(escape(a.link())).append("\">").append(escape(a.title()))
            .append("</a>");
      } else {
        b.append(escape(a.title()));
      }
      b.append("<div style=\"font-size:12px;color:").append(MUTED).append("\">")
          .append(escape(NotificationText.statusLine(a))).append("</div></td><td style=\"")
          .append(CELL).append("\">");
      for (Notification.Field f : a.fields()) {
        b.append("<div><span style=\"color:").append(MUTED).append("\">").append(escape(f.name()))
            .append("</span> ").append(escape(f.value())).append("</div>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  /** HTML escapes of {@code & < > " '}. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
