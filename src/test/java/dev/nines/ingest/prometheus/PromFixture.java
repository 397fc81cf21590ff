package dev.nines.ingest.prometheus;

import dev.nines.store.MinuteBucket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Known Prometheus data and a spec that reads it. The counter {@code http_requests_total} has
 * series code="200" and code="500", sampled every 15 s from {@link #T0} for ten minutes; in
 * minute i each of the four samples that end in it adds {@code OK[i]} and {@code ERRORS[i]}, so
 * the minute holds 4 × OK[i] good and 4 × ERRORS[i] bad requests. Each minute's increments are
 * even, which makes {@code rate(x[1m]) × 60} exact whatever the extrapolation of rate().
 */
public final class PromFixture {
  /** Start of the data: 2025-01-01T00:00:00Z. */
  public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  /** The epoch minute of {@link #T0}. */
  public static final long M0 = T0.getEpochSecond() / 60;
  /** Minutes with data: M0 to M0 + 9. */
  public static final int MINUTES = 10;
  static final int[] OK = {5, 5, 4, 6, 5, 5, 3, 5, 5, 7};
  static final int[] ERRORS = {0, 1, 0, 2, 0, 0, 5, 0, 1, 0};
  /** Good pseudo-events of the error ratio SLO: 10^6 × OK / (OK + ERRORS), rounded (5/6, 6/8, 3/8). */
  static final long[] RATIO_GOOD = {1_000_000, 833_333, 1_000_000, 750_000, 1_000_000, 1_000_000,
      375_000, 1_000_000, 833_333, 1_000_000};

  /** The good-over-valid SLO, the bad-over-valid SLO and the raw error ratio SLO. */
  public static final List<String> SLOS = List.of("checkout-good", "checkout-bad", "checkout-ratio");

  private PromFixture() {}

  /** The samples as OpenMetrics text, for promtool. */
  static String openMetrics() {
    StringBuilder b = new StringBuilder("# HELP http_requests Requests.\n# TYPE http_requests counter\n");
    series(b, "200", OK);
    series(b, "500", ERRORS);
    return b.append("# EOF\n").toString();
  }

  private static void series(StringBuilder b, String code, int[] increments) {
    long value = 0;
    for (int k = 0; k <= 4 * MINUTES; k++) {
      value += k == 0 ? 0 : increments[(k - 1) / 4];
      b.append("http_requests_total{code=\"").append(code).append("\"} ").append(value)
          .append(' ').append(T0.getEpochSecond() + 15L * k).append('\n');
    }
  }

  /** A native spec with the three Prometheus SLOs and one events SLO. */
  public static String spec() {
    return """
        apiVersion: nines/v1
        clients:
          - name: acme
        services:
          - name: checkout
            client: acme
        slos:
          - name: checkout-good
            service: checkout
            sli:
              kind: availability
              source:
                prometheus:
                  good: 'sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))'
                  valid: 'sum(rate(http_requests_total[{{.window}}]))'
            target: 99
            window: 30d
            owner: sre
          - name: checkout-bad
            service: checkout
            sli:
              kind: availability
              source:
                prometheus:
                  bad: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))'
                  valid: 'sum(rate(http_requests_total[{{ .window }}]))'
            target: 99
            window: 30d
            owner: sre
          - name: checkout-ratio
            service: checkout
            sli:
              kind: availability
              source:
                prometheus:
                  errorRatio: >-
                    sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
                    / sum(rate(http_requests_total[{{.window}}]))
            target: 99
            window: 30d
            owner: sre
          - name: checkout-events
            service: checkout
            sli: {kind: availability, source: events}
            target: 99
            window: 30d
            owner: sre
        """;
  }

  /** Writes {@link #spec()} to {@code dir/spec.yaml}. */
  public static Path writeSpec(Path dir) throws IOException {
    return Files.writeString(dir.resolve("spec.yaml"), spec());
  }

  /** The exact buckets an SLO must get for minutes [from, to) of the data. */
  public static List<MinuteBucket> expected(String slo, int from, int to) {
    List<MinuteBucket> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      long good = 4L * OK[i];
      long valid = 4L * (OK[i] + ERRORS[i]);
      out.add(slo.equals("checkout-ratio") ? new MinuteBucket(M0 + i, RATIO_GOOD[i], 1_000_000)
          : new MinuteBucket(M0 + i, good, valid));
    }
    return out;
  }
}
