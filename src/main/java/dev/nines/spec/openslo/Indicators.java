package dev.nines.spec.openslo;

import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.spec.Fields;
import dev.nines.spec.YamlNode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads OpenSLO v1 SLIs into where an SLO's events come from. A ratioMetric becomes a
 * {@link SliSource.Ratio}; a raw failure ratio a {@link SliSource.RawErrorRatio} (a raw success
 * ratio too, as {@code 1 - (query)}, for Prometheus only); a thresholdMetric waits for the
 * objective's op and value. Metric sources of type {@code Nines} stand for Nines' own events
 * or monitors.
 */
final class Indicators {
  static final String NINES_TYPE = "Nines";

  /**
   * What an SLI yields: a source, or for a thresholdMetric the metric awaiting op and value.
   *
   * @param about the SLI's name, display name and description, which tell a latency
   *     threshold from another
   */
  record Indicator(SliSource source, MetricQuery thresholdMetric, String about) {}

  private final OpenSloIndex index;
  private final Map<String, String> dataSourceTypes = new HashMap<>();
  private final Map<OpenSloObject, Indicator> read = new IdentityHashMap<>();

  Indicators(OpenSloIndex index) {
    this.index = index;
    for (OpenSloObject ds : index.all("DataSource")) {
      if (ds.spec() != null) {
        ds.spec().allowOnly("description", "type", "connectionDetails");
        String type = ds.spec().requireString("type");
        if (type != null && ds.name() != null) {
          dataSourceTypes.put(ds.name(), type);
        }
      }
    }
  }

  /** The kind Nines gives an imported SLI: uptime for monitors, error ratio for thresholds, else availability. */
  static SliKind defaultKind(SliSource source) {
    return switch (source) {
      case SliSource.Threshold t -> SliKind.ERROR_RATIO;
      case SliSource.Monitors m -> SliKind.UPTIME;
      default -> SliKind.AVAILABILITY;
    };
  }

  /** The indicator of an SLO spec, inline or by {@code indicatorRef}; null when reported. */
  Indicator ofSlo(Fields sloSpec) {
    if (sloSpec.has("indicator") == sloSpec.has("indicatorRef")) {
      sloSpec.error(sloSpec.has("indicator") ? "indicatorRef" : "indicator",
          sloSpec.has("indicator") ? "is given with indicator. Expected one of the two"
              : "is required. Expected an inline indicator or an indicatorRef");
      return null;
    }
    Fields inline = sloSpec.map("indicator");
    OpenSloObject sli = inline != null
        ? OpenSloObject.inline(inline, OpenSloIndex.V1, "SLI", false)
        : index.resolve("SLI", sloSpec, "indicatorRef");
    return sli == null ? null : of(sli);
  }

  /** The indicator of an SLI object, read once however many SLOs use it. */
  Indicator of(OpenSloObject sli) {
    if (!read.containsKey(sli)) {
      read.put(sli, sli.spec() == null ? null : read(sli.spec(), String.join(" ",
          String.valueOf(sli.name()), String.valueOf(sli.meta().displayName()),
          String.valueOf(sli.spec().string("description")))));
    }
    return read.get(sli);
  }

  private Indicator read(Fields spec, String about) {
    spec.allowOnly("description", "thresholdMetric", "ratioMetric");
    if (spec.has("thresholdMetric") == spec.has("ratioMetric")) {
      spec.error(spec.has("ratioMetric") ? "thresholdMetric" : "ratioMetric",
          spec.has("ratioMetric") ? "is given with ratioMetric. Expected one of the two"
              : "is required. Expected a ratioMetric or a thresholdMetric");
      return null;
    }
    Fields threshold = spec.map("thresholdMetric");
    if (threshold != null) {
      MetricQuery q = metric(threshold);
      return q == null ? null : new Indicator(null, q, about);
    }
    Fields ratio = spec.map("ratioMetric");
    SliSource source = ratio == null ? null : ratio(ratio);
    return source == null ? null : new Indicator(source, null, about);
  }

