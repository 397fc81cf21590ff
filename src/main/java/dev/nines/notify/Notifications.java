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

  private Notifications(Outbox outbox, OutboxSender sender, SendCounters counters,
      AlertmanagerSync alertmanagers, java.net.http.HttpClient http) {
    this.http = http;
    this.outbox = outbox;
    this.sender = sender;
    this.counters = counters;
    this.alertmanagers = alertmanagers;
  }

  /** Starts sending what the outbox of {@code store} holds, with the default options. */
  public static Notifications start(Store store, Supplier<Spec> spec, Clock clock) {
    SendCounters counters = new SendCounters();
    java.net.http.HttpClient http = HttpPost.defaultClient();
    Channels channels = new Channels(spec, Secrets.system(), http, clock);
    OutboxSender sender = new OutboxSender(store, channels::channel, clock,
        OutboxSender.Options.defaults(), counters);
    sender.start();
    return new Notifications(new Outbox(store, spec, clock, sender::wake), sender, counters,
        new AlertmanagerSync(spec, channels), http);
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

  /** Stops the sender (what it sends now finishes and is recorded), then the HTTP client. */
  @Override public void close() {
    sender.close();
    http.close();
  }
}
