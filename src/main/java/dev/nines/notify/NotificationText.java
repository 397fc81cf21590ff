package dev.nines.notify;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words every channel shares: a subject line, a status line and the plain-text body. */
final class NotificationText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private NotificationText() {}

  /** {@code [FIRING] title} or {@code [RESOLVED] title} for a firing or resolved message, else the title. */
  static String subject(Notification n) {
    return switch (n.status()) {
      case FIRING -> "[FIRING] " + n.title();
      case RESOLVED -> "[RESOLVED] " + n.title();
      case INFO -> n.title();
    };
  }

  /** {@code FIRING · page · since 2026-11-18 10:30 UTC}, {@code RESOLVED · page · ...}. */
  static String statusLine(Notification n) {
    String times = switch (n.status()) {
      case FIRING -> "since " + TIME.format(n.startsAt());
      case RESOLVED -> TIME.format(n.startsAt()) + " to " + TIME.format(n.endsAt());
      case INFO -> TIME.format(n.startsAt());
    };
    return n.status().name() + " · " + n.severity() + " · " + times;
  }

  /** The message as plain text: title, status, summary, figures, link, and the key last. */
  static String plain(Notification n) {
    StringBuilder b = new StringBuilder();
    b.append(subject(n)).append("\n").append(statusLine(n)).append("\n\n");
    if (n.group()) {
      alerts(b, n);
    } else if (!n.summary().isBlank()) {
      b.append(n.summary().strip()).append("\n\n");
    }
    int width = n.fields().stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (Notification.Field f : n.fields()) {
      b.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", f.name(), f.value()));
    }
    if (!n.fields().isEmpty()) {
      b.append("\n");
    }
    if (n.link() != null) {
      b.append(n.link()).append("\n\n");
    }
    return b.append("-- \nSent by Nines (").append(n.key()).append(")\n").toString();
  }

  /** The alerts of a group: a "Firing (N)" and a "Resolved (N)" part, each alert indented. */
  private static void alerts(StringBuilder b, Notification n) {
    Notification.Status part = null;
    for (Notification a : n.alerts()) {
      if (a.status() != part) {
        part = a.status();
        long count = n.alerts().stream().filter(x -> x.status() == a.status()).count();
        b.append(part == Notification.Status.FIRING ? "Firing" : "Resolved").append(" (")
            .append(count).append(")\n\n");
      }
      b.append("* ").append(a.title()).append("\n  ").append(statusLine(a)).append("\n");
      int width = a.fields().stream().mapToInt(f -> f.name().length()).max().orElse(0);
      for (Notification.Field f : a.fields()) {
        b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", f.name(), f.value()));
      }
      if (a.link() != null) {
        b.append("  ").append(a.link()).append("\n");
      }
      b.append("\n");
    }
  }
}
