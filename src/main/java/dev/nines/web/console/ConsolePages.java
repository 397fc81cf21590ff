package dev.nines.web.console;

import dev.nines.web.Params;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.live.ProbeRecorder;
import dev.nines.store.Store;
import dev.nines.view.JourneyDetail;
import dev.nines.view.LayerView;
import dev.nines.view.MonitorDetail;
import dev.nines.view.MonitorDetails;
import dev.nines.view.SloFilter;
import dev.nines.view.SloHistory;
import dev.nines.view.SloQuery;
import dev.nines.web.auth.AuthFilter;
import dev.nines.web.auth.PageError;
import dev.nines.web.auth.Sessions;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The internal console's pages (roles admin and sre): overview, SLO, monitor, journey and
 * layer pages, and the pages that later issues fill in. Each parses its parameters, asks a
 * read model of {@code dev.nines.view} and renders a template.
 */
public final class ConsolePages {
  /** Attempts listed on a monitor page. */
  static final int ATTEMPTS = 25;
  /** Journey runs read for a journey page. */
  static final int RUNS = 500;

  private final Templates templates;
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final SloQuery slos;
  private final MonitorDetails monitors;
  private final ProbeRecorder probes;
  private final Store store;
  private final Clock clock;
  private final Supplier<Map<String, dev.nines.alert.AlertState>> openAlerts;

  public ConsolePages(Templates templates, Supplier<Spec> spec, Supplier<LiveSlos> live,
      ProbeRecorder probes, Store store, Clock clock,
      Supplier<Map<String, dev.nines.alert.AlertState>> openAlerts) {
    this.templates = templates;
    this.spec = spec;
    this.live = live;
    this.slos = new SloQuery(spec, live);
    this.monitors = new MonitorDetails(spec, probes, store);
    this.probes = probes;
    this.store = store;
    this.clock = clock;
    this.openAlerts = openAlerts;
  }

  /** The parameters every page template gets: {@code page}. */
  Map<String, Object> params(Context ctx, String title, String nav) {
    Sessions.Session s = AuthFilter.session(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("page", new PageContext(title, nav, AuthFilter.principal(ctx),
        s == null ? null : s.csrfToken(), spec.get().timeZone(), clock.instant()));
    return p;
  }

  /** {@code GET /console}: every SLO, least budget left first; rows only for htmx. */
  public void overview(Context ctx) {
    SloFilter filter = filter(ctx);
    Map<String, Object> p = params(ctx, "SLOs", "overview");
    p.put("rows", slos.all(filter));
    p.put("total", live.get().views().size());
    p.put("spec", spec.get());
    p.put("q", ctx.queryParamMap());
    boolean partial = "true".equals(ctx.header("HX-Request"));
    templates.send(ctx, 200, partial ? "overviewRows.jte" : "overview.jte", p);
  }

  /** {@code GET /console/slos/{name}}. */
  public void slo(Context ctx) {
    LiveSlos.View v = slos.one(ctx.pathParam("name"));
    if (v == null) {
      throw PageError.of(404, "There is no SLO named '" + ctx.pathParam("name") + "'.");
    }
    SloHistory.Range range;
    try {
      String r = ctx.queryParam("range");
      range = r == null || r.isBlank() ? SloHistory.Range.WINDOW : SloHistory.Range.parse(r);
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
    Instant now = clock.instant();
    Map<String, Object> p = params(ctx, v.spec().name(), "overview");
    p.put("v", v);
    p.put("client", slos.clientOf(v.spec()));
    p.put("history", SloHistory.load(store, v, now));
    p.put("range", range);
    p.put("ranged", range == SloHistory.Range.WINDOW ? p.get("history")
        : SloHistory.load(store, v, now, range));
    p.put("monitors", monitorsOf(v));
    p.put("alerts", dev.nines.view.SubjectAlerts.of(v.spec().name(), openAlerts.get(), store));
    templates.send(ctx, 200, "slo.jte", p);
  }

  private List<MonitorSpec> monitorsOf(LiveSlos.View v) {
    if (v.spec().sli().source() instanceof dev.nines.model.SliSource.Monitors m) {
      return m.names().stream().map(monitors::monitor).filter(x -> x != null).toList();
    }
    return List.of();
  }

  /** {@code GET /console/monitors}. */
  public void monitors(Context ctx) {
    Map<String, Object> p = params(ctx, "Monitors", "monitors");
    p.put("spec", spec.get());
    p.put("probes", probes);
    templates.send(ctx, 200, "monitors.jte", p);
  }

  /** {@code GET /console/monitors/{name}?range=1h|24h|7d&page=N} (N pages the attempts). */
  public void monitor(Context ctx) {
    String range = range(ctx);
    int page;
    try {
      page = Params.integer(ctx, "page", 1);
      dev.nines.view.Page.check(page, ATTEMPTS);
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
    Instant to = clock.instant();
    MonitorDetail d = monitors.detail(ctx.pathParam("name"), Params.RANGES.get(range), to, page,
        ATTEMPTS);
    if (d == null) {
      throw PageError.of(404, "There is no monitor named '" + ctx.pathParam("name") + "'.");
    }
    Map<String, Object> p = params(ctx, d.spec().name(), "monitors");
    p.put("d", d);
    p.put("range", range);
    p.put("alerts", dev.nines.view.SubjectAlerts.of(d.spec().name(), openAlerts.get(), store));
    templates.send(ctx, 200, "monitor.jte", p);
  }

  /** {@code GET /console/journeys}. */
  public void journeys(Context ctx) {
    Map<String, Object> p = params(ctx, "Journeys", "journeys");
    p.put("journeys", journeyMonitors());
    p.put("probes", probes);
    templates.send(ctx, 200, "journeys.jte", p);
  }

  List<MonitorSpec> journeyMonitors() {
    return spec.get().monitors().stream().filter(m -> m.kind() == MonitorKind.JOURNEY).toList();
  }

  /** {@code GET /console/journeys/{name}?range=}. */
  public void journey(Context ctx) {
    MonitorSpec m = monitors.monitor(ctx.pathParam("name"));
    if (m == null || m.kind() != MonitorKind.JOURNEY) {
      throw PageError.of(404, "There is no journey named '" + ctx.pathParam("name") + "'.");
    }
    String range = range(ctx);
    Instant to = clock.instant();
    Duration span = Params.RANGES.get(range);
    Map<String, Object> p = params(ctx, m.name(), "journeys");
    p.put("j", JourneyDetail.of(m, store.attempts(m.name(), to.minus(span), to, RUNS)));
    p.put("range", range);
    templates.send(ctx, 200, "journey.jte", p);
  }

  /** {@code GET /console/layers}. */
  public void layers(Context ctx) {
    Map<String, Object> p = params(ctx, "Layers", "layers");
    p.put("views", LayerView.all(spec.get(), live.get()));
    templates.send(ctx, 200, "layers.jte", p);
  }

  private static SloFilter filter(Context ctx) {
    try {
      return Params.sloFilter(ctx);
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
  }

  private static String range(Context ctx) {
    try {
      return Params.range(ctx);
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
  }
}
