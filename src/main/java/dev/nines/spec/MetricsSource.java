package dev.nines.spec;

import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The general form of a metrics source in the native spec: queries against any data source
 * type (Prometheus, Datadog, ...), as OpenSLO has them. A ratio of good or bad over valid
 * events, an error ratio, or a threshold on a value ({@code threshold}, {@code op},
 * {@code value}); each query is a mapping of the data source's own fields.
 */
final class MetricsSource {
  private static final Set<String> OPS = Set.of("lt", "lte", "gt", "gte");

  private MetricsSource() {}

  static SliSource read(Fields m) {
    m.allowOnly("type", "ref", "good", "bad", "valid", "total", "errorRatio", "threshold",
        "op", "value");
    String type = m.requireString("type");
    String ref = m.string("ref");
    if (type == null) {
      return null;
    }
    String t = type.toLowerCase(Locale.ROOT);
    if (m.has("threshold")) {
      String op = m.requireString("op");
      if (op != null && !OPS.contains(op)) {
        m.error("op", "'" + op + "' is not a comparison. Expected lt, lte, gt or gte");
        return null;
      }
      java.math.BigDecimal value = m.decimal("value", true);
      MetricQuery q = query(m, "threshold", t, ref);
      return op == null || value == null || q == null ? null
          : new SliSource.Threshold(q, op, value.doubleValue());
    }
    for (String lone : new String[] {"op", "value"}) {
      if (m.has(lone)) {
        m.error(lone, "is only used with threshold");
      }
    }
    if (m.has("errorRatio")) {
      for (String other : new String[] {"good", "bad", "valid", "total"}) {
        if (m.has(other)) {
          m.error(other, "cannot be combined with errorRatio");
        }
      }
      MetricQuery q = query(m, "errorRatio", t, ref);
      return q == null ? null : new SliSource.RawErrorRatio(q);
    }
    String totalKey = m.has("valid") ? "valid" : "total";
    if (m.has("good") == m.has("bad") || !m.has(totalKey) || m.has("valid") && m.has("total")) {
      m.problems().error(m.location(), m.path(), "needs good or bad, and valid. Expected "
          + "{type, good: {...}, valid: {...}}, {type, errorRatio: {...}} or "
          + "{type, threshold: {...}, op, value}");
      return null;
    }
    MetricQuery good = m.has("good") ? query(m, "good", t, ref) : null;
    MetricQuery bad = m.has("bad") ? query(m, "bad", t, ref) : null;
    MetricQuery total = query(m, totalKey, t, ref);
    return good == null && bad == null || total == null ? null
        : new SliSource.Ratio(good, bad, total);
  }

  private static MetricQuery query(Fields m, String key, String type, String ref) {
    Map<String, String> fields = m.stringMap(key);
    if (fields.isEmpty()) {
      m.error(key, "is empty. Expected the data source's query fields, e.g. {query: ...}");
      return null;
    }
    return new MetricQuery(type, ref, fields);
  }
}
