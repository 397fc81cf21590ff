package dev.nines.incident;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An incident of one service: opened by a firing page (or by hand), joined by the related
 * alerts of the service, updated by the team, resolved with a root-cause note that the client
 * reads in the portal, the status page and the monthly report.
 *
 * @param resolvedAt when it was resolved, or null while open
 * @param rootCause the note the client sees, or null
 * @param openedBy {@code alert}, or the user who opened it
 * @param slos the SLOs it affects (those of the alerts that joined, and those named by hand)
 * @param timeline what happened, oldest first
 */
public record Incident(long id, String service, String client, String title, Instant openedAt,
    Instant resolvedAt, String rootCause, String openedBy, List<String> slos,
    List<Event> timeline) {

  public Incident {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(openedAt, "openedAt");
    slos = List.copyOf(slos);
    timeline = List.copyOf(timeline);
  }

  /** Whether it is still open. */
  public boolean open() {
    return resolvedAt == null;
  }

  /** One entry of the timeline. */
  public record Event(Instant at, Kind kind, String author, String body, String alertInstance) {
    public Event {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** What an entry records. */
  public enum Kind {
    OPENED, ALERT, UPDATE, NOTE, RESOLVED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }
}
