package dev.nines.spec;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Budgeting;
import dev.nines.model.CalendarUnit;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reader of the {@code slos} section of a native spec. */
final class SloReader {
  private final SpecReader spec;
  private final Map<String, ServiceSpec> services = new java.util.HashMap<>();
  private final Names names = new Names("SLO");

  SloReader(SpecReader spec, List<ServiceSpec> serviceList) {
    this.spec = spec;
    serviceList.stream().filter(s -> s.name() != null).forEach(s -> services.putIfAbsent(s.name(), s));
  }

  SloSpec slo(Fields f) {
    spec.remember(f);
    f.allowOnly("name", "service", "endpoint", "description", "sli", "target", "window",
        "owner", "approver", "reason", "audience", "alerting", "labels", "budgeting",
        "maintenance", "displayName");
    String name = names.declare(f);
    String serviceName = f.requireString("service");
    ServiceSpec service = serviceName == null ? null : services.get(serviceName);
    if (serviceName != null && service == null) {
      f.error("service", "unknown service '" + serviceName + "'. Expected one declared under services");
    }
    String endpoint = f.string("endpoint");
    if (endpoint != null && service != null && service.endpoint(endpoint) == null) {
      f.error("endpoint", "unknown endpoint '" + endpoint + "' of service '" + serviceName
          + "'. Expected one listed under its endpoints");
    }
    Target target = f.parsed("target", Target::parse, true);
    String ratioHint = target == null ? null : target.ratioHint();
    if (ratioHint != null) {
      f.warning("target", ratioHint);
    }
    SloWindow window = window(f);
    SliSpec sli = sli(f, serviceName);
    if (f.has("owner") == false) {
      f.warning("owner", "is missing. Say who set this SLO (client, SRE team)");
    }
    AlertingSpec alerting = alerting(f.map("alerting"));
    Budgeting budgeting = budgeting(f.map("budgeting"));
    if (name == null || target == null || window == null || sli == null || alerting == null
        || budgeting == null) {
      return null;
    }
    Boolean exclude = f.parsed("maintenance", s -> switch (s) {
      case "unknown" -> false;
      case "exclude" -> true;
      default -> throw new IllegalArgumentException("'" + s + "' is not a maintenance mode. "
          + "Expected unknown (maintenance time is UNKNOWN) or exclude (left out entirely)");
    }, false);
    return new SloSpec(name, serviceName, endpoint, f.string("description"), sli, target,
        window, f.string("owner"), f.string("approver"), f.string("reason"),
        SpecReader.audience(f), budgeting, alerting, f.stringMap("labels"),
        exclude != null && exclude, f.string("displayName"));
  }

  private SloWindow window(Fields f) {
    if (!f.has("window")) {
      f.problems().error(f.location(), f.pathOf("window"), "is required. Expected e.g. 30d, "
          + "28d or month");
      return null;
    }
    if (f.raw("window") instanceof YamlNode.Scalar) {
      return f.parsed("window", s -> rolling(() -> SloWindow.parse(s, spec.zone), s), true);
    }
    Fields w = f.map("window");
    if (w == null) {
      return null;
    }
    w.allowOnly("rolling", "calendar", "timeZone");
    if (w.has("rolling") == w.has("calendar")) {
      w.problems().error(w.location(), w.path(), "needs exactly one of rolling and calendar");
      return null;
    }
    if (w.has("rolling")) {
      if (w.has("timeZone")) {
        w.error("timeZone", "is only used by calendar windows; a rolling window has no zone");
      }
      return w.parsed("rolling", s -> rolling(() -> new SloWindow.Rolling(
          dev.nines.model.Durations.parse(s)), s), true);
    }
    ZoneId zone = w.parsed("timeZone", SpecReader::zone, false);
    CalendarUnit unit = w.parsed("calendar", CalendarUnit::parse, true);
    return unit == null ? null : new SloWindow.Calendar(unit, zone == null ? spec.zone : zone);
  }

