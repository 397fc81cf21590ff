package dev.nines.export.prometheus;

import dev.nines.export.NinesMetrics;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The PromQL of one SLI as templates over Sloth's {@code {{.window}}}: an error query and a
 * total query, a good query and a total query, or a raw error-ratio query. SLIs Nines measures
 * itself (events, monitors) read Nines' own counters; see {@link NinesMetrics}.
 *
 * @param seconds whether the events are seconds (uptime) rather than requests or checks
 */
record SliQueries(String error, String good, String total, String raw, boolean seconds) {

  /** The queries of an SLO, or null (with a warning) when its SLI has no PromQL form. */
  static SliQueries of(SloSpec slo, Consumer<String> warn) {
    return switch (slo.sli().source()) {
      case SliSource.Events e -> nines(slo, NinesMetrics.SLI_EVENTS, false);
      case SliSource.Monitors m -> slo.sli().kind() == SliKind.UPTIME
          ? nines(slo, NinesMetrics.SLI_TIME, true) : nines(slo, NinesMetrics.SLI_EVENTS, false);
      case SliSource.Ratio r -> prometheus(warn, r.good(), r.bad(), r.total())
          ? new SliQueries(query(r.bad()), query(r.good()), r.total().query(), null, false) : null;
      case SliSource.RawErrorRatio r -> prometheus(warn, r.errorRatio())
          ? new SliQueries(null, null, null, r.errorRatio().query(), false) : null;
      case SliSource.Threshold t -> {
        warn.accept("a threshold metric has no error-ratio form in PromQL. Expected a ratio of "
            + "good or bad over total events, or an error-ratio query");
        yield null;
      }
    };
  }

  private static SliQueries nines(SloSpec slo, String metric, boolean seconds) {
    String common = "service=" + PromQl.quote(slo.service()) + ", slo=" + PromQl.quote(slo.name());
    String bad = "sum(rate(" + metric + "{outcome=\"bad\", " + common + "}[{{.window}}]))";
    String valid = "sum(rate(" + metric + "{outcome=~\"good|bad\", " + common + "}[{{.window}}]))";
    return new SliQueries(bad, null, valid, null, seconds);
  }

  private static boolean prometheus(Consumer<String> warn, MetricQuery... queries) {
    for (MetricQuery q : queries) {
      if (q != null && !q.sourceType().equals("prometheus")) {
        warn.accept("its metrics come from " + q.sourceType() + ", not Prometheus. Expected a "
            + "prometheus source");
        return false;
      }
      if (q != null && q.query() == null) {
        warn.accept("a query has no query field. Expected {query: PROMQL}");
        return false;
      }
    }
    return true;
  }

  private static String query(MetricQuery q) {
    return q == null ? null : q.query();
  }

  /** Whether every query varies with the window. */
  boolean windowed() {
    return java.util.stream.Stream.of(error, good, total, raw)
        .allMatch(q -> q == null || PromQl.hasWindow(q));
  }

  /** Whether the SLI has event counts (an error or good query and a total query). */
  boolean counts() {
    return raw == null;
  }

  /** The error ratio over {@code w}, laid out as Sloth lays out each SLI form. */
  String errorRatio(Duration w) {
    if (raw != null) {
      return "(" + at(raw, w) + ")";
    }
    if (error != null) {
      return "(" + at(error, w) + ")\n/\n(" + at(total, w) + ")\n";
    }
    return "(\n  1 - (\n    (\n      " + at(good, w) + "\n    )\n    /\n    (\n      "
        + at(total, w) + "\n    )\n  )\n)";
  }

  /** Bad events per second over {@code w}; only with {@link #counts()}. */
  String errorRate(Duration w) {
    return error != null ? at(error, w) : "(" + at(total, w) + ")\n-\n(" + at(good, w) + ")\n";
  }

  /** Valid events per second over {@code w}; only with {@link #counts()}. */
  String totalRate(Duration w) {
    return at(total, w);
  }

  private static String at(String query, Duration w) {
    return PromQl.atWindow(query, w).strip();
  }
}
