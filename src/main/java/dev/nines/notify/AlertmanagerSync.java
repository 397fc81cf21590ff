package dev.nines.notify;

import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps every internal Alertmanager of the spec told which alerts fire, as Prometheus does:
 * the whole firing set on every evaluation, each alert holding for a few evaluation intervals.
 * Alertmanager then groups, inhibits and routes them with its own tree, and resolves them by
 * itself if Nines stops. The outbox still sends each firing and resolved transition once, at
 * least once; this is the state between them.
 */
public final class AlertmanagerSync {
  private final Supplier<Spec> spec;
  private final Channels channels;

  AlertmanagerSync(Supplier<Spec> spec, Channels channels) {
    this.spec = spec;
    this.channels = channels;
  }

  /** How long a firing alert holds in Alertmanager: four evaluation intervals, at least 4 min. */
  static Duration validity(Spec s) {
    if (s == null) {
      return Duration.ofMinutes(4);
    }
    Duration four = s.alerting().evaluationInterval().multipliedBy(4);
    return four.compareTo(Duration.ofMinutes(4)) < 0 ? Duration.ofMinutes(4) : four;
  }

  /**
   * Sends the firing internal alerts to every internal Alertmanager channel.
   *
   * @return one line per channel that failed (the next evaluation sends again), empty when all
   *     took them or there is nothing to send
   */
  public List<String> sync(List<Notification> firing) {
    List<Notification> internal = firing.stream().filter(n -> n.audience() == Audience.INTERNAL
        && n.status() == Notification.Status.FIRING).toList();
    List<String> failures = new ArrayList<>();
    if (internal.isEmpty()) {
      return failures;
    }
    for (ChannelSpec c : spec.get().channels()) {
      if (!"alertmanager".equals(c.kind()) || c.audience() != Audience.INTERNAL) {
        continue;
      }
      try {
        ((AlertmanagerChannel) channels.channel(c.name())).post(internal);
      } catch (DeliveryException | RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
      }
    }
    return failures;
  }
}
