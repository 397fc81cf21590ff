package dev.nines.notify;

import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import java.util.List;

/**
 * Which channels a notification goes to, the product's hard rule on audiences: an internal
 * message (every alert) goes only to {@code audience: internal} channels, all of them or, for
 * a channel narrowed to a client, only when it concerns that client; a client message goes
 * only to the {@code audience: client} channels of its client. A client channel never gets an
 * internal message, nor one of another client.
 */
public final class Routing {
  private Routing() {}

  /**
   * Where {@code n} goes.
   *
   * @param channels the channels of the spec in force
   */
  public static Route route(Notification n, List<ChannelSpec> channels) {
    List<ChannelSpec> to = channels.stream().filter(c -> receives(c, n)).toList();
    if (!to.isEmpty()) {
      return new Route(to, null);
    }
    String why = n.audience() == Audience.CLIENT
        ? "no channel for client " + n.client() + ": the spec has no audience: client channel "
            + "of client " + n.client()
        : n.client() == null ? "no internal channel: the spec has no audience: internal channel"
        : "no internal channel for client " + n.client() + ": the spec has no audience: "
            + "internal channel for all clients or for " + n.client();
    return new Route(List.of(), why);
  }

  /** Whether channel {@code c} may carry {@code n}. */
  public static boolean receives(ChannelSpec c, Notification n) {
    if (n.audience() == Audience.CLIENT) {
      return c.audience() == Audience.CLIENT && n.client().equals(c.client());
    }
    return c.audience() == Audience.INTERNAL
        && (c.client() == null || c.client().equals(n.client()));
  }

  /**
   * The channels a notification goes to.
   *
   * @param unrouted why there is none, for the operator; null when there are channels
   */
  public record Route(List<ChannelSpec> channels, String unrouted) {
    public Route {
      channels = List.copyOf(channels);
    }
  }
}
