package dev.nines.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.RequestEvent;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.HistogramDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRouterTest {
  static final String SPEC = """
      apiVersion: nines/v1
      services:
        - name: shop
          endpoints:
            - {path: /cart}
            - {path: /faq}
      slos:
        - name: shop-up
          service: shop
          sli: {kind: availability, source: events}
          target: 99.9
          window: 30d
        - name: cart-fast
          service: shop
          endpoint: /cart
          sli: {kind: latency, threshold: 300ms, source: events}
          target: 99
          window: 30d
        - name: cart-fresh
          service: shop
          endpoint: /cart
          sli: {kind: freshness, threshold: 5m, source: events}
          target: 99
          window: 30d
      """;
  static final Instant NOW = Instant.parse("2026-10-01T10:00:30Z");
  static final long MINUTE = NOW.getEpochSecond() / 60;

  final EventRouter router;

  EventRouterTest() throws Exception {
    router = new EventRouter(SpecReader.read("shop.yaml", SPEC).spec());
  }

  private static RequestEvent event(String endpoint, int status, long millis, Instant time) {
    return new RequestEvent("shop", endpoint, status, millis, time, null, false);
  }

  private EventRouter.Routed route(RequestEvent... events) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      positions.add(i);
    }
    return router.route(new ParsedEvents(List.of(events), positions, List.of()), "k", NOW);
  }

  @Test
  void eventsCountForServiceAndEndpointSlosInTheirMinute() {
    EventRouter.Routed r = route(event("/cart", 200, 120, NOW), event("/cart", 200, 450, NOW),
        event("/cart", 503, 20, NOW.minusSeconds(60)), event("/faq", 200, 7, NOW));
    assertThat(r.errors()).isEmpty();
    assertThat(r.batch().events()).isEqualTo(4);
    assertThat(r.batch().idempotencyKey()).isEqualTo("k");
    assertThat(r.batch().buckets()).containsExactlyInAnyOrder(
        new BucketDelta("shop-up", MINUTE, 3, 3),
        new BucketDelta("shop-up", MINUTE - 1, 0, 1),
        new BucketDelta("cart-fast", MINUTE, 1, 2),
        new BucketDelta("cart-fast", MINUTE - 1, 0, 1));
  }

  @Test
  void latencyGoesToTheBucketOfTheSmallestBoundAtOrAboveItWithThresholdsAsBounds() {
    EventRouter.Routed r = route(event("/cart", 200, 300, NOW), event("/cart", 200, 251, NOW),
        event("/cart", 200, 250, NOW), event("/faq", 200, 7, NOW), event("/faq", 200, 90_000, NOW),
        event("/other", 200, 1, NOW));
    assertThat(r.batch().histograms()).containsExactlyInAnyOrder(
        new HistogramDelta("shop /cart", MINUTE, 300, 2),
        new HistogramDelta("shop /cart", MINUTE, 250, 1),
        new HistogramDelta("shop /faq", MINUTE, 10, 1),
        new HistogramDelta("shop /faq", MINUTE, -1, 1),
        new HistogramDelta("shop /other", MINUTE, 5, 1));
  }

  @Test
  void failedRequestsAreBadAndHaveNoLatency() {
    EventRouter.Routed r = route(new RequestEvent("shop", "/cart", 0, 30_000, NOW, null, true));
    assertThat(r.batch().buckets()).containsExactlyInAnyOrder(
        new BucketDelta("shop-up", MINUTE, 0, 1), new BucketDelta("cart-fast", MINUTE, 0, 1));
    assertThat(r.batch().histograms()).isEmpty();
  }

  @Test
  void freshnessCountsOnlyEventsWithAProcessedTime() {
    EventRouter.Routed r = route(
        new RequestEvent("shop", "/cart", 200, 5, NOW, NOW.plusSeconds(300), false),
        new RequestEvent("shop", "/cart", 200, 5, NOW, NOW.plusSeconds(301), false));
    assertThat(r.batch().buckets()).contains(new BucketDelta("cart-fresh", MINUTE, 1, 2));
  }

  @Test
  void unknownServicesAndTimesOutsideWhatIsKeptAreItemErrors() {
    EventRouter.Routed r = route(new RequestEvent("ghost", "/", 200, 1, NOW, null, false),
        event("/cart", 200, 1, NOW.minus(EventRouter.MAX_AGE).minusSeconds(1)),
        event("/cart", 200, 1, NOW.plusSeconds(301)), event("/cart", 200, 1, NOW.plusSeconds(300)));
    assertThat(r.errors()).extracting(ItemError::toString).containsExactly(
        "[0].service: unknown service 'ghost'. Expected one declared in the spec",
        "[1].time: 2025-08-27T10:00:29Z is outside what is kept. Expected within the last 400 "
            + "days and at most 5 minutes ahead of the server clock",
        "[2].time: 2026-10-01T10:05:31Z is outside what is kept. Expected within the last 400 "
            + "days and at most 5 minutes ahead of the server clock");
    assertThat(r.batch().events()).isEqualTo(1);
  }

  static final String LAYERED = """
      apiVersion: nines/v1
      services:
        - name: platform
          layers: [{name: cdn, kind: cdn}, {name: ingress, kind: l7}, {name: api, kind: app}]
          endpoints: [{path: /assign-courier}]
      slos:
        - {name: cdn-ok, service: platform, endpoint: /assign-courier, labels: {layer: cdn},
           sli: {kind: availability}, target: 99.9, window: 30d}
        - {name: ingress-ok, service: platform, endpoint: /assign-courier,
           labels: {layer: ingress}, sli: {kind: availability}, target: 99.9, window: 30d}
        - {name: any-ok, service: platform, endpoint: /assign-courier,
           sli: {kind: availability}, target: 99.9, window: 30d}
      """;

  @Test
  void anEventOfALayerCountsOnlyForTheSlosOfThatLayer() throws Exception {
    EventRouter layered = new EventRouter(SpecReader.read("l.yaml", LAYERED).spec());
    List<RequestEvent> events = List.of(
        new RequestEvent("platform", "/assign-courier", 200, 40, NOW, null, false, "cdn"),
        new RequestEvent("platform", "/assign-courier", 502, 30, NOW, null, false, "ingress"),
        new RequestEvent("platform", "/assign-courier", 200, 20, NOW, null, false, null));
    EventRouter.Routed r = layered.route(new ParsedEvents(events, List.of(0, 1, 2), List.of()),
        null, NOW);
    assertThat(r.errors()).isEmpty();
    assertThat(r.batch().buckets()).containsExactlyInAnyOrder(
        new BucketDelta("cdn-ok", MINUTE, 2, 2),        // its own event and the unlayered one
        new BucketDelta("ingress-ok", MINUTE, 1, 2),
        new BucketDelta("any-ok", MINUTE, 1, 1));       // only the event that names no layer
    assertThat(r.batch().histograms()).extracting(HistogramDelta::series).containsOnly(
        "platform /assign-courier @cdn", "platform /assign-courier @ingress",
        "platform /assign-courier");
  }

  @Test
  void anEventOfALayerTheServiceDoesNotDeclareIsRefused() throws Exception {
    EventRouter layered = new EventRouter(SpecReader.read("l.yaml", LAYERED).spec());
    EventRouter.Routed r = layered.route(new ParsedEvents(List.of(new RequestEvent("platform",
        "/assign-courier", 200, 40, NOW, null, false, "edge")), List.of(0), List.of()), null, NOW);
    assertThat(r.batch().buckets()).isEmpty();
    assertThat(r.errors()).extracting(ItemError::message).containsExactly(".layer: 'edge' is not "
        + "a layer of service 'platform'. Expected one of [api, cdn, ingress]");
  }

  @Test
  void anSloThatExcludesMaintenanceLeavesOutTheEventsOfAWindowAndTheOthersCountThem()
      throws Exception {
    String excludes = SPEC.replace("sli: {kind: availability, source: events}",
        "sli: {kind: availability, source: events}\n    maintenance: exclude");
    assertThat(excludes).contains("maintenance: exclude");
    dev.nines.model.Spec spec = SpecReader.read("shop.yaml", excludes + """
        maintenance:
          - {service: shop, start: "2026-10-01T09:59:00Z", end: "2026-10-01T10:00:00Z"}
        """).spec();
    assertThat(spec.slos().get(0).excludeMaintenance()).isTrue();
    EventRouter excluding = new EventRouter(spec,
        () -> dev.nines.maintenance.MaintenanceCalendar.of(spec, List.of()));
    Instant inside = NOW.minusSeconds(60);                  // 09:59:30, in the window
    EventRouter.Routed r = excluding.route(new ParsedEvents(List.of(
        event("/cart", 503, 20, inside), event("/cart", 200, 20, NOW)), List.of(0, 1),
        List.of()), null, NOW);
    assertThat(r.batch().buckets()).containsExactlyInAnyOrder(
        new BucketDelta("shop-up", MINUTE, 1, 1),            // the 503 in maintenance is left out
        new BucketDelta("cart-fast", MINUTE - 1, 0, 1),      // cart-fast counts it: real request
        new BucketDelta("cart-fast", MINUTE, 1, 1));
    assertThat(r.batch().events()).isEqualTo(2);
  }
}
