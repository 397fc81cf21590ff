package dev.nines.web.console;

import dev.nines.web.Params;
import dev.nines.model.ClientSpec;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.store.Store;
import dev.nines.view.ClientCompliance;
import dev.nines.view.ClientCompliances;
import dev.nines.view.JourneyDetail;
import dev.nines.view.LayerView;
import dev.nines.view.MonitorDetail;
import dev.nines.view.MonitorDetails;
import dev.nines.view.Page;
import dev.nines.view.SloHistory;
import dev.nines.store.StoredObservation;
import dev.nines.web.ApiError;
import dev.nines.web.Json;
import dev.nines.web.UptimeJson;
import dev.nines.web.auth.Users;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON API behind the console, portal and status pages: the same read models, as JSON.
 * Lists take {@code page} and {@code size}; bad parameters answer 400.
 */
public final class ConsoleApi {
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final MonitorDetails monitors;
  private final ClientCompliances compliance;
  private final Users users;
  private final Store store;
  private final Clock clock;

  public ConsoleApi(Supplier<Spec> spec, Supplier<LiveSlos> live, MonitorDetails monitors,
      ClientCompliances compliance, Users users, Store store, Clock clock) {
    this.spec = spec;
    this.live = live;
    this.monitors = monitors;
    this.compliance = compliance;
    this.users = users;
    this.store = store;
    this.clock = clock;
  }

