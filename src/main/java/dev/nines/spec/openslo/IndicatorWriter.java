package dev.nines.spec.openslo;

import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Nines SLI source as an OpenSLO v1 SLI spec: a ratioMetric (good or bad over
 * total), a raw failure ratio, a thresholdMetric, or for Nines' own events and monitors a
 * ratioMetric whose metric sources have type {@code Nines}.
 */
final class IndicatorWriter {
  /** OpenSLO's spelling of common data source types, which Nines keeps in lower case. */
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("prometheus", "Prometheus"), Map.entry("datadog", "Datadog"),
      Map.entry("appdynamics", "AppDynamics"), Map.entry("newrelic", "NewRelic"),
      Map.entry("dynatrace", "Dynatrace"), Map.entry("cloudwatch", "CloudWatch"),
      Map.entry("bigquery", "BigQuery"), Map.entry("elasticsearch", "Elasticsearch"),
      Map.entry("graphite", "Graphite"), Map.entry("influxdb", "InfluxDB"),
      Map.entry("lightstep", "Lightstep"), Map.entry("splunk", "Splunk"),
      Map.entry("nines", Indicators.NINES_TYPE));

  private IndicatorWriter() {}

  static Map<String, Object> indicator(SliSource source) {
    Map<String, Object> spec = new LinkedHashMap<>();
    switch (source) {
      case SliSource.Ratio r -> {
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put(r.good() != null ? "good" : "bad", metric(r.good() != null ? r.good() : r.bad()));
        ratio.put("total", metric(r.total()));
        spec.put("ratioMetric", ratio);
      }
      case SliSource.RawErrorRatio r -> {
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("rawType", "failure");
        ratio.put("raw", metric(r.errorRatio()));
        spec.put("ratioMetric", ratio);
      }
      case SliSource.Threshold t -> spec.put("thresholdMetric", metric(t.metric()));
      case SliSource.Events e -> spec.put("ratioMetric", nines(e));
      case SliSource.Monitors m -> spec.put("ratioMetric", nines(m));
    }
    return spec;
  }

  private static Map<String, Object> nines(SliSource source) {
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("good", metricSource(Indicators.NINES_TYPE, null, NinesSources.spec(source, "good")));
    ratio.put("total", metricSource(Indicators.NINES_TYPE, null,
        NinesSources.spec(source, "valid")));
    return ratio;
  }

  private static Map<String, Object> metric(MetricQuery q) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (q.spec().containsKey("query")) {
      spec.put("query", q.spec().get("query"));
    }
    spec.putAll(new TreeMap<>(q.spec()));
    return metricSource(TYPES.getOrDefault(q.sourceType(), q.sourceType()), q.sourceRef(), spec);
  }

  private static Map<String, Object> metricSource(String type, String ref,
      Map<String, Object> spec) {
    Map<String, Object> source = new LinkedHashMap<>();
    if (ref != null) {
      source.put("metricSourceRef", ref);
    }
    source.put("type", type);
    source.put("spec", spec);
    return Map.of("metricSource", source);
  }
}
