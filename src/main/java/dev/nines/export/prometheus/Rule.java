package dev.nines.export.prometheus;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** One Prometheus rule: a recording rule or an alerting rule. Labels and annotations are kept sorted. */
public sealed interface Rule {

  /** The recorded metric or the alert name. */
  String name();

  /** The PromQL expression. */
  String expr();

  /** Labels the rule adds to its results. */
  Map<String, String> labels();

  /** A recording rule: {@code record: name}. */
  record Recording(String name, String expr, Map<String, String> labels) implements Rule {
    public Recording {
      labels = sorted(labels);
    }
  }

  /**
   * An alerting rule.
   *
   * @param forDuration how long the expression must hold before the alert fires, or null
   */
  record Alert(String name, String expr, Duration forDuration, Map<String, String> labels,
      Map<String, String> annotations) implements Rule {
    public Alert {
      labels = sorted(labels);
      annotations = sorted(annotations);
    }
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
  }
}
