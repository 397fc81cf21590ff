package dev.nines.web;

import dev.nines.uptime.UptimeReport;
import dev.nines.uptime.UptimeSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON shape of uptime figures, timelines and state runs, used by the monitor, SLO,
 * portal and status APIs alike: milliseconds up, down, unknown and uncertain, and the ratios,
 * {@code uptimeRatio} null when nothing was up or down ("no data"), the bounds null when
 * nothing was attributed.
 */
public final class UptimeJson {
  private UptimeJson() {}

  /** The figures; null for null. */
  public static Map<String, Object> of(UptimeSnapshot s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("upMillis", s.upMillis());
    o.put("downMillis", s.downMillis());
    o.put("unknownMillis", s.unknownMillis());
    o.put("uncertainMillis", s.uncertainMillis());
    o.put("uptimeRatio", s.uptimeRatio());
    o.put("lowerRatio", s.lowerRatio());
    o.put("upperRatio", s.upperRatio());
    return o;
  }

  /** The attributed spans: start, end, how they count, whether certain, and the end states. */
  public static List<Map<String, Object>> spans(List<UptimeReport.Span> spans) {
    return spans.stream().map(s -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("start", s.start());
      o.put("end", s.end());
      o.put("attribution", s.attribution().name().toLowerCase(Locale.ROOT));
      o.put("certain", s.certain());
      o.put("from", s.fromState());
      o.put("to", s.toState());
      return o;
    }).toList();
  }

  /** The state runs: state, since (when it began), until, and why it holds. */
  public static List<Map<String, Object>> states(List<UptimeReport.StateRun> runs) {
    return runs.stream().map(UptimeJson::state).toList();
  }

  /** One state run; null for null. */
  public static Map<String, Object> state(UptimeReport.StateRun r) {
    if (r == null) {
      return null;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("state", r.state());
    o.put("since", r.start());
    o.put("sinceBeforeRange", r.startedEarlier());
    o.put("until", r.end());
    o.put("cause", r.cause().name().toLowerCase(Locale.ROOT));
    o.put("reason", r.reason());
    return o;
  }
}
