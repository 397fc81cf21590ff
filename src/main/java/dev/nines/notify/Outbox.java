package dev.nines.notify;

import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where notifications are handed in: each is routed ({@link Routing}) over the channels of the
 * spec in force and stored as one row per channel, durably, before {@link #enqueue} returns;
 * the {@link OutboxSender} delivers them. A key seen before for a channel adds nothing there.
 * A notification with no channel to go to is stored as a failed row of channel
 * {@value #NO_CHANNEL} saying why, so the operator sees it rather than nothing.
 */
public final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  /** The channel of a row that records a notification no channel takes. */
  public static final String NO_CHANNEL = "(none)";

  private final Store store;
  private final Supplier<Spec> spec;
  private final Clock clock;
  private final Runnable wake;

  /**
   * @param wake called after new rows were stored, e.g. to wake the sender at once
   */
  public Outbox(Store store, Supplier<Spec> spec, Clock clock, Runnable wake) {
    this.store = store;
    this.spec = spec;
    this.clock = clock;
    this.wake = wake;
  }

  /**
   * What became of one notification handed in.
   *
   * @param queued channels it was newly queued for
   * @param duplicates channels that had it under this key already
   * @param unrouted why no channel takes it, or null
   */
  public record Enqueued(String key, List<String> queued, List<String> duplicates,
      String unrouted) {
    public Enqueued {
      queued = List.copyOf(queued);
      duplicates = List.copyOf(duplicates);
    }
  }

  /** The prefix of the channel name of a message to one address, {@code email:ADDRESS}. */
  public static final String DIRECT = "email:";

  /**
   * Stores {@code n} for one email address of a status-page subscriber, outside the spec's
   * channels and their audience routing: only {@code STATUS} messages, public by nature, go
   * this way. It is sent through {@code NINES_SMTP_URL} from {@code NINES_SMTP_FROM}.
   *
   * @throws IllegalArgumentException for another kind, or an address that is not one
   */
  public Enqueued enqueueTo(Notification n, String address) {
    if (n.kind() != Notification.Kind.STATUS) {
      throw new IllegalArgumentException("kind: " + n.kind().id() + " to one address. Expected "
          + "status: only status-page messages go outside the spec's channels");
    }
    if (address == null || !address.matches("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+")) {
      throw new IllegalArgumentException("address: '" + address + "' is not an email address. "
          + "Expected NAME@DOMAIN");
    }
    String channel = DIRECT + address;
    boolean fresh = store.enqueueOutbox(List.of(OutboxMessage.pending(n.key(), channel,
        n.kind().id(), n.client(), n.title(), NotificationJson.write(n), clock.instant())))[0];
    if (fresh) {
      wake.run();
    }
    return new Enqueued(n.key(), fresh ? List.of(channel) : List.of(),
        fresh ? List.of() : List.of(channel), null);
  }

  /** Routes and stores {@code n}. */
  public Enqueued enqueue(Notification n) {
    return enqueueAll(List.of(n)).get(0);
  }

  /** Routes and stores several notifications in one transaction. */
  public List<Enqueued> enqueueAll(List<Notification> notifications) {
    return enqueueAll(notifications, c -> true);
  }

  /**
   * Routes and stores notifications for the channels of their route that {@code only}
   * accepts; a notification no channel at all takes still gets its {@value #NO_CHANNEL} row.
   */
  public List<Enqueued> enqueueAll(List<Notification> notifications,
      Predicate<ChannelSpec> only) {
    List<ChannelSpec> channels = spec.get().channels();
    Instant now = clock.instant();
    List<OutboxMessage> rows = new ArrayList<>();
    List<Routing.Route> routes = new ArrayList<>();
    for (Notification n : notifications) {
      Routing.Route route = route(n, channels, only);
      routes.add(route);
      rows.addAll(rows(n, route, now));
    }
    boolean[] fresh = store.enqueueOutbox(rows);
    List<Enqueued> out = new ArrayList<>();
    boolean queuedAny = false;
    int row = 0;
    for (int i = 0; i < notifications.size(); i++) {
      Notification n = notifications.get(i);
      Routing.Route route = routes.get(i);
      List<String> queued = new ArrayList<>();
      List<String> duplicates = new ArrayList<>();
      for (ChannelSpec c : route.channels()) {
        (fresh[row++] ? queued : duplicates).add(c.name());
      }
      if (route.unrouted() != null && fresh[row++]) {
        LOG.warn("notification {} ({}) goes nowhere: {}", n.key(), n.title(), route.unrouted());
      }
      queuedAny |= !queued.isEmpty();
      out.add(new Enqueued(n.key(), queued, duplicates, route.unrouted()));
    }
    if (queuedAny) {
      wake.run();
    }
    return out;
  }

  /** The route of {@code n} narrowed to {@code only}; unrouted only when no channel takes it. */
  static Routing.Route route(Notification n, List<ChannelSpec> channels,
      Predicate<ChannelSpec> only) {
    Routing.Route all = Routing.route(n, channels);
    List<ChannelSpec> kept = all.channels().stream().filter(only).toList();
    return all.channels().isEmpty() ? all : new Routing.Route(kept, null);
  }

  /** The rows of {@code n} over {@code route}, not stored yet: a failed one when unrouted. */
  static List<OutboxMessage> rows(Notification n, Routing.Route route, Instant now) {
    List<OutboxMessage> rows = new ArrayList<>();
    String payload = NotificationJson.write(n);
    for (ChannelSpec c : route.channels()) {
      rows.add(OutboxMessage.pending(n.key(), c.name(), n.kind().id(), n.client(), n.title(),
          payload, now));
    }
    if (route.unrouted() != null) {
      rows.add(new OutboxMessage(0, n.key(), NO_CHANNEL, n.kind().id(), n.client(), n.title(),
          payload, OutboxMessage.FAILED, 0, route.unrouted(), now, now, null));
    }
    return rows;
  }

  /** Called after rows were stored outside {@link #enqueueAll}, e.g. with a group's state. */
  void woken() {
    wake.run();
  }
}
