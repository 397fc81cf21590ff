package dev.nines.notify;

import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Notifications of one Nines process: the {@link Outbox} to hand messages to, the running
 * {@link OutboxSender} and its {@link SendCounters}, over the channels of the spec in force.
 */
public final class Notifications implements AutoCloseable {
  private final Outbox outbox;
  private final OutboxSender sender;
  private final SendCounters counters;
  private final AlertmanagerSync alertmanagers;
  private final java.net.http.HttpClient http;
  private final AlertGroups groups;
  private final java.util.concurrent.ScheduledExecutorService ticks;

  private Notifications(Outbox outbox, OutboxSender sender, SendCounters counters,
      AlertmanagerSync alertmanagers, java.net.http.HttpClient http, AlertGroups groups,
      java.util.concurrent.ScheduledExecutorService ticks) {
    this.http = http;
    this.groups = groups;
    this.ticks = ticks;
    this.outbox = outbox;
    this.sender = sender;
    this.counters = counters;
    this.alertmanagers = alertmanagers;
  }

  /**
   * Starts sending what the outbox of {@code store} holds, with the default options, and
   * looking at the alert groups due every second.
   */
  public static Notifications start(Store store, Supplier<Spec> spec, Clock clock) {
    SendCounters counters = new SendCounters();
    java.net.http.HttpClient http = HttpPost.defaultClient();
    Channels channels = new Channels(spec, Secrets.system(), http, clock);
    OutboxSender sender = new OutboxSender(store, channels::channel, clock,
        OutboxSender.Options.defaults(), counters);
    sender.start();
    Outbox outbox = new Outbox(store, spec, clock, sender::wake);
    AlertGroups groups = new AlertGroups(store, spec, clock, outbox);
    java.util.concurrent.ScheduledExecutorService ticks =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
            .name("nines-alert-groups").daemon(true).unstarted(r));
    ticks.scheduleWithFixedDelay(() -> {
      try {
        groups.flushDue();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Notifications.class).warn(
            "looking at alert groups failed: {}", e.getMessage());
      }
    }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    return new Notifications(outbox, sender, counters, new AlertmanagerSync(spec, channels),
        http, groups, ticks);
  }

  /**
   * Where alerts and every other message are handed in: internal alerts are grouped per
   * service for the human channels ({@link AlertGroups}), the rest goes to the outbox.
   */
  public Notifier notifier() {
    return groups;
  }

  public Outbox outbox() {
    return outbox;
  }

  /** The firing set, told to the spec's Alertmanagers on every evaluation. */
  public AlertmanagerSync alertmanagers() {
    return alertmanagers;
  }

  public SendCounters counters() {
    return counters;
  }

  /**
   * Stops looking at alert groups, then the sender (what it sends now finishes and is
   * recorded), then the HTTP client.
   */
  @Override public void close() {
    ticks.shutdownNow();
    try {
      ticks.awaitTermination(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.close();
    http.close();
  }
}