  /** A window, with a written length past any duration reported as out of range. */
  private static SloWindow rolling(java.util.function.Supplier<SloWindow> read, String text) {
    try {
      return read.get();
    } catch (dev.nines.model.Durations.TooLongException e) {
      throw new IllegalArgumentException("'" + text.strip() + "' is out of range. Expected a "
          + "rolling window of 1d to 400d (what Nines keeps) or a calendar period");
    }
  }

  private SliSpec sli(Fields slo, String service) {
    Fields f = slo.map("sli");
    if (f == null) {
      slo.problems().error(slo.location(), slo.pathOf("sli"), "is required");
      return null;
    }
    f.allowOnly("kind", "threshold", "source", "badStatuses");
    SliKind kind = f.parsed("kind", SliKind::parse, true);
    Duration threshold = f.duration("threshold", false, Duration.ofMillis(1),
        kind == SliKind.FRESHNESS ? Duration.ofDays(400) : Duration.ofDays(1));
    if (kind != null && kind.needsThreshold() && threshold == null && !f.has("threshold")) {
      f.problems().error(f.location(), f.pathOf("threshold"), "is required for " + kind.id()
          + " SLIs. Expected a duration such as 300ms or 5m");
    } else if (kind != null && !kind.needsThreshold() && threshold != null) {
      f.error("threshold", "is only used by latency and freshness SLIs");
    }
    Set<Integer> bad = new LinkedHashSet<>();
    for (String s : f.strings("badStatuses")) {
      try {
        int code = Integer.parseInt(s.strip());
        if (code < 100 || code > 599) {
          throw new NumberFormatException();
        }
        bad.add(code);
      } catch (NumberFormatException e) {
        f.error("badStatuses", "'" + s + "' is not an HTTP status. Expected 100 to 599");
      }
    }
    SliSource source = source(f, kind, service);
    if (kind == null || source == null || kind.needsThreshold() && threshold == null) {
      return null;
    }
    return new SliSpec(kind, threshold, source, bad);
  }

  private SliSource source(Fields sli, SliKind kind, String service) {
    YamlNode raw = sli.raw("source");
    if (raw == null || raw instanceof YamlNode.Scalar s && "events".equals(s.text())) {
      if (kind == SliKind.UPTIME || kind == SliKind.JOURNEY) {
        sli.problems().error(sli.at("source"), sli.pathOf("source"), kind.id() + " SLIs are "
            + "measured by monitors. Expected source: {monitors: [NAME, ...]}");
        return null;
      }
      return new SliSource.Events();
    }
    Fields f = sli.map("source");
    if (f == null) {
      sli.error("source", "'" + ((YamlNode.Scalar) raw).text() + "' is not a source. Expected "
          + "events, {monitors: [...]} or {prometheus: {...}}");
      return null;
    }
    f.allowOnly("monitors", "count", "prometheus", "metrics");
    if (java.util.stream.Stream.of("monitors", "prometheus", "metrics").filter(f::has).count() > 1) {
      f.problems().error(f.location(), f.path(), "names more than one source. Expected one of "
          + "monitors, prometheus and metrics");
      return null;
    } else if (!f.has("monitors") && f.has("count")) {
      f.error("count", "is only used with monitors");
    }
    if (f.has("monitors")) {
      return monitors(f, kind, service);
    }
    if (f.has("metrics") && (kind == SliKind.UPTIME || kind == SliKind.JOURNEY)) {
      f.error("metrics", kind.id() + " SLIs are measured by monitors");
      return null;
    }
    if (f.has("metrics")) {
      Fields m = f.map("metrics");
      return m == null ? null : MetricsSource.read(m);
    }
    Fields p = f.map("prometheus");
    if (p == null) {
      f.problems().error(f.location(), f.path(), "needs monitors or prometheus");
      return null;
    }
    p.allowOnly("good", "bad", "valid", "total", "errorRatio");
    if (kind == SliKind.UPTIME || kind == SliKind.JOURNEY) {
      p.problems().error(p.location(), p.path(), kind.id() + " SLIs are measured by monitors");
      return null;
    }
    for (String[] pair : new String[][] {{"valid", "total"}, {"good", "bad"}}) {
      if (p.has(pair[0]) && p.has(pair[1])) {
        p.error(pair[1], "cannot be combined with " + pair[0] + ". Expected one of them");
      }
    }
    if (p.has("errorRatio")) {
      for (String other : List.of("good", "bad", "valid", "total")) {
        if (p.has(other)) {
          p.error(other, "cannot be combined with errorRatio");
        }
      }
      return new SliSource.RawErrorRatio(SliSource.MetricQuery.prometheus(p.string("errorRatio")));
    }
    String good = p.string("good");
    String bad = p.string("bad");
    String total = p.has("valid") ? p.string("valid") : p.string("total");
    if ((good == null) == (bad == null) || total == null) {
      p.problems().error(p.location(), p.path(), "needs good or bad, and valid. Expected "
          + "{good: QUERY, valid: QUERY} or {errorRatio: QUERY}");
      return null;
    }
    return new SliSource.Ratio(good == null ? null : SliSource.MetricQuery.prometheus(good),
        bad == null ? null : SliSource.MetricQuery.prometheus(bad),
        SliSource.MetricQuery.prometheus(total));
  }

