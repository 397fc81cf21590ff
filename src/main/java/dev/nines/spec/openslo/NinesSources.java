package dev.nines.spec.openslo;

import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.spec.Fields;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nines' own sources (pushed request events, its monitors) written in OpenSLO as a
 * ratioMetric whose good and total metric sources have type {@code Nines}: the spec says
 * {@code source: events} or {@code source: monitors} with the monitor names, comma separated.
 */
final class NinesSources {
  private NinesSources() {}

  /** The Nines source a good/total pair of type Nines stands for; null when reported. */
  static SliSource read(MetricQuery good, Fields ratio) {
    String source = good.spec().get("source");
    if ("events".equals(source)) {
      return new SliSource.Events();
    }
    if ("monitors".equals(source)) {
      List<String> names = Arrays.stream(good.spec().getOrDefault("monitors", "").split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
      if (names.isEmpty()) {
        ratio.error("good", "names no monitors. Expected spec.monitors with monitor names, "
            + "comma separated");
        return null;
      }
      return new SliSource.Monitors(names, "true".equals(good.spec().get("countAttempts")));
    }
    ratio.error("good", source + " is not a Nines source. Expected spec.source events or "
        + "monitors");
    return null;
  }

  /** Whether the writer must express {@code source} as a Nines metric source. */
  static boolean isNines(SliSource source) {
    return source instanceof SliSource.Events || source instanceof SliSource.Monitors;
  }

  /** The metric source spec for the good ({@code count: good}) or total ({@code count: valid}) side. */
  static Map<String, Object> spec(SliSource source, String count) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (source instanceof SliSource.Monitors m) {
      spec.put("source", "monitors");
      spec.put("monitors", String.join(",", m.names()));
      spec.put("countAttempts", String.valueOf(m.countAttempts()));
    } else {
      spec.put("source", "events");
    }
    spec.put("count", count);
    return spec;
  }
}
