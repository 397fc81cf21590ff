package dev.nines.model;

import java.util.List;
import java.util.Map;

/**
 * Where an SLI's events or states come from: pushed request events, Nines' own monitors, or
 * queries against a metrics backend (Prometheus by default).
 */
public sealed interface SliSource {

  /** Request events pushed to the events API for the SLO's service and endpoint. */
  record Events() implements SliSource {}

  /**
   * Checks of the named monitors (all must be OK for a good minute, by default).
   *
   * @param countAttempts count every attempt instead of every completed check
   */
  record Monitors(List<String> names, boolean countAttempts) implements SliSource {
    public Monitors {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("at least one monitor is required");
      }
    }
  }

  /**
   * A ratio of two queries: good (or bad) events over total events. Exactly one of
   * {@code good} and {@code bad} is set.
   */
  record Ratio(MetricQuery good, MetricQuery bad, MetricQuery total) implements SliSource {
    public Ratio {
      if ((good == null) == (bad == null)) {
        throw new IllegalArgumentException("exactly one of good and bad must be given");
      }
      if (total == null) {
        throw new IllegalArgumentException("total is required");
      }
    }
  }

  /** A query that already yields the error ratio (Sloth's raw SLI). */
  record RawErrorRatio(MetricQuery errorRatio) implements SliSource {}

  /**
   * A query that yields one value per sample, good when it satisfies {@code op value}
   * (OpenSLO's thresholdMetric, e.g. latency lt 500).
   */
  record Threshold(MetricQuery metric, String op, double value) implements SliSource {}

  /**
   * One query against a data source.
   *
   * @param sourceType e.g. {@code prometheus}, {@code datadog}
   * @param sourceRef the name of a declared data source, or null
   * @param spec type-specific fields, e.g. {@code query} for Prometheus
   */
  record MetricQuery(String sourceType, String sourceRef, Map<String, String> spec) {
    public MetricQuery {
      spec = Map.copyOf(spec);
    }

    /** A Prometheus PromQL query. */
    public static MetricQuery prometheus(String promql) {
      return new MetricQuery("prometheus", null, Map.of("query", promql));
    }

    /** The main query text: {@code query} if present, else the only value. */
    public String query() {
      String q = spec.get("query");
      if (q == null && spec.size() == 1) {
        q = spec.values().iterator().next();
      }
      return q;
    }
  }
}
