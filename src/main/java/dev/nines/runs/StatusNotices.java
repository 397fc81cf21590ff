package dev.nines.runs;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.ClientSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.store.Store;
import dev.nines.store.Subscriber;
import dev.nines.view.ClientIncidents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Emails status-page subscribers about their client: each incident opened or resolved, and
 * each maintenance window a week ahead, as a {@code STATUS} message to the subscriber's own
 * address. It looks at what happened in the last day every minute; the keys make that
 * idempotent, and a subscriber hears only of what happened after confirming.
 */
public final class StatusNotices {
  /** How far back incidents are looked at, and how far ahead maintenance. */
  static final Duration LOOK_BACK = Duration.ofDays(1);
  static final Duration AHEAD = Duration.ofDays(7);

  private final Store store;
  private final Supplier<Spec> spec;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final BiConsumer<Notification, String> mail;
  private final Supplier<String> baseUrl;

  /** @param mail hands a message to one address, e.g. {@code outbox::enqueueTo} */
  public StatusNotices(Store store, Supplier<Spec> spec,
      Supplier<MaintenanceCalendar> maintenance, BiConsumer<Notification, String> mail,
      Supplier<String> baseUrl) {
    this.store = store;
    this.spec = spec;
    this.maintenance = maintenance;
    this.mail = mail;
    this.baseUrl = baseUrl;
  }

  /** Hands every due message to the outbox; returns how many were handed (repeats included). */
  public int runOnce(Instant now) {
    Spec sp = spec.get();
    int handed = 0;
    for (ClientSpec c : sp.clients()) {
      if (!c.statusPage()) {
        continue;
      }
      List<Subscriber> subs = store.subscribers(c.name());
      if (subs.isEmpty()) {
        continue;
      }
      ZoneId zone = sp.zoneOf(c);
      String base = baseUrl.get();
      List<Incident> incidents = ClientIncidents.between(store, c.name(), now.minus(LOOK_BACK),
          now);
      List<MaintenanceWindow> windows = maintenance.get().between(now, now.plus(AHEAD)).stream()
          .filter(w -> {
            ServiceSpec s = sp.service(w.service());
            return s != null && c.name().equals(s.client()) && w.start().isAfter(now);
          }).toList();
      for (Subscriber s : subs) {
        for (Incident i : incidents) {
          Instant at = i.open() ? i.openedAt() : i.resolvedAt();
          if (!at.isBefore(s.confirmedAt()) && !at.isBefore(now.minus(LOOK_BACK))) {
            mail.accept(StatusMessages.incident(base, c, s, i, ClientIncidents.title(i, sp),
                zone), s.email());
            handed++;
          }
        }
        for (MaintenanceWindow w : windows) {
          mail.accept(StatusMessages.maintenance(base, c, s, w, List.of(w.service()), zone),
              s.email());
          handed++;
        }
      }
    }
    return handed;
  }
}