  private SliSource monitors(Fields f, SliKind kind, String service) {
    List<String> names = f.strings("monitors");
    boolean ok = !names.isEmpty();
    if (names.isEmpty()) {
      f.error("monitors", "is empty. Expected at least one monitor name");
    }
    for (String n : names) {
      MonitorSpec m = spec.monitors.get(n);
      if (m == null) {
        f.error("monitors", "unknown monitor '" + n + "'. Expected one declared under monitors");
        ok = false;
      } else if (kind == SliKind.JOURNEY && m.kind() != null && m.kind() != MonitorKind.JOURNEY) {
        f.error("monitors", "monitor '" + n + "' is " + m.kind().id() + ". Expected a journey "
            + "monitor for a journey SLI");
        ok = false;
      } else if (service != null && m.service() != null && !service.equals(m.service())) {
        f.warning("monitors", "monitor '" + n + "' checks service '" + m.service()
            + "', not '" + service + "'");
      }
    }
    String count = f.string("count");
    if (count != null && !count.equals("checks") && !count.equals("attempts")) {
      f.error("count", "'" + count + "' is not a count mode. Expected checks or attempts");
    }
    return ok ? new SliSource.Monitors(names, "attempts".equals(count)) : null;
  }

  private AlertingSpec alerting(Fields f) {
    if (f == null) {
      return AlertingSpec.defaults();
    }
    f.allowOnly("name", "labels", "annotations", "page", "ticket", "windows", "minEvents");
    List<AlertWindow> windows = new ArrayList<>();
    for (Fields w : f.maps("windows")) {
      AlertWindow a = alertWindow(w);
      if (a != null) {
        windows.add(a);
      }
    }
    Long minEvents = null;
    if (f.has("minEvents")) {
      int n = f.integer("minEvents", 0);
      if (n < 0) {
        f.error("minEvents", n + " is negative. Expected 0 or more valid events");
      } else {
        minEvents = (long) n;
      }
    }
    return new AlertingSpec(f.string("name"), f.stringMap("labels"), f.stringMap("annotations"),
        target(f.map("page")), target(f.map("ticket")),
        f.has("windows") ? windows : AlertWindow.googleDefaults(), minEvents);
  }

  private static AlertTarget target(Fields f) {
    if (f == null) {
      return AlertTarget.ENABLED;
    }
    f.allowOnly("enabled", "labels", "annotations", "for");
    java.time.Duration after = f.duration("for", false);
    return new AlertTarget(f.bool("enabled", true), f.stringMap("labels"),
        f.stringMap("annotations"), after == null ? java.time.Duration.ZERO : after);
  }

