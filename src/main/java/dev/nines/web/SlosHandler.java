package dev.nines.web;

import dev.nines.model.Durations;
import dev.nines.server.LiveSlos;
import dev.nines.slo.BurnCondition;
import dev.nines.slo.SloStatus;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/slos} and {@code GET /api/v1/slos/{name}}: every SLO with its current
 * SLI, error budget, burn rates, alert and budget forecasts.
 */
public final class SlosHandler {
  private final Supplier<LiveSlos> live;

  public SlosHandler(Supplier<LiveSlos> live) {
    this.live = live;
  }

  public void list(Context ctx) {
    Json.send(ctx, 200, Map.of("slos", live.get().views().stream().map(SlosHandler::json).toList()));
  }

  public void one(Context ctx) {
    LiveSlos.View v = live.get().view(ctx.pathParam("name"));
    if (v == null) {
      throw new ApiError(404, "no SLO named '" + ctx.pathParam("name") + "'");
    }
    Json.send(ctx, 200, json(v));
  }

  static Map<String, Object> json(LiveSlos.View v) {
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
    o.put("good", s.window().good());
    o.put("valid", s.window().valid());
    o.put("sli", s.budget().sliRatio());
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
