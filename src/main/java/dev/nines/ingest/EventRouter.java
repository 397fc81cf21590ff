package dev.nines.ingest;

import dev.nines.model.RequestEvent;
import dev.nines.model.SliSource;
import dev.nines.model.SliKind;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.slo.EventClassifier;
import dev.nines.slo.LatencyHistogram;
import dev.nines.store.BucketDelta;
import dev.nines.store.HistogramDelta;
import dev.nines.store.IngestBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns request events into bucket deltas: for every SLO whose source is pushed events and
 * whose service (and endpoint, if it names one) matches, one good/valid count in the event's
 * minute; and for every service endpoint, a latency histogram whose bounds include each
 * latency threshold set on it. Events too old to keep or too far ahead are rejected.
 *
 * <p>Layers: an event that names its {@code layer} (the hop that saw it: cdn, load balancer,
 * proxy, app) counts only for the SLOs labelled with that layer ({@code labels: {layer: L}}),
 * and goes to a histogram series of its own, so each hop of one request is measured once, at
 * its own layer. An event that names no layer counts for every matching SLO, whatever its layer.
 */
public final class EventRouter {
  /** Events older than this are refused: minute buckets are kept about this long. */
  public static final Duration MAX_AGE = Duration.ofDays(400);
  /** Events further ahead of the server clock than this are refused. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /** @param layer the SLO's {@code layer} label, or null */
  private record Target(String slo, dev.nines.model.SliSpec sli, String layer) {}

  /** Where events of one service endpoint go: its SLOs (service-wide ones too) and series. */
  private record Route(List<Target> targets, String series, long[] bounds) {}

  private record BucketKey(String slo, long minute) {}

  private record HistogramKey(String series, long minute, long bound) {}

  private static final long[] DEFAULT_BOUNDS = LatencyHistogram.boundsIncluding(List.of());

  private final Map<String, List<Target>> byService = new HashMap<>();
  /** The layers each service declares. */
  private final Map<String, Set<String>> layers = new HashMap<>();
  /** Service, then endpoint: every endpoint the spec names, resolved once. */
  private final Map<String, Map<String, Route>> routes = new HashMap<>();

  public EventRouter(Spec spec) {
    Map<String, List<Target>> byEndpoint = new HashMap<>();
    Map<String, List<Duration>> thresholds = new HashMap<>();
    for (SloSpec slo : spec.slos()) {
      if (!(slo.sli().source() instanceof SliSource.Events)
          || !EventClassifier.measuresEvents(slo.sli().kind())) {
        continue;
      }
      Target t = new Target(slo.name(), slo.sli(), slo.labels().get("layer"));
      if (slo.endpoint() == null) {
        byService.computeIfAbsent(slo.service(), k -> new ArrayList<>()).add(t);
      } else {
        byEndpoint.computeIfAbsent(key(slo.service(), slo.endpoint()), k -> new ArrayList<>())
            .add(t);
      }
      if (slo.sli().kind() == SliKind.LATENCY && slo.endpoint() != null) {
        thresholds.computeIfAbsent(key(slo.service(), slo.endpoint()), k -> new ArrayList<>())
            .add(slo.sli().threshold());
      }
    }
    spec.services().forEach(s -> routes.put(s.name(), routes(spec, s, byEndpoint, thresholds)));
    spec.services().forEach(s -> {
      Set<String> names = new HashSet<>();
      s.layers().forEach(l -> names.add(l.name()));
      layers.put(s.name(), Set.copyOf(names));
    });
  }

  /** Routes of every endpoint of a service that the service or an SLO names. */
  private Map<String, Route> routes(Spec spec, ServiceSpec service,
      Map<String, List<Target>> byEndpoint, Map<String, List<Duration>> thresholds) {
    Set<String> paths = new HashSet<>();
    service.endpoints().forEach(e -> paths.add(e.path()));
    spec.slos().stream().filter(s -> service.name().equals(s.service()) && s.endpoint() != null)
        .forEach(s -> paths.add(s.endpoint()));
    Map<String, Route> endpoints = new HashMap<>();
    for (String path : paths) {
      List<Duration> t = thresholds.get(key(service.name(), path));
      endpoints.put(path, route(service.name(),
          byEndpoint.getOrDefault(key(service.name(), path), List.of()),
          series(service.name(), path),
          t == null ? DEFAULT_BOUNDS : LatencyHistogram.boundsIncluding(t)));
    }
    return endpoints;
  }

  private Route route(String service, List<Target> endpointTargets, String series,
      long[] bounds) {
    List<Target> targets = new ArrayList<>(byService.getOrDefault(service, List.of()));
    targets.addAll(endpointTargets);
    return new Route(List.copyOf(targets), series, bounds);
  }

