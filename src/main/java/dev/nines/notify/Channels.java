package dev.nines.notify;

import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The channels of the spec in force: each {@link ChannelSpec} made into its {@link Channel}
 * once (HTTP channels share one client, so connections are kept alive), looked up by name in
 * whatever spec is current, so a reload adds, changes and removes channels.
 */
public final class Channels {
  private final Supplier<Spec> spec;
  private final Secrets secrets;
  private final HttpPost http;
  private final Clock clock;
  private final Map<ChannelSpec, Channel> made = new ConcurrentHashMap<>();

  public Channels(Supplier<Spec> spec, Secrets secrets, HttpClient http, Clock clock) {
    this.spec = spec;
    this.secrets = secrets;
    this.http = new HttpPost(http);
    this.clock = clock;
  }

  /** Channels with this process's environment and a default HTTP client. */
  public static Channels system(Supplier<Spec> spec, Clock clock) {
    return new Channels(spec, Secrets.system(), HttpPost.defaultClient(), clock);
  }

  /** Every channel of the spec in force. */
  public java.util.List<Channel> all() {
    return spec.get().channels().stream().map(c -> made.computeIfAbsent(c, this::create))
        .toList();
  }

  /**
   * The channel of this name in the spec in force, or null; a name {@code email:ADDRESS}
   * (see {@link Outbox#enqueueTo}) is email to that one address through the server's own SMTP
   * settings ({@code NINES_SMTP_URL}, {@code NINES_SMTP_FROM}).
   */
  public Channel channel(String name) {
    if (name.startsWith(Outbox.DIRECT)) {
      return new EmailChannel(new ChannelSpec(name, "email", dev.nines.model.Audience.CLIENT,
          Map.of("to", name.substring(Outbox.DIRECT.length()))), secrets, clock);
    }
    for (ChannelSpec c : spec.get().channels()) {
      if (c.name().equals(name)) {
        return made.computeIfAbsent(c, this::create);
      }
    }
    return null;
  }

  /**
   * The channel a spec describes.
   *
   * @throws IllegalArgumentException for a kind Nines cannot send to
   */
  public Channel create(ChannelSpec c) {
    return switch (c.kind() == null ? "" : c.kind()) {
      case "webhook" -> new WebhookChannel(c, secrets, http, clock);
      case "slack" -> new SlackChannel(c, secrets, http);
      case "alertmanager" -> new AlertmanagerChannel(c, secrets, http, clock,
          () -> AlertmanagerSync.validity(spec.get()));  // four evaluation intervals
      case "email" -> new EmailChannel(c, secrets, clock);
      default -> throw new IllegalArgumentException("channel '" + c.name() + "': kind '"
          + c.kind() + "' cannot be sent to. Expected email, webhook, slack or alertmanager");
    };
  }
}
