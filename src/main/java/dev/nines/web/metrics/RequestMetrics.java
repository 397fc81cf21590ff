package dev.nines.web.metrics;

import dev.nines.ingest.EventRouter;
import dev.nines.model.RequestEvent;
import dev.nines.slo.LatencyHistogram;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counters of the request events this process acknowledged, for {@code /metrics}:
 * {@code nines_requests_total{service,endpoint,code}} and the histogram
 * {@code nines_request_duration_seconds{service,endpoint}}, whose bounds are the default
 * latency bounds plus each latency SLO threshold of the endpoint. Labels come from the spec in
 * force, never from request bodies: record only routed events, and an endpoint the spec does
 * not name is {@code other}. After a reload, a histogram whose bounds changed starts again
 * with the new bounds (as after a restart). Thread-safe.
 */
public final class RequestMetrics {
  /** One endpoint's histogram: the router it was made for, upper bounds in ms, counts, sum of ms. */
  record Histogram(EventRouter router, long[] boundsMillis, AtomicLongArray counts,
      LongAdder sumMillis) {}

  private final Map<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<List<String>, Histogram> durations = new ConcurrentHashMap<>();
  private final Supplier<EventRouter> router;

  /** Metrics that label and bound by the router in force ({@code router} follows reloads). */
  public RequestMetrics(Supplier<EventRouter> router) {
    this.router = router;
  }

  /** Counts acknowledged events, as the router in force routed them. */
  public void record(List<RequestEvent> events) {
    EventRouter r = router.get();
    for (RequestEvent e : events) {
      String code = e.failed() || e.status() == 0 ? "error" : Integer.toString(e.status());
      String endpoint = r.endpointLabel(e.service(), e.endpoint());
      requests.computeIfAbsent(List.of(e.service(), endpoint, code), k -> new LongAdder())
          .increment();
      if (e.failed()) {
        continue;
      }
      List<String> key = List.of(e.service(), endpoint);
      Histogram h = durations.get(key);
      if (h == null || h.router() != r) {
        h = histogram(key, r, e);
      }
      h.counts().incrementAndGet(LatencyHistogram.bucketIndex(h.boundsMillis(),
          e.durationMillis()));
      h.sumMillis().add(e.durationMillis());
    }
  }

  /** The histogram of {@code key} for router {@code r}: the old one if its bounds still hold. */
  private Histogram histogram(List<String> key, EventRouter r, RequestEvent e) {
    return durations.compute(key, (k, old) -> {
      long[] b = r.boundsOf(e.service(), e.endpoint());
      if (old != null && (old.router() == r || Arrays.equals(old.boundsMillis(), b))) {
        return old.router() == r ? old
            : new Histogram(r, old.boundsMillis(), old.counts(), old.sumMillis());
      }
      return new Histogram(r, b, new AtomicLongArray(b.length + 1), new LongAdder());
    });
  }

  void render(TextFormat t) {
    TextFormat.Family total = t.family("nines_requests_total", "counter", "Request events "
        + "acknowledged by this process, by HTTP status (error: no response).");
    requests.forEach((k, v) -> total.sample(v.sum(), "service", k.get(0), "endpoint", k.get(1),
        "code", k.get(2)));
    TextFormat.Family hist = t.family("nines_request_duration_seconds", "histogram", "Durations "
        + "of acknowledged request events.");
    durations.forEach((k, h) -> {
      long cumulative = 0;
      for (int i = 0; i <= h.boundsMillis().length; i++) {
        cumulative += h.counts().get(i);
        String le = i < h.boundsMillis().length ? Double.toString(h.boundsMillis()[i] / 1000.0) : "+Inf";
        hist.sampleOf("nines_request_duration_seconds_bucket", cumulative, "service", k.get(0),
            "endpoint", k.get(1), "le", le);
      }
      hist.sampleOf("nines_request_duration_seconds_sum", h.sumMillis().sum() / 1000.0, "service",
          k.get(0), "endpoint", k.get(1));
      hist.sampleOf("nines_request_duration_seconds_count", cumulative, "service", k.get(0),
          "endpoint", k.get(1));
    });
  }
}
