package dev.nines.alert;

import dev.nines.model.Audience;
import dev.nines.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The notification of an alert transition: the condition's title, summary and figures, its
 * labels (for Alertmanager and webhooks), the link to its page, and the deduplication key of
 * the transition, so a retry after a crash sends it once.
 */
public final class AlertMessages {
  private AlertMessages() {}

  /**
   * The notification of {@code t}, linking to pages under {@code baseUrl} (no trailing slash).
   *
   * @throws IllegalArgumentException when the transition tells nobody
   */
  public static Notification of(Transition t, Instant activeSince, String baseUrl) {
    if (!t.notifies()) {
      throw new IllegalArgumentException(t.type().id() + " of " + t.instance() + " tells nobody. "
          + "Expected a firing, repeat or resolved transition that notifies");
    }
    Condition c = t.condition();
    boolean resolved = t.type() == Transition.Type.RESOLVED;
    String title = t.type() == Transition.Type.REPEAT ? "Still firing: " + c.title() : c.title();
    return message(t.notificationKey(), c, title, resolved, activeSince,
        resolved ? t.at() : null, baseUrl);
  }

  /**
   * A firing alert as it stands now, for Alertmanager's state of what fires (not a message
   * to people: its key is the occurrence's).
   */
  public static Notification firing(AlertState a, String baseUrl) {
    return message(a.instance() + ":state", a.condition(), a.condition().title(), false,
        a.activeSince(), null, baseUrl);
  }

  private static Notification message(String key, Condition c, String title, boolean resolved,
      Instant startsAt, Instant endsAt, String baseUrl) {
    Map<String, String> labels = new TreeMap<>(c.labels());
    labels.put("kind", c.kind().id());
    if (c.service() != null) {
      labels.putIfAbsent("service", c.service());
    }
    return new Notification(key,
        c.audience() == Audience.CLIENT ? Notification.Kind.CLIENT_NOTICE : Notification.Kind.ALERT,
        c.audience(), c.client(), resolved ? Notification.Status.RESOLVED
        : Notification.Status.FIRING, c.severity(), title, c.summary(), c.figures(), labels,
        c.link() == null ? null : baseUrl + c.link(), startsAt, endsAt, List.of());
  }
}
