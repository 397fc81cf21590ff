package dev.nines.web.console;

import dev.nines.view.ClientStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The Atom feed (RFC 4287) of a client's incidents: one entry per incident, updated on change. */
final class StatusFeed {
  private StatusFeed() {}

  static String atom(ClientStatus s, String base) {
    String page = base + "/status/" + s.client().name();
    List<ClientStatus.PublicIncident> all = new ArrayList<>(s.open());
    all.addAll(s.history());
    Instant updated = all.stream().map(StatusFeed::updated).max(Instant::compareTo)
        .orElse(s.now());
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        .append("  <title>").append(esc(s.client().title())).append(" status: incidents</title>\n")
        .append("  <id>").append(esc(page)).append("</id>\n")
        .append("  <link href=\"").append(esc(page)).append("\"/>\n")
        .append("  <link rel=\"self\" href=\"").append(esc(page)).append("/feed.atom\"/>\n")
        .append("  <updated>").append(updated).append("</updated>\n")
        .append("  <author><name>").append(esc(s.client().title())).append("</name></author>\n");
    for (ClientStatus.PublicIncident i : all) {
      String text = (i.incident().open() ? "Investigating since " + i.incident().openedAt()
          : "Resolved " + i.incident().resolvedAt() + " (opened " + i.incident().openedAt() + ")")
          + (i.components().isEmpty() ? "" : ". Affects " + String.join(", ", i.components()))
          + (i.incident().rootCause() == null ? "." : ". Root cause: " + i.incident().rootCause());
      b.append("  <entry>\n    <title>").append(i.incident().open() ? "" : "Resolved: ")
          .append(esc(i.title())).append("</title>\n    <id>").append(esc(page))
          .append("/incidents/").append(i.incident().id()).append("</id>\n    <link href=\"")
          .append(esc(page)).append("#incident-").append(i.incident().id())
          .append("\"/>\n    <published>").append(i.incident().openedAt())
          .append("</published>\n    <updated>").append(updated(i)).append("</updated>\n")
          .append("    <summary>").append(esc(text)).append("</summary>\n  </entry>\n");
    }
    return b.append("</feed>\n").toString();
  }

  private static Instant updated(ClientStatus.PublicIncident i) {
    return i.incident().resolvedAt() != null ? i.incident().resolvedAt() : i.incident().openedAt();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