  private static AlertWindow alertWindow(Fields w) {
    w.allowOnly("severity", "long", "short", "budgetConsumed", "factor");
    Severity severity = w.parsed("severity", s -> switch (s) {
      case "page" -> Severity.PAGE;
      case "ticket" -> Severity.TICKET;
      default -> throw new IllegalArgumentException("'" + s + "' is not a severity. "
          + "Expected page or ticket");
    }, true);
    Duration longWindow = w.duration("long", true, Duration.ofMinutes(1), Duration.ofDays(400));
    Duration shortWindow = w.duration("short", false, Duration.ofMinutes(1),
        Duration.ofDays(400));
    BigDecimal consumed = w.parsed("budgetConsumed", SloReader::share, false);
    BigDecimal factor = w.parsed("factor", SloReader::factor, false);
    if (consumed == null && factor == null && !w.has("budgetConsumed") && !w.has("factor")) {
      w.problems().error(w.location(), w.path(), "needs budgetConsumed (e.g. 2%) or factor");
      return null;
    }
    if (severity == null || longWindow == null) {
      return null;
    }
    try {
      return new AlertWindow(severity, longWindow, shortWindow, consumed, factor);
    } catch (IllegalArgumentException e) {
      w.problems().error(w.location(), w.path(), e.getMessage());
      return null;
    }
  }

  /** A burn-rate factor: a number in (0, 10000]. */
  static BigDecimal factor(String s) {
    BigDecimal v;
    try {
      v = new BigDecimal(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number. Expected a burn-rate "
          + "factor such as 14.4");
    }
    if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(10_000)) > 0) {
      throw new IllegalArgumentException(s.strip() + " is out of range. Expected a factor "
          + "above 0 and at most 10000");
    }
    return v;
  }

  /** Parses a budget share written {@code 2%} or {@code 0.02}. */
  static BigDecimal share(String s) {
    String t = s.strip();
    boolean percent = t.endsWith("%");
    BigDecimal v;
    try {
      v = new BigDecimal(percent ? t.substring(0, t.length() - 1).strip() : t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a share. Expected e.g. 2% or 0.02");
    }
    if (percent) {
      v = v.movePointLeft(2);
    }
    // 10% and 0.10 mean 0.1: one spelling, so equal shares compare equal.
    v = v.stripTrailingZeros();
    if (v.scale() < 0) {
      v = v.setScale(0);
    }
    if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("'" + s + "' is out of range. Expected more than 0 and "
          + "at most 100%");
    }
    return v;
  }

  private static Budgeting budgeting(Fields f) {
    if (f == null) {
      return Budgeting.OCCURRENCES;
    }
    f.allowOnly("method", "timeSliceTarget", "timeSliceWindow");
    Budgeting.Method method = f.parsed("method", s -> switch (s) {
      case "occurrences" -> Budgeting.Method.OCCURRENCES;
      case "timeslices" -> Budgeting.Method.TIMESLICES;
      case "ratio-timeslices" -> Budgeting.Method.RATIO_TIMESLICES;
      default -> throw new IllegalArgumentException("'" + s + "' is not a budgeting method. "
          + "Expected occurrences, timeslices or ratio-timeslices");
    }, true);
    if (method == null) {
      return null;
    }
    Budgeting b;
    try {
      b = new Budgeting(method, f.parsed("timeSliceTarget", SloReader::share, false),
          f.duration("timeSliceWindow", false, Duration.ofSeconds(1), Duration.ofDays(1)));
    } catch (IllegalArgumentException e) {
      f.problems().error(f.location(), f.path(), e.getMessage());
      return null;
    }
    Duration slice = b.timeSliceWindow();
    if (slice != null && (slice.toMinutes() < 1 || !slice.equals(Duration.ofMinutes(slice.toMinutes())))) {
      f.error("timeSliceWindow", f.string("timeSliceWindow") + " is not a whole number of "
          + "minutes. Expected a slice of 1m or more, e.g. 1m or 5m (buckets are per minute)");
      return null;
    }
    return b;
  }
}
