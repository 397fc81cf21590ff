package dev.nines.live;

import dev.nines.incident.Incident;
import dev.nines.model.Audience;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.notify.Notifier;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Incidents and their lifecycle: a firing page opens one for its service, or joins the one
 * already open; the team opens them by hand, posts updates, writes the root-cause note and
 * resolves them, and resolving with a note tells the client. Every step is on the timeline.
 */
public final class Incidents {
  /** The author of what alerts do on their own. */
  public static final String ALERT = "alert";

  private final Store store;
  private final Supplier<Spec> spec;
  private final Notifier notifier;
  private final Clock clock;
  private final Supplier<String> baseUrl;

  public Incidents(Store store, Supplier<Spec> spec, Notifier notifier, Clock clock,
      Supplier<String> baseUrl) {
    this.store = store;
    this.spec = spec;
    this.notifier = notifier;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  /**
   * A page of {@code service} fired: it joins the service's open incident, or opens one. Once
   * per alert occurrence: a repeat of the same {@code instance} changes nothing.
   *
   * @param slo the SLO of the alert, or null (a monitor)
   * @return the incident's id
   */
  public long alertFired(String service, String instance, String title, String slo, Instant at) {
    List<String> slos = slo == null ? List.of() : List.of(slo);
    List<Incident> open = store.incidents(null, service, true, null, null, 0, 1).items();
    if (!open.isEmpty()) {
      Incident i = open.get(0);
      boolean joined = i.timeline().stream().anyMatch(e -> instance.equals(e.alertInstance()));
      if (!joined) {
        store.addIncidentEvent(i.id(), new Incident.Event(at, Incident.Kind.ALERT, ALERT, title,
            instance), slos);
      }
      return i.id();
    }
    boolean seen = store.incidents(null, service, false, at.minusSeconds(1), null, 0, 50).items()
        .stream().anyMatch(i -> i.timeline().stream().anyMatch(
            e -> instance.equals(e.alertInstance())));
    if (seen) {
      return -1;                        // already opened once by this alert, and resolved since
    }
    return store.createIncident(service, clientOf(service), withoutSeverity(title), at, ALERT,
        slos, new Incident.Event(at, Incident.Kind.OPENED, ALERT, title, instance));
  }

  /**
   * An alert's title as an incident's: what is wrong, without the alert's severity ("Page:
   * platform-health is down" is the incident "platform-health is down").
   */
  static String withoutSeverity(String alertTitle) {
    String t = alertTitle.replaceFirst("^(Page|Ticket): ", "");
    return t.isBlank() ? alertTitle : t;
  }

  /**
   * Opens an incident by hand.
   *
   * @throws IllegalArgumentException naming the unknown service or empty title
   */
  public long open(String service, String title, String author, List<String> slos,
      String text) {
    Spec s = spec.get();
    if (s.service(service) == null) {
      throw new IllegalArgumentException("service: unknown service '" + service + "'. Expected "
          + "one of the spec");
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title: is empty. Expected what is wrong, in a line");
    }
    for (String slo : slos) {
      if (s.slos().stream().noneMatch(x -> x.name().equals(slo) && x.service().equals(service))) {
        throw new IllegalArgumentException("slos: unknown SLO '" + slo + "' of service '"
            + service + "'");
      }
    }
    Instant now = clock.instant();
    return store.createIncident(service, clientOf(service), title.strip(), now, author, slos,
        new Incident.Event(now, Incident.Kind.OPENED, author, text, null));
  }

  /** Posts an update on the timeline; false when there is no such incident. */
  public boolean update(long id, String author, String text) {
    requireText(text);
    return store.addIncidentEvent(id, new Incident.Event(clock.instant(), Incident.Kind.UPDATE,
        author, text.strip(), null), List.of());
  }

  /** Sets the root-cause note the client reads; false when there is no such incident. */
  public boolean note(long id, String author, String rootCause) {
    requireText(rootCause);
    return store.setRootCause(id, clock.instant(), author, rootCause.strip());
  }

  /**
   * Resolves an open incident, with its root-cause note when given, and tells the client
   * (when the service has one) that it is resolved and why.
   *
   * @return false when there is no such open incident
   */
  public boolean resolve(long id, String author, String rootCause) {
    String note = rootCause == null || rootCause.isBlank() ? null : rootCause.strip();
    Instant now = clock.instant();
    if (!store.resolveIncident(id, now, author, note)) {
      return false;
    }
    Incident i = store.incident(id).orElseThrow();
    if (i.client() != null) {
      notifier.send(resolvedNotice(i));
    }
    return true;
  }

  /** The incident with this id. */
  public Optional<Incident> get(long id) {
    return store.incident(id);
  }

  /** The client notice of a resolved incident, with its root-cause note. */
  Notification resolvedNotice(Incident i) {
    String note = i.rootCause() == null ? "The team is writing up the root cause." : i.rootCause();
    java.time.ZoneId zone = spec.get().timeZone();
    List<Notification.Field> fields = List.of(
        new Notification.Field("Started", dev.nines.format.Fmt.time(i.openedAt(), zone) + " "
            + zone.getId()),
        new Notification.Field("Resolved", dev.nines.format.Fmt.time(i.resolvedAt(), zone) + " "
            + zone.getId()),
        new Notification.Field("Duration", dev.nines.format.Fmt.dur(java.time.Duration.between(
            i.openedAt(), i.resolvedAt()))),
        new Notification.Field("Root cause", note));
    return new Notification("incident:" + i.id() + ":resolved", Notification.Kind.CLIENT_NOTICE,
        Audience.CLIENT, i.client(), Notification.Status.RESOLVED, "notice",
        "Incident resolved: " + i.title(), "The incident \"" + i.title() + "\" affecting "
        + i.service() + " is resolved. " + note, fields,
        java.util.Map.of("alertname", "IncidentResolved", "service", i.service(),
            "incident", String.valueOf(i.id())),
        baseUrl.get() + "/portal", i.openedAt(), i.resolvedAt(), List.of());
  }

  private String clientOf(String service) {
    ServiceSpec s = spec.get().service(service);
    return s == null ? null : s.client();
  }

  private static void requireText(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text: is empty. Expected what happened, in words");
    }
  }
}
