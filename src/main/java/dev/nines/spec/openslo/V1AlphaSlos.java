package dev.nines.spec.openslo;

import dev.nines.model.Budgeting;
import dev.nines.model.CalendarUnit;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.spec.Fields;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads OpenSLO {@code v1alpha} SLOs, the dialect Sloth accepts. As in Sloth, every objective
 * becomes an SLO named {@code <slo>-<index>} (from 0), so rules regenerated from it keep
 * Sloth's ids; v1alpha has no alert policies, so the SLOs have no alerting.
 */
final class V1AlphaSlos {
  private V1AlphaSlos() {}

  static List<SloSpec> read(OpenSloObject slo) {
    Fields spec = slo.spec();
    if (spec == null) {
      return List.of();
    }
    spec.allowOnly("description", "service", "indicator", "timeWindows", "budgetingMethod",
        "objectives");
    NinesAnnotations nines = NinesAnnotations.read(slo.meta());
    Objectives.Common common = new Objectives.Common(spec.requireString("service"),
        spec.string("description"), window(spec), slo.meta(), nines,
        Objectives.alerting(List.of(), nines.alerting()));
    MetricQuery threshold = thresholdMetric(spec);
    spec.parsed("budgetingMethod", V1AlphaSlos::occurrences, false);
    List<Fields> objectives = spec.maps("objectives");
    if (objectives.isEmpty() && !spec.has("objectives")) {
      OpenSloObject.required(spec, "objectives", "at least one objective with a target");
    }
    List<SloSpec> out = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      SloSpec s = objective(objectives.get(i), slo.name() + "-" + i, common, threshold, spec);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static SloSpec objective(Fields o, String name, Objectives.Common common,
      MetricQuery threshold, Fields spec) {
    o.allowOnly("displayName", "op", "value", "target", "timeSliceTarget", "ratioMetrics");
    SliSource source = null;
    Fields ratio = o.map("ratioMetrics");
    if (ratio != null) {
      ratio.allowOnly("good", "total", "counter", "incremental");
      ratio.bool("counter", true);
      ratio.bool("incremental", true);
      MetricQuery good = metric(ratio, "good");
      MetricQuery total = metric(ratio, "total");
      source = good == null || total == null ? null : new SliSource.Ratio(good, null, total);
    } else if (threshold != null) {
      source = Objectives.threshold(o, threshold);
    } else if (!o.has("ratioMetrics")) {
      OpenSloObject.required(o, "ratioMetrics", "good and total queries, or an "
          + "indicator.thresholdMetric on the SLO");
    }
    var target = Objectives.target(o, false);
    return source == null ? null : Objectives.slo(name, common,
        Objectives.sli(source, name + " " + common.description(), common.nines(), spec), target,
        Budgeting.OCCURRENCES);
  }

  private static MetricQuery thresholdMetric(Fields spec) {
    Fields indicator = spec.map("indicator");
    if (indicator == null) {
      return null;
    }
    indicator.allowOnly("thresholdMetric");
    return metric(indicator, "thresholdMetric");
  }

  /** A v1alpha metric {@code {source, queryType, query}}; the query fields go into the spec. */
  private static MetricQuery metric(Fields holder, String key) {
    Fields m = holder.map(key);
    if (m == null) {
      if (!holder.has(key)) {
        OpenSloObject.required(holder, key, "source, queryType and query");
      }
      return null;
    }
    m.allowOnly("source", "queryType", "query", "metadata");
    String source = m.requireString("source");
    String query = m.requireString("query");
    Map<String, String> spec = new LinkedHashMap<>();
    spec.put("query", query);
    if (m.string("queryType") != null) {
      spec.put("queryType", m.string("queryType"));
    }
    return source == null || query == null ? null
        : new MetricQuery(source.toLowerCase(Locale.ROOT), null, spec);
  }

  private static Budgeting.Method occurrences(String text) {
    if (!text.strip().equals("Occurrences")) {
      throw new IllegalArgumentException(text + " is not supported in openslo/v1alpha, which "
          + "has no timeSliceWindow. Expected Occurrences, or openslo/v1 for time slices");
    }
    return Budgeting.Method.OCCURRENCES;
  }

  private static SloWindow window(Fields spec) {
    List<Fields> items = spec.maps("timeWindows");
    if (items.size() != 1) {
      if (items.isEmpty() && !spec.has("timeWindows")) {
        OpenSloObject.required(spec, "timeWindows", "one window, e.g. - count: 30 with unit: Day");
      } else if (items.size() > 1) {
        spec.error("timeWindows", "has " + items.size() + " windows. Expected exactly one");
      }
      return null;
    }
    Fields w = items.get(0);
    w.allowOnly("unit", "count", "isRolling", "calendar");
    w.bool("isRolling", false);
    int count = w.integer("count", 0);
    if (count <= 0) {
      w.error("count", (w.has("count") ? w.string("count") + " is not positive" : "is required")
          + ". Expected a whole number of units, e.g. 30");
      return null;
    }
    Fields calendar = w.map("calendar");
    return calendar != null ? calendar(w, count, calendar) : rolling(w, count);
  }

  private static SloWindow rolling(Fields w, int count) {
    Duration unit = w.parsed("unit", u -> switch (u.strip()) {
      case "Second" -> Duration.ofSeconds(1);
      case "Minute" -> Duration.ofMinutes(1);
      case "Hour" -> Duration.ofHours(1);
      case "Day" -> Duration.ofDays(1);
      case "Week" -> Duration.ofDays(7);
      case "Month", "Quarter", "Year" -> throw new IllegalArgumentException(u + " has no fixed "
          + "length for a rolling window. Expected Day or Week, or a calendar window");
      default -> throw new IllegalArgumentException(u + " is not a time unit. Expected Second, "
          + "Minute, Hour, Day or Week");
    }, true);
    if (unit == null) {
      return null;
    }
    try {
      return new SloWindow.Rolling(unit.multipliedBy(count));
    } catch (IllegalArgumentException e) {
      w.error("count", e.getMessage());
      return null;
    }
  }

  private static SloWindow calendar(Fields w, int count, Fields calendar) {
    calendar.allowOnly("startTime", "timeZone");
    ZoneId zone = calendar.parsed("timeZone", TimeWindows::zone, true);
    if (count != 1) {
      w.error("count", count + " is not one calendar period. Expected count 1");
    }
    CalendarUnit unit = w.parsed("unit", u -> CalendarUnit.parse(u.strip()
        .toLowerCase(Locale.ROOT)), true);
    return unit == null || zone == null || count != 1 ? null : new SloWindow.Calendar(unit, zone);
  }
}
