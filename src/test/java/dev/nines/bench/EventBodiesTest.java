package dev.nines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.ingest.EventParser;
import dev.nines.ingest.EventRouter;
import dev.nines.ingest.ParsedEvents;
import dev.nines.model.RequestEvent;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventBodiesTest {
  static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");

  @Test
  void everyEventOfEveryBodyIsValidAndCountedForTheLogisticsSpec() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    List<byte[]> bodies = new EventBodies(spec, 7).bodies(3, 500, NOW);
    assertThat(bodies).hasSize(3);
    EventRouter router = new EventRouter(spec);
    for (byte[] body : bodies) {
      ParsedEvents parsed = EventParser.parse(new ByteArrayInputStream(body));
      assertThat(parsed.errors()).isEmpty();
      assertThat(parsed.events()).hasSize(500);
      EventRouter.Routed routed = router.route(parsed, "k", NOW);
      assertThat(routed.errors()).isEmpty();
      assertThat(routed.batch().events()).isEqualTo(500);
    }
  }

  @Test
  void eventsCoverEveryEndpointWithinTheMinuteBeforeNowMostlySucceeding() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    byte[] body = new EventBodies(spec, 7).bodies(1, 5_000, NOW).get(0);
    List<RequestEvent> events = EventParser.parse(new ByteArrayInputStream(body)).events();
    assertThat(events.stream().map(RequestEvent::endpoint).collect(Collectors.toSet()))
        .isEqualTo(Set.of("/fetch-orders", "/assign-courier", "/track-delivery", "/login", "/faq",
            "/get-banner"));
    assertThat(events).allMatch(e -> !e.time().isAfter(NOW)
        && e.time().isAfter(NOW.minusSeconds(60)));
    long ok = events.stream().filter(e -> e.status() >= 200 && e.status() < 300).count();
    assertThat(ok).isBetween(4_850L, 4_950L);                // 98.4 % of 5,000 expected
    assertThat(events).filteredOn(e -> e.endpoint().equals("/track-delivery"))
        .allMatch(e -> e.processedTime() != null);
  }
}