  private SliSource ratio(Fields r) {
    r.allowOnly("counter", "good", "bad", "total", "rawType", "raw");
    r.bool("counter", true);
    if (r.has("raw")) {
      for (String key : new String[] {"good", "bad", "total"}) {
        if (r.has(key)) {
          r.error(key, "is given with raw. Expected raw alone, or good or bad with total");
        }
      }
      return raw(r);
    }
    if (r.has("good") == r.has("bad")) {
      r.error(r.has("good") ? "bad" : "good", r.has("good")
          ? "is given with good. Expected one of good and bad" : "is required. Expected good "
          + "or bad (with total), or raw");
    }
    MetricQuery good = r.has("good") ? metric(r.map("good")) : null;
    MetricQuery bad = r.has("bad") ? metric(r.map("bad")) : null;
    MetricQuery total = r.has("total") ? metric(r.map("total")) : null;
    if (!r.has("total")) {
      OpenSloObject.required(r, "total", "the denominator query of the ratio");
    }
    if ((good == null) == (bad == null) || total == null) {
      return null;
    }
    if (good != null && isNines(good) && isNines(total)) {
      return NinesSources.read(good, r);
    }
    return new SliSource.Ratio(good, bad, total);
  }

  private SliSource raw(Fields r) {
    String type = r.parsed("rawType", t -> switch (t.strip()) {
      case "success", "failure", "failures" -> t.strip();
      default -> throw new IllegalArgumentException(t + " is not a raw ratio type. Expected "
          + "success or failure");
    }, true);
    MetricQuery q = metric(r.map("raw"));
    if (type == null || q == null) {
      return null;
    }
    if (!type.equals("success")) {
      return new SliSource.RawErrorRatio(q);
    }
    if (!q.sourceType().equals("prometheus") || !q.spec().containsKey("query")) {
      r.error("rawType", "success ratios of " + q.sourceType() + " cannot be turned into "
          + "error ratios. Expected rawType failure, or a Prometheus query, which Nines reads "
          + "as 1 - (query)");
      return null;
    }
    Map<String, String> spec = new LinkedHashMap<>(q.spec());
    spec.put("query", "1 - (" + q.spec().get("query").strip() + ")");
    return new SliSource.RawErrorRatio(new MetricQuery(q.sourceType(), q.sourceRef(), spec));
  }

  /** Reads {@code holder.metricSource}; null when reported. */
  MetricQuery metric(Fields holder) {
    if (holder == null) {
      return null;
    }
    holder.allowOnly("metricSource");
    Fields ms = holder.map("metricSource");
    if (ms == null) {
      if (!holder.has("metricSource")) {
        OpenSloObject.required(holder, "metricSource", "a type or metricSourceRef, and a spec");
      }
      return null;
    }
    ms.allowOnly("metricSourceRef", "type", "spec");
    String type = sourceType(ms);
    Map<String, String> spec = new LinkedHashMap<>();
    if (!(ms.raw("spec") instanceof YamlNode.MapNode node)) {
      ms.map("spec"); // reports a spec of another shape
      if (!ms.has("spec")) {
        OpenSloObject.required(ms, "spec", "the query fields of the data source, e.g. query");
      }
      return null;
    }
    flatten(node, "", spec);
    return type == null ? null
        : new MetricQuery(type.toLowerCase(Locale.ROOT), ms.string("metricSourceRef"), spec);
  }

  private String sourceType(Fields ms) {
    String type = ms.string("type");
    String ref = ms.string("metricSourceRef");
    if (ref == null) {
      if (type == null) {
        OpenSloObject.required(ms, "type", "a data source type (e.g. Prometheus) or a "
            + "metricSourceRef");
      }
      return type;
    }
    OpenSloObject ds = index.find("DataSource", ref);
    String declared = dataSourceTypes.get(ref);
    if (ds == null && type == null) {
      index.resolve("DataSource", ms, "metricSourceRef");
    } else if (ds == null) {
      ms.warning("metricSourceRef", ref + " is not declared in the given files, so its type "
          + type + " is taken on trust. Expected the name of a DataSource ("
          + index.declared("DataSource") + ")");
    } else {
      index.markUsed(ds);
      if (type != null && declared != null && !type.equalsIgnoreCase(declared)) {
        ms.error("type", type + " differs from the type " + declared + " of DataSource " + ref
            + ". Expected the same type, or none");
      }
      return declared != null ? declared : type;
    }
    return type;
  }

  private static boolean isNines(MetricQuery q) {
    return q.sourceType().equals(NINES_TYPE.toLowerCase(Locale.ROOT));
  }

  /** Flattens a spec mapping to text: nested keys joined with dots, list items as {@code key[i]}. */
  static void flatten(YamlNode node, String key, Map<String, String> out) {
    switch (node) {
      case YamlNode.MapNode m -> m.entries().forEach((k, v) ->
          flatten(v, key.isEmpty() ? k : key + "." + k, out));
      case YamlNode.ListNode l -> {
        for (int i = 0; i < l.items().size(); i++) {
          flatten(l.items().get(i), key + "[" + i + "]", out);
        }
      }
      case YamlNode.Scalar s -> out.put(key, s.isNull() ? "" : s.text());
    }
  }
}
