package dev.nines.web;

import dev.nines.model.Durations;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.slo.BurnCondition;
import dev.nines.slo.SloStatus;
import dev.nines.view.Page;
import dev.nines.view.SloQuery;
import dev.nines.web.Params;
import dev.nines.web.UptimeJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/slos} and {@code GET /api/v1/slos/{name}}: every SLO with its current
 * SLI, error budget, burn rates, alert and budget forecasts. The list is sorted by budget
 * left (least first), filtered by {@code client, service, kind, alert, audience, q} and
 * paginated by {@code page} (from 1) and {@code size} (default 100).
 */
public final class SlosHandler {
  private final Supplier<LiveSlos> live;
  private final SloQuery query;

  public SlosHandler(Supplier<LiveSlos> live, Supplier<Spec> spec) {
    this.live = live;
    this.query = new SloQuery(spec, live);
  }

  public void list(Context ctx) {
    Page<LiveSlos.View> page;
    try {
      page = query.page(Params.sloFilter(ctx), Params.integer(ctx, "page", 1),
          Params.integer(ctx, "size", 100));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("slos", page.items().stream().map(SlosHandler::json).toList());
    o.put("page", page.page());
    o.put("size", page.size());
    o.put("total", page.total());
    Json.send(ctx, 200, o);
  }

  public void one(Context ctx) {
    LiveSlos.View v = live.get().view(ctx.pathParam("name"));
    if (v == null) {
      throw new ApiError(404, "no SLO named '" + ctx.pathParam("name") + "'");
    }
    Json.send(ctx, 200, json(v));
  }

  /** One SLO as the API shows it. */
  public static Map<String, Object> json(LiveSlos.View v) {
    SloStatus s = v.status();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", v.spec().name());
    o.put("service", v.spec().service());
    o.put("endpoint", v.spec().endpoint());
    o.put("kind", v.spec().sli().kind().id());
    o.put("target", v.spec().target().percent());
    o.put("window", v.spec().window().id());
    o.put("periodStart", s.period().start());
    o.put("periodEnd", s.period().end());
    o.put("budgeting", v.spec().budgeting().method().name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-'));
    o.put("good", s.window().good());
    o.put("valid", s.window().valid());
    o.put("sli", s.budget().sliRatio());
    if (v.uptime() != null) {
      o.put("uptime", UptimeJson.of(v.uptime()));
    }
    o.put("budgetRemaining", s.budget().remainingRatio());
    o.put("alert", s.alert() == null ? null : s.alert().id());
    o.put("burnRates", conditions(s.conditions()));
    o.put("forecasts", s.forecasts().stream().map(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lookback", Durations.format(f.lookback()));
      m.put("burnRate", f.burnRate());
      m.put("exhaustionSeconds", f.exhaustion() == null ? null : f.exhaustion().toSeconds());
      return m;
    }).toList());
    return o;
  }

  private static List<Map<String, Object>> conditions(List<BurnCondition> conditions) {
    return conditions.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", c.window().severity().id());
      m.put("long", Durations.format(c.window().longWindow()));
      m.put("short", c.window().shortWindow() == null ? null
          : Durations.format(c.window().shortWindow()));
      m.put("factor", c.factor());
      m.put("longBurn", c.longBurn());
      m.put("shortBurn", c.shortBurn());
      m.put("firing", c.firing());
      return m;
    }).toList();
  }
}
