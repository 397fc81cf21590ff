package dev.nines.web.metrics;

import dev.nines.ingest.EventRouter;
import dev.nines.model.RequestEvent;
import dev.nines.slo.LatencyHistogram;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the request events this process acknowledged, for {@code /metrics}:
 * {@code nines_requests_total{service,endpoint,code}} and the histogram
 * {@code nines_request_duration_seconds{service,endpoint}}, whose bounds are the default
 * latency bounds plus each latency SLO threshold of the endpoint. Thread-safe.
 */
public final class RequestMetrics {
  /** One endpoint's histogram: cumulative-style upper bounds in ms, counts, sum of ms. */
  record Histogram(long[] boundsMillis, AtomicLongArray counts, LongAdder sumMillis) {}

  private final Map<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<List<String>, Histogram> durations = new ConcurrentHashMap<>();
  private volatile EventRouter router;

  /** Uses {@code router}'s histogram bounds (they follow the spec in force). */
  public void bounds(EventRouter router) {
    this.router = router;
  }

  /** Counts acknowledged events. */
  public void record(List<RequestEvent> events) {
    for (RequestEvent e : events) {
      String code = e.failed() || e.status() == 0 ? "error" : Integer.toString(e.status());
      requests.computeIfAbsent(List.of(e.service(), e.endpoint(), code), k -> new LongAdder())
          .increment();
      if (e.failed()) {
        continue;
      }
      Histogram h = durations.computeIfAbsent(List.of(e.service(), e.endpoint()), k -> {
        EventRouter r = router;
        long[] b = r == null ? LatencyHistogram.boundsIncluding(List.of())
            : r.boundsOf(e.service(), e.endpoint());
        return new Histogram(b, new AtomicLongArray(b.length + 1), new LongAdder());
      });
      h.counts().incrementAndGet(LatencyHistogram.bucketIndex(h.boundsMillis(),
          e.durationMillis()));
      h.sumMillis().add(e.durationMillis());
    }
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