  /**
   * {@code GET /api/v1/slos/{name}/history?range=1h|6h|1d|7d|window}: the window (default)
   * hour by hour, or the last hour or six minute by minute, the last day in five minutes, the
   * last week hourly; the burn-down always over the window.
   */
  public void sloHistory(Context ctx) {
    LiveSlos.View v = live.get().view(ctx.pathParam("name"));
    if (v == null) {
      throw new ApiError(404, "no SLO named '" + ctx.pathParam("name") + "'");
    }
    String r = ctx.queryParam("range");
    SloHistory.Range range;
    try {
      range = r == null || r.isBlank() ? SloHistory.Range.WINDOW : SloHistory.Range.parse(r);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    SloHistory h = SloHistory.load(store, v, clock.instant(), range);
    Json.send(ctx, 200, Map.of("slo", v.spec().name(), "range", range.id(), "from", h.from(),
        "to", h.to(), "resolution", dev.nines.model.Durations.format(h.step()),
        "points", h.points()));
  }

  /**
   * {@code GET /api/v1/monitors/{name}?range=} (or {@code ?from=&to=}): the monitor's uptime
   * with bounds up to its settled instant, the attributed timeline, state runs, regions and
   * regional incidents.
   */
  public void monitor(Context ctx) {
    MonitorDetail d = detail(ctx, 1);
    Map<String, Object> o = monitorSummary(d.spec());
    o.put("from", d.from());
    o.put("to", d.to());
    o.put("attributedUntil", d.report().attributedUntil());
    o.put("quorum", d.quorum());
    o.put("uptime", UptimeJson.of(d.report().uptime()));
    o.put("noData", d.noData());
    o.put("state", UptimeJson.state(d.report().current()));
    o.put("timeline", UptimeJson.spans(d.report().spans()));
    o.put("states", UptimeJson.states(d.report().states()));
    o.put("regions", d.regions().stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("region", r.name());
      m.put("state", UptimeJson.state(r.report().current()));
      m.put("live", r.latest() == null ? null : Map.of(
          "state", r.latest().observation().state(), "since", r.latest().since(),
          "lastCheck", r.latest().observation().time()));
      m.put("lastObservation", r.report().lastObservation());
      m.put("uptime", UptimeJson.of(r.report().uptime()));
      m.put("timeline", UptimeJson.spans(r.report().spans()));
      return m;
    }).toList());
    o.put("regionalIncidents", d.report().incidents());
    o.put("outages", d.outages());
    Json.send(ctx, 200, o);
  }

  /**
   * {@code GET /api/v1/monitors/{name}/observations?from=&to=[&format=csv]}: the stored
   * observations in {@code [from, to)}, as JSON or as the {@code time,state,region} CSV that
   * {@code nines uptime} reads.
   */
  public void observations(Context ctx) {
    MonitorSpec m = monitors.monitor(ctx.pathParam("name"));
    if (m == null) {
      throw new ApiError(404, "no monitor named '" + ctx.pathParam("name") + "'");
    }
    Instant now = clock.instant();
    Instant from = param(() -> Params.instant(ctx, "from", now.minus(Params.RANGES.get("24h"))));
    Instant to = param(() -> Params.instant(ctx, "to", now));
    if (from.isAfter(to)) {
      throw new ApiError(400, "from: " + from + " is after to " + to + ". Expected from <= to");
    }
    List<StoredObservation> list = store.observations(m.name(), from, to);
    String format = ctx.queryParam("format");
    if ("csv".equals(format)) {
      StringBuilder b = new StringBuilder("time,state,region\n");
      list.forEach(x -> b.append(x.at()).append(',').append(x.state()).append(',')
          .append(x.region()).append('\n'));
      ctx.contentType("text/csv; charset=utf-8").result(b.toString());
      return;
    }
    if (format != null && !format.equals("json")) {
      throw new ApiError(400, "format: '" + format + "' is not a format. Expected json or csv");
    }
    Json.send(ctx, 200, Map.of("monitor", m.name(), "from", from, "to", to,
        "observations", list.stream().map(x -> {
          Map<String, Object> y = new LinkedHashMap<>();
          y.put("time", x.at());
          y.put("state", x.state());
          y.put("region", x.region());
          y.put("message", x.message());
          y.put("source", x.source());
          return y;
        }).toList()));
  }

  private MonitorDetail detail(Context ctx, int attempts) {
    String name = ctx.pathParam("name");
    Instant now = clock.instant();
    MonitorDetail d;
    if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
      Instant to = param(() -> Params.instant(ctx, "to", now));
      Instant from = param(() -> Params.instant(ctx, "from", to.minus(Params.RANGES.get("24h"))));
      if (from.isAfter(to)) {
        throw new ApiError(400, "from: " + from + " is after to " + to + ". Expected from <= to");
      }
      d = monitors.detail(name, from, to, now, attempts);
    } else {
      String range = param(() -> Params.range(ctx));
      d = monitors.detail(name, Params.RANGES.get(range), now, attempts);
    }
    if (d == null) {
      throw new ApiError(404, "no monitor named '" + name + "'");
    }
    return d;
  }

  static Map<String, Object> monitorSummary(MonitorSpec m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", m.name());
    o.put("service", m.service());
    o.put("kind", m.kind().id());
    o.put("intervalSeconds", m.interval().toSeconds());
    o.put("timeoutSeconds", m.timeout().toMillis() / 1000.0);
    o.put("retries", m.retries());
    return o;
  }

  /** {@code GET /api/v1/journeys}. */
  public void journeys(Context ctx) {
    List<Map<String, Object>> all = spec.get().monitors().stream()
        .filter(m -> m.kind() == MonitorKind.JOURNEY).map(m -> {
          Map<String, Object> o = monitorSummary(m);
          o.put("steps", m.steps().stream().map(s -> s.name()).toList());
          o.put("budgetSeconds", m.budget() == null ? null : m.budget().toMillis() / 1000.0);
          return o;
        }).toList();
    sendPage(ctx, "journeys", all);
  }

  /** {@code GET /api/v1/journeys/{name}?range=}: per-step statistics and recent runs. */
  public void journey(Context ctx) {
    MonitorSpec m = monitors.monitor(ctx.pathParam("name"));
    if (m == null || m.kind() != MonitorKind.JOURNEY) {
      throw new ApiError(404, "no journey named '" + ctx.pathParam("name") + "'");
    }
    String range = param(() -> Params.range(ctx));
    Instant to = clock.instant();
    JourneyDetail j = JourneyDetail.of(m, store.attempts(m.name(),
        to.minus(Params.RANGES.get(range)), to, ConsolePages.RUNS));
    Map<String, Object> o = monitorSummary(m);
    o.put("budgetSeconds", j.budget().toMillis() / 1000.0);
    o.put("runs", j.runs().size());
    o.put("goodRuns", j.good());
    o.put("steps", j.steps());
    o.put("recent", j.runs().stream().limit(50).map(r -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("start", r.start());
      x.put("region", r.region());
      x.put("good", r.outcome() != null && r.outcome().good());
      x.put("reason", r.outcome() == null ? "NO_STEPS" : r.outcome().reason());
      x.put("failedStep", r.outcome() == null ? null : r.outcome().failedStep());
      x.put("totalMillis", r.outcome() == null ? null : r.outcome().total().toMillis());
      return x;
    }).toList());
    Json.send(ctx, 200, o);
  }

  /** {@code GET /api/v1/layers}: each layered service's path with the SLIs of each layer. */
  public void layers(Context ctx) {
    List<Map<String, Object>> out = LayerView.all(spec.get(), live.get()).stream().map(v -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("service", v.service().name());
      o.put("origin", v.origin());
      o.put("layers", v.layers().stream().map(l -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", l.spec().name());
        x.put("kind", l.spec().kind());
        x.put("recentErrorRatio", l.recentErrorRatio());
        x.put("silent", l.silent());
        x.put("noData", l.noData());
        x.put("slis", l.slis().stream().map(s -> Map.of("slo", s.slo().name(),
            "recentGood", s.recent().good(), "recentValid", s.recent().valid(),
            "windowSli", s.windowSliRatio())).toList());
        return x;
      }).toList());
      return o;
    }).toList();
    sendPage(ctx, "services", out);
  }

  /** {@code GET /api/v1/clients}: the clients of the spec. */
  public void clients(Context ctx) {
    sendPage(ctx, "clients", spec.get().clients().stream().map(c -> Map.of("name", c.name(),
        "displayName", c.displayName() == null ? c.name() : c.displayName(),
        "statusPage", c.statusPage())).toList());
  }

  /** {@code GET /api/v1/portal}: what the signed-in client (or {@code ?client=}) sees. */
  public void portal(Context ctx) {
    String name = PortalPages.clientOf(ctx, spec.get());
    String month = ctx.queryParam("month");
    ClientCompliance c = name == null ? null : month == null || month.isBlank()
        ? compliance.of(name, clock.instant())
        : compliance.month(name, ReportPages.month(month), clock.instant());
    if (c == null) {
      throw new ApiError(404, "no client named '" + name + "'");
    }
    Json.send(ctx, 200, compliance(c, true));
  }

  /** The client view as JSON; the portal adds budget figures, the public page does not. */
  static Map<String, Object> compliance(ClientCompliance c, boolean portal) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("client", c.client().name());
    o.put("displayName", c.client().displayName());
    o.put("month", c.month().toString());
    o.put("timeZone", c.zone().getId());
    o.put("from", c.period().start());
    o.put("to", c.asOf());
    o.put("slos", c.slos().stream().map(s -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", s.spec().name());
      x.put("title", s.spec().title());
      x.put("description", s.spec().description());
      x.put("target", s.spec().target().percent());
      x.put("monthSli", s.month().valid() == 0 ? null : s.month().ratio());
      x.put("monthMet", s.monthMet());
      x.put("monthGood", s.month().good());
      x.put("monthValid", s.month().valid());
      if (s.monthUptime() != null) {
        x.put("monthUptime", UptimeJson.of(s.monthUptime()));
      }
      if (portal) {
        x.put("monthBudgetRemaining", s.month().valid() == 0 ? null
            : s.monthBudget().remainingRatio());
        x.put("window", s.spec().window().id());
        x.put("budgetRemaining", s.window() == null ? null : s.window().budget()
            .remainingRatio());
      }
      x.put("days", s.days().stream().map(d -> {
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("date", d.date().toString());
        y.put("sli", d.met() == null ? null : d.counts().ratio());
        y.put("met", d.met());
        return y;
      }).toList());
      return x;
    }).toList());
    return o;
  }

  /** {@code GET /api/v1/users} (admin): names, roles and clients, never hashes. */
  public void users(Context ctx) {
    sendPage(ctx, "users", users.all().stream().map(u -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", u.name());
      o.put("role", u.role());
      o.put("client", u.client());
      o.put("createdAt", u.createdAt());
      return o;
    }).toList());
  }

  /** Answers one page of {@code all} under {@code key}, with page, size and total. */
  static void sendPage(Context ctx, String key, List<?> all) {
    Page<?> p = param(() -> Page.of(all, Params.integer(ctx, "page", 1),
        Params.integer(ctx, "size", 100)));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put(key, p.items());
    o.put("page", p.page());
    o.put("size", p.size());
    o.put("total", p.total());
    Json.send(ctx, 200, o);
  }

  /** Runs a parameter parse, turning its IllegalArgumentException into 400. */
  static <T> T param(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }
}
