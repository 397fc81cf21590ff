package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The audience rule, for every kind and audience a notification can have, about no client,
 * acme or globex, over channels of every kind and audience: internal for all, internal for
 * acme, client acme, client globex.
 */
class RoutingTest {
  private static final Instant T = Instant.parse("2026-11-18T10:30:00Z");
  private static final List<String> KINDS = List.of("email", "webhook", "slack", "alertmanager");

  /** Every kind of channel for each of the four audiences; names say which audience. */
  private static List<ChannelSpec> channels() {
    List<ChannelSpec> out = new ArrayList<>();
    for (String kind : KINDS) {
      out.add(new ChannelSpec("internal-" + kind, kind, Audience.INTERNAL, null, Map.of()));
      out.add(new ChannelSpec("internal-acme-" + kind, kind, Audience.INTERNAL, "acme", Map.of()));
      out.add(new ChannelSpec("client-acme-" + kind, kind, Audience.CLIENT, "acme", Map.of()));
      out.add(new ChannelSpec("client-globex-" + kind, kind, Audience.CLIENT, "globex",
          Map.of()));
    }
    return out;
  }

  /** kind, audience, client, the channel groups it must reach (all four kinds of each). */
  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (Notification.Kind kind : Notification.Kind.values()) {
      for (Audience audience : Audience.values()) {
        if (kind == Notification.Kind.ALERT && audience == Audience.CLIENT
            || kind == Notification.Kind.CLIENT_NOTICE && audience == Audience.INTERNAL) {
          continue;
        }
        for (String client : new String[] {null, "acme", "globex"}) {
          if (audience == Audience.CLIENT && client == null) {
            continue;
          }
          List<String> groups = audience == Audience.INTERNAL
              ? ("acme".equals(client) ? List.of("internal-", "internal-acme-")
                  : List.of("internal-"))
              : List.of("client-" + client + "-");
          rows.add(Arguments.of(kind, audience, client, groups));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} for {1} about {2} reaches only {3}")
  @MethodSource("table")
  void aNotificationReachesExactlyTheChannelsOfItsAudience(Notification.Kind kind,
      Audience audience, String client, List<String> groups) {
    Notification n = new Notification("k", kind, audience, client,
        Notification.Status.INFO, "info", "t", null, null, null, null, T, null, null);
    List<String> expected = new ArrayList<>();
    for (String group : groups) {
      KINDS.forEach(k -> expected.add(group + k));
    }
    List<String> got = Routing.route(n, channels()).channels().stream().map(ChannelSpec::name)
        .toList();
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    if (audience == Audience.INTERNAL) {
      assertThat(got).as("a client never receives an internal message")
          .noneMatch(c -> c.startsWith("client-"));
    } else {
      assertThat(got).as("a client message reaches no team channel and no other client")
          .allMatch(c -> c.startsWith("client-" + client + "-"));
    }
  }

  @Test
  void aClientMessageWithoutAChannelOfItsClientSaysSo() {
    Routing.Route r = Routing.route(Samples.notice("k", "initech"), channels());
    assertThat(r.channels()).isEmpty();
    assertThat(r.unrouted()).isEqualTo("no channel for client initech: the spec has no "
        + "audience: client channel of client initech");
  }

  @Test
  void anInternalMessageWithoutAnInternalChannelSaysSo() {
    List<ChannelSpec> clientOnly = channels().stream()
        .filter(c -> c.audience() == Audience.CLIENT).toList();
    assertThat(Routing.route(Samples.firing("k"), clientOnly).unrouted())
        .isEqualTo("no internal channel for client acme: the spec has no audience: internal "
            + "channel for all clients or for acme");
  }
}
