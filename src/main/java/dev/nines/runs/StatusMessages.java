package dev.nines.runs;

import dev.nines.format.Fmt;
import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.notify.Notification;
import dev.nines.store.Subscriber;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The emails a status-page subscriber gets: the confirmation of a subscription (double opt-in),
 * an incident opened or resolved, planned maintenance. Each carries the unsubscribe link; keys
 * name the subscriber, so each message reaches each address once.
 */
public final class StatusMessages {
  private StatusMessages() {}

  /** The page of a client's status. */
  public static String page(String base, ClientSpec c) {
    return base + "/status/" + c.name();
  }

  /** The link that confirms a subscription. */
  public static String confirmLink(String base, ClientSpec c, Subscriber s) {
    return page(base, c) + "/confirm?token=" + s.token();
  }

  /** The link that ends a subscription. */
  public static String unsubscribeLink(String base, ClientSpec c, Subscriber s) {
    return page(base, c) + "/unsubscribe?token=" + s.token();
  }

  /** "Confirm your subscription": sent when a visitor subscribes. */
  public static Notification confirmation(String base, ClientSpec c, Subscriber s, Instant now) {
    return message("status:" + c.name() + ":confirm:" + s.id(), c, "Confirm your subscription "
        + "to " + c.title() + " status", "Someone, hopefully you, asked for emails about "
        + "incidents and planned maintenance of " + c.title() + " at this address. Open this "
        + "link to confirm; without it you get nothing more:\n\n" + confirmLink(base, c, s)
        + "\n\nIf you did not ask for this, ignore this email.", confirmLink(base, c, s), now,
        List.of());
  }

  /** An incident opened (or resolved, once it is). */
  public static Notification incident(String base, ClientSpec c, Subscriber s, Incident i,
      String title, ZoneId zone) {
    boolean resolved = !i.open();
    String body = resolved
        ? "Resolved at " + Fmt.when(i.resolvedAt(), zone) + " after "
            + Fmt.dur(java.time.Duration.between(i.openedAt(), i.resolvedAt())) + "."
            + (i.rootCause() == null ? "" : "\n\nRoot cause: " + i.rootCause())
        : "Since " + Fmt.when(i.openedAt(), zone) + ". We are working on it and will write "
            + "again when it is resolved.";
    return message("status:" + c.name() + ":incident:" + i.id() + ":"
        + (resolved ? "resolved" : "opened") + ":" + s.id(), c,
        (resolved ? "Resolved: " : "Incident: ") + title, body + footer(base, c, s),
        page(base, c), resolved ? i.resolvedAt() : i.openedAt(),
        List.of(new Notification.Field("Status", resolved ? "resolved" : "investigating")));
  }

  /** Planned maintenance ahead. */
  public static Notification maintenance(String base, ClientSpec c, Subscriber s,
      MaintenanceWindow w, List<String> components, ZoneId zone) {
    return message("status:" + c.name() + ":maintenance:" + w.service() + ":"
        + w.start().toEpochMilli() + ":" + s.id(), c, "Planned maintenance: "
        + String.join(", ", components), Fmt.when(w.start(), zone) + " to "
        + Fmt.when(w.end(), zone) + " (" + zone.getId() + ")"
        + (w.reason() == null ? "." : ": " + w.reason() + ".") + footer(base, c, s),
        page(base, c), w.start(), List.of());
  }

  private static String footer(String base, ClientSpec c, Subscriber s) {
    return "\n\nStatus page: " + page(base, c) + "\nUnsubscribe: " + unsubscribeLink(base, c, s);
  }

  private static Notification message(String key, ClientSpec c, String title, String summary,
      String link, Instant at, List<Notification.Field> fields) {
    return new Notification(key, Notification.Kind.STATUS, Audience.CLIENT, c.name(),
        Notification.Status.INFO, "info", title, summary, fields, Map.of(),
        link.startsWith("http") ? link : null, at, null, List.of());
  }
}
