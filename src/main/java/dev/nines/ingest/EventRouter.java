package dev.nines.ingest;

import dev.nines.model.RequestEvent;
import dev.nines.model.SliSource;
import dev.nines.model.SliKind;
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
import java.util.Arrays;
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
 */
public final class EventRouter {
  /** Events older than this are refused: minute buckets are kept about this long. */
  public static final Duration MAX_AGE = Duration.ofDays(400);
  /** Events further ahead of the server clock than this are refused. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  private record Target(String slo, dev.nines.model.SliSpec sli) {}

  private final Set<String> services = new HashSet<>();
  private final Map<String, List<Target>> byService = new HashMap<>();
  private final Map<String, List<Target>> byEndpoint = new HashMap<>();
  private final Map<String, long[]> boundsBySeries = new HashMap<>();

  public EventRouter(Spec spec) {
    spec.services().forEach(s -> services.add(s.name()));
    Map<String, List<Duration>> thresholds = new HashMap<>();
    for (SloSpec slo : spec.slos()) {
      if (!(slo.sli().source() instanceof SliSource.Events)
          || !EventClassifier.measuresEvents(slo.sli().kind())) {
        continue;
      }
      Target t = new Target(slo.name(), slo.sli());
      if (slo.endpoint() == null) {
        byService.computeIfAbsent(slo.service(), k -> new ArrayList<>()).add(t);
      } else {
        byEndpoint.computeIfAbsent(key(slo.service(), slo.endpoint()), k -> new ArrayList<>()).add(t);
      }
      if (slo.sli().kind() == SliKind.LATENCY && slo.endpoint() != null) {
        thresholds.computeIfAbsent(series(slo.service(), slo.endpoint()), k -> new ArrayList<>())
            .add(slo.sli().threshold());
      }
    }
    thresholds.forEach((s, t) -> boundsBySeries.put(s, LatencyHistogram.boundsIncluding(t)));
  }

  /** The latency histogram bounds of an endpoint: defaults plus its latency thresholds. */
  public long[] boundsOf(String service, String endpoint) {
    long[] b = boundsBySeries.get(series(service, endpoint));
    return b != null ? b.clone() : LatencyHistogram.boundsIncluding(List.of());
  }

  /** The histogram series name of a service endpoint, as stored and shown. */
  public static String series(String service, String endpoint) {
    return service + " " + endpoint;
  }

  private static String key(String service, String endpoint) {
    return service + "\u0000" + endpoint;
  }

  /** Reduces events to one batch; events that cannot be counted become item errors. */
  public Routed route(ParsedEvents parsed, String idempotencyKey, Instant now) {
    List<RequestEvent> events = parsed.events();
    Map<List<Object>, long[]> buckets = new HashMap<>();
    Map<List<Object>, long[]> histograms = new HashMap<>();
    List<ItemError> errors = new ArrayList<>();
    long oldest = now.minus(MAX_AGE).toEpochMilli();
    long newest = now.plus(MAX_AHEAD).toEpochMilli();
    int counted = 0;
    for (int i = 0; i < events.size(); i++) {
      RequestEvent e = events.get(i);
      long at = e.time().toEpochMilli();
      if (!services.contains(e.service())) {
        errors.add(new ItemError(parsed.positions().get(i), ".service: unknown service '" + e.service()
            + "'. Expected one declared in the spec"));
        continue;
      }
      if (at < oldest || at > newest) {
        errors.add(new ItemError(parsed.positions().get(i), ".time: " + e.time() + " is outside what is kept. Expected "
            + "within the last " + MAX_AGE.toDays() + " days and at most "
            + MAX_AHEAD.toMinutes() + " minutes ahead of the server clock"));
        continue;
      }
      counted++;
      long minute = Math.floorDiv(at, 60_000L);
      count(byService.get(e.service()), e, minute, buckets);
      count(byEndpoint.get(key(e.service(), e.endpoint())), e, minute, buckets);
      histogram(e, minute, histograms);
    }
    List<BucketDelta> deltas = new ArrayList<>(buckets.size());
    buckets.forEach((k, v) -> deltas.add(new BucketDelta((String) k.get(0), (Long) k.get(1), v[0], v[1])));
    List<HistogramDelta> hist = new ArrayList<>(histograms.size());
    histograms.forEach((k, v) -> hist.add(new HistogramDelta((String) k.get(0), (Long) k.get(1),
        (Long) k.get(2), v[0])));
    return new Routed(new IngestBatch(idempotencyKey, deltas, hist, counted), errors);
  }

  private static void count(List<Target> targets, RequestEvent e, long minute,
      Map<List<Object>, long[]> into) {
    if (targets == null) {
      return;
    }
    for (Target t : targets) {
      int c = EventClassifier.classify(t.sli(), e);
      if (c != EventClassifier.INVALID) {
        long[] sums = into.computeIfAbsent(List.of(t.slo(), minute), k -> new long[2]);
        sums[0] += c == EventClassifier.GOOD ? 1 : 0;
        sums[1] += 1;
      }
    }
  }

  private void histogram(RequestEvent e, long minute, Map<List<Object>, long[]> into) {
    if (e.failed()) {
      return;
    }
    String s = series(e.service(), e.endpoint());
    long[] bounds = boundsBySeries.get(s);
    if (bounds == null) {
      bounds = LatencyHistogram.boundsIncluding(List.of());
    }
    int i = Arrays.binarySearch(bounds, e.durationMillis());
    int slot = i >= 0 ? i : -i - 1;
    long bound = slot < bounds.length ? bounds[slot] : -1;
    into.computeIfAbsent(List.of(s, minute, bound), k -> new long[1])[0]++;
  }

  /** A batch ready to commit, and the items that could not be counted. */
  public record Routed(IngestBatch batch, List<ItemError> errors) {}
}