  /** The latency histogram bounds of an endpoint: defaults plus its latency thresholds. */
  public long[] boundsOf(String service, String endpoint) {
    Route r = routes.getOrDefault(service, Map.of()).get(endpoint);
    return (r != null ? r.bounds() : DEFAULT_BOUNDS).clone();
  }

  /** The histogram series name of a service endpoint, as stored and shown. */
  public static String series(String service, String endpoint) {
    return service + " " + endpoint;
  }

  /** The histogram series of a service endpoint as one layer saw it (null: no layer). */
  public static String series(String service, String endpoint, String layer) {
    return layer == null ? series(service, endpoint) : series(service, endpoint) + " @" + layer;
  }

  private static String key(String service, String endpoint) {
    return service + "\u0000" + endpoint;
  }

  /** Reduces events to one batch; events that cannot be counted become item errors. */
  public Routed route(ParsedEvents parsed, String idempotencyKey, Instant now) {
    List<RequestEvent> events = parsed.events();
    Map<BucketKey, long[]> buckets = new HashMap<>();
    Map<HistogramKey, long[]> histograms = new HashMap<>();
    List<ItemError> errors = new ArrayList<>();
    long oldest = now.minus(MAX_AGE).toEpochMilli();
    long newest = now.plus(MAX_AHEAD).toEpochMilli();
    int counted = 0;
    for (int i = 0; i < events.size(); i++) {
      RequestEvent e = events.get(i);
      long at = e.time().toEpochMilli();
      Map<String, Route> endpoints = routes.get(e.service());
      if (endpoints == null) {
        errors.add(new ItemError(parsed.positions().get(i), ".service: unknown service '"
            + e.service() + "'. Expected one declared in the spec"));
        continue;
      }
      if (at < oldest || at > newest) {
        errors.add(new ItemError(parsed.positions().get(i), ".time: " + e.time() + " is outside "
            + "what is kept. Expected within the last " + MAX_AGE.toDays() + " days and at most "
            + MAX_AHEAD.toMinutes() + " minutes ahead of the server clock"));
        continue;
      }
      if (e.layer() != null && !layers.get(e.service()).contains(e.layer())) {
        errors.add(new ItemError(parsed.positions().get(i), ".layer: '" + e.layer() + "' is not "
            + "a layer of service '" + e.service() + "'. Expected one of "
            + new java.util.TreeSet<>(layers.get(e.service()))));
        continue;
      }
      counted++;
      Route r = endpoints.get(e.endpoint());
      if (r == null) {               // an endpoint the spec does not name: service SLOs only
        r = route(e.service(), List.of(), series(e.service(), e.endpoint()), DEFAULT_BOUNDS);
      }
      long minute = Math.floorDiv(at, 60_000L);
      count(r.targets(), e, minute, buckets);
      histogram(r, e, minute, histograms);
    }
    List<BucketDelta> deltas = new ArrayList<>(buckets.size());
    buckets.forEach((k, v) -> deltas.add(new BucketDelta(k.slo(), k.minute(), v[0], v[1])));
    List<HistogramDelta> hist = new ArrayList<>(histograms.size());
    histograms.forEach((k, v) -> hist.add(new HistogramDelta(k.series(), k.minute(), k.bound(),
        v[0])));
    return new Routed(new IngestBatch(idempotencyKey, deltas, hist, counted), errors);
  }

  private static void count(List<Target> targets, RequestEvent e, long minute,
      Map<BucketKey, long[]> into) {
    for (Target t : targets) {
      if (e.layer() != null && !e.layer().equals(t.layer())) {
        continue;
      }
      int c = EventClassifier.classify(t.sli(), e);
      if (c != EventClassifier.INVALID) {
        long[] sums = into.computeIfAbsent(new BucketKey(t.slo(), minute), k -> new long[2]);
        sums[0] += c == EventClassifier.GOOD ? 1 : 0;
        sums[1] += 1;
      }
    }
  }

  private static void histogram(Route r, RequestEvent e, long minute,
      Map<HistogramKey, long[]> into) {
    if (e.failed()) {
      return;
    }
    int slot = LatencyHistogram.bucketIndex(r.bounds(), e.durationMillis());
    long bound = slot < r.bounds().length ? r.bounds()[slot] : -1;
    String series = e.layer() == null ? r.series() : r.series() + " @" + e.layer();
    into.computeIfAbsent(new HistogramKey(series, minute, bound), k -> new long[1])[0]++;
  }

  /** A batch ready to commit, and the items that could not be counted. */
  public record Routed(IngestBatch batch, List<ItemError> errors) {}
}
