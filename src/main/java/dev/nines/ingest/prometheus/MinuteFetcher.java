package dev.nines.ingest.prometheus;

import dev.nines.store.BucketDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reader of a Prometheus SLI's minutes. Minute m is [m, m + 1 min); its queries are
 * evaluated at its end, m + 1 min, with {@code {{.window}}} set to {@code 1m}, so that
 * {@code rate(x[1m])} covers exactly that minute. The values become buckets by the rule of
 * {@link MinuteCounts}. One minute is an instant query; more are range queries with a 60 s
 * step, split into requests of at most {@link #MAX_MINUTES_PER_REQUEST} minutes.
 */
public final class MinuteFetcher {
  /** Minutes per range request, under Prometheus' limit of 11,000 points. */
  public static final int MAX_MINUTES_PER_REQUEST = 10_000;

  private static final Duration STEP = Duration.ofMinutes(1);

  private final PrometheusClient client;

  public MinuteFetcher(PrometheusClient client) {
    this.client = client;
  }

  /**
   * The buckets of epoch minutes [from, to), ascending; minutes without data are absent.
   *
   * @throws PrometheusException when Prometheus fails or a query gives more than one series
   */
  public List<BucketDelta> fetch(PrometheusSli sli, long fromMinute, long toMinute)
      throws PrometheusException {
    List<BucketDelta> out = new ArrayList<>();
    for (long from = fromMinute; from < toMinute; from += MAX_MINUTES_PER_REQUEST) {
      out.addAll(chunk(sli, from, Math.min(toMinute, from + MAX_MINUTES_PER_REQUEST)));
    }
    return out;
  }

  private List<BucketDelta> chunk(PrometheusSli sli, long from, long to)
      throws PrometheusException {
    if (sli.rawRatio()) {
      Map<Long, Double> ratio = values(sli.errorRatio(), from, to);
      return collect(from, to, m -> MinuteCounts.ofErrorRatio(sli.slo(), m, ratio.get(m)));
    }
    Map<Long, Double> good = values(sli.good(), from, to);
    Map<Long, Double> bad = values(sli.bad(), from, to);
    Map<Long, Double> total = values(sli.total(), from, to);
    return collect(from, to,
        m -> MinuteCounts.ofRates(sli.slo(), m, good.get(m), bad.get(m), total.get(m)));
  }

  private interface MinuteRule {
    Optional<BucketDelta> apply(long minute);
  }

  private static List<BucketDelta> collect(long from, long to, MinuteRule rule) {
    List<BucketDelta> out = new ArrayList<>();
    for (long m = from; m < to; m++) {
      rule.apply(m).ifPresent(out::add);
    }
    return out;
  }

  /** The query's value by epoch minute; empty for a null query. */
  private Map<Long, Double> values(String query, long from, long to) throws PrometheusException {
    if (query == null) {
      return Map.of();
    }
    String q = PrometheusSli.perMinute(query);
    List<PromSeries> result = to - from == 1
        ? client.instant(q, end(from))
        : client.range(q, end(from), end(to - 1), STEP);
    if (result.size() > 1) {
      throw new PrometheusException(q + ": " + result.size() + " series. Expected one series "
          + "(aggregate the query, e.g. sum(...))");
    }
    Map<Long, Double> byMinute = new HashMap<>();
    for (PromSeries s : result) {
      s.points().forEach(p -> byMinute.put(Math.floorDiv(p.epochSecond(), 60) - 1, p.value()));
    }
    return byMinute;
  }

  /** The evaluation time of a minute: its end. */
  private static Instant end(long minute) {
    return Instant.ofEpochSecond((minute + 1) * 60);
  }
}
