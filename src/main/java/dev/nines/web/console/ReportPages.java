package dev.nines.web.console;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.ClientSpec;
import dev.nines.model.Spec;
import dev.nines.report.MonthlyReport;
import dev.nines.report.ReportArchive;
import dev.nines.report.ReportFormat;
import dev.nines.report.ReportText;
import dev.nines.report.Reports;
import dev.nines.store.Store;
import dev.nines.store.StoredReport;
import dev.nines.web.ApiError;
import dev.nines.web.Json;
import dev.nines.web.auth.AuthFilter;
import dev.nines.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Monthly reports over HTTP: the archive list, a month's figures as JSON and the files
 * ({@code GET /api/v1/reports...}), and the console's reports page. A client user reaches its
 * own client's reports only. A month not archived yet is rendered on request (not stored).
 */
public final class ReportPages {
  private final ConsolePages pages;
  private final Templates templates;
  private final Supplier<Spec> spec;
  private final Store store;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final Clock clock;
  private final ReportArchive archive;

  ReportPages(ConsolePages pages, Templates templates, Supplier<Spec> spec, Store store,
      Supplier<MaintenanceCalendar> maintenance, Clock clock) {
    this.pages = pages;
    this.templates = templates;
    this.spec = spec;
    this.store = store;
    this.maintenance = maintenance;
    this.clock = clock;
    this.archive = new ReportArchive(store);
  }

  /** The client a request may see: its own for a client user; any known one for the team. */
  private ClientSpec allowed(Context ctx, String name) {
    Principal p = AuthFilter.principal(ctx);
    if (p != null && !p.internal() && !p.client().equals(name)) {
      throw new ApiError(403, p.name() + " (client) may not see the reports of '" + name + "'");
    }
    ClientSpec c = spec.get().client(name);
    if (c == null) {
      throw new ApiError(404, "client: no client named '" + name + "'");
    }
    return c;
  }

  /** {@code GET /api/v1/reports?client=}: archived reports, newest month first. */
  void list(Context ctx) {
    Principal p = AuthFilter.principal(ctx);
    String client = ctx.queryParam("client");
    if (client != null && !client.isBlank()) {
      allowed(ctx, client);
    } else if (p != null && !p.internal()) {
      client = p.client();
    }
    List<Map<String, Object>> out = store.reports(client == null || client.isBlank() ? null
        : client).stream().map(ReportPages::entry).toList();
    ConsoleApi.sendPage(ctx, "reports", out);
  }

  private static Map<String, Object> entry(StoredReport r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("client", r.client());
    o.put("month", r.period());
    o.put("format", r.format());
    o.put("createdAt", r.createdAt());
    o.put("figuresHash", r.figuresHash());
    o.put("size", r.size());
    o.put("url", "/api/v1/reports/" + r.client() + "/" + r.period() + "." + r.format());
    return o;
  }

  /**
   * {@code GET /api/v1/reports/{client}/{month}} (the figures as JSON) and
   * {@code .../{month}.pdf|html|md} (the file: archived, else rendered now).
   */
  void one(Context ctx) {
    ClientSpec c = allowed(ctx, ctx.pathParam("client"));
    String file = ctx.pathParam("month");
    int dot = file.indexOf('.');
    YearMonth month = month(dot < 0 ? file : file.substring(0, dot));
    if (dot < 0) {
      Json.send(ctx, 200, figures(build(c, month)));
      return;
    }
    ReportFormat f = ConsoleApi.param(() -> ReportFormat.of(file.substring(dot + 1)));
    byte[] bytes;
    String hash;
    StoredReport stored = archive.find(c.name(), month, f).orElse(null);
    if (stored != null) {
      bytes = stored.content();
      hash = stored.figuresHash();
    } else {
      MonthlyReport r = build(c, month);
      bytes = Reports.render(r, f);
      hash = r.figuresHash();
    }
    String name = Reports.fileName(c.name(), month, f);
    ctx.status(200).contentType(f.contentType()).header("X-Nines-Figures", hash)
        .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
        // The HTML form is self-contained: inline styles and data: images, never a script.
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; frame-ancestors 'none'")
        .header("Content-Disposition", (f == ReportFormat.PDF || f == ReportFormat.MD
            ? "attachment" : "inline") + "; filename=\"" + name + "\"")
        .result(bytes);
  }

  private MonthlyReport build(ClientSpec c, YearMonth month) {
    try {
      return Reports.build(spec.get(), store, maintenance.get(), c.name(), month, clock);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  static YearMonth month(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "month: '" + text + "' is not a month. Expected YYYY-MM, e.g. "
          + "2026-10");
    }
  }

  /** The figures of a report as JSON: the summary table, incidents and maintenance. */
  static Map<String, Object> figures(MonthlyReport r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("client", r.client().name());
    o.put("month", r.month().toString());
    o.put("timeZone", r.zone().getId());
    o.put("from", r.period().start());
    o.put("to", r.period().end());
    o.put("hours", r.hours());
    o.put("complete", r.complete());
    o.put("generatedAt", r.generatedAt());
    o.put("summary", r.summary());
    o.put("met", r.met());
    o.put("slos", r.slos().stream().map(s -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", s.spec().name());
      x.put("title", s.spec().title());
      x.put("target", s.spec().target().percent());
      x.put("good", s.figures().counts().good());
      x.put("valid", s.figures().counts().valid());
      x.put("sli", s.figures().noData() ? null : s.figures().counts().ratio());
      x.put("met", s.figures().met());
      x.put("budgetUsed", s.figures().budget().consumedRatio());
      x.put("unit", s.figures().time() ? "milliseconds" : "events");
      x.put("bad", s.figures().counts().bad());
      x.put("allowedBad", s.figures().time() ? s.figures().allowedSeconds().movePointRight(3)
          : s.figures().budget().allowedBad());
      x.put("previousSli", s.previous().noData() ? null : s.previous().counts().ratio());
      x.put("text", Map.of("achieved", ReportText.achieved(s.figures()),
          "budgetUsed", ReportText.budgetUsedPct(s.figures()),
          "badAgainstAllowed", ReportText.badAgainstAllowed(s.figures()),
          "previous", ReportText.previous(s), "change", ReportText.change(s)));
      x.put("uptime", s.uptime().stream().map(m -> {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("monitor", m.monitor().name());
        u.put("uptime", m.uptime().uptimeRatio());          // null: no data
        u.put("lower", m.uptime().lowerRatio());
        u.put("upper", m.uptime().upperRatio());
        u.put("unknownMillis", m.uptime().unknownMillis());
        return u;
      }).toList());
      return x;
    }).toList());
    o.put("incidents", r.incidents().stream().map(e -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", e.incident().id());
      x.put("title", e.title());
      x.put("openedAt", e.incident().openedAt());
      x.put("resolvedAt", e.incident().resolvedAt());
      x.put("durationSeconds", e.duration().toSeconds());
      x.put("rootCause", e.incident().rootCause());
      return x;
    }).toList());
    o.put("maintenanceMinutes", r.maintenanceTotal().toMinutes());
    o.put("figuresHash", r.figuresHash());
    return o;
  }

  /** {@code GET /console/reports}: the archive per client and this month's preview. */
  void page(Context ctx) {
    Map<String, Object> p = pages.params(ctx, "Reports", "reports");
    Spec sp = spec.get();
    p.put("clients", sp.clients());
    p.put("reports", store.reports(null));
    Map<String, String> last = new LinkedHashMap<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (ClientSpec c : sp.clients()) {
      YearMonth now = YearMonth.from(clock.instant().atZone(sp.zoneOf(c)));
      current.put(c.name(), now.toString());
      last.put(c.name(), now.minusMonths(1).toString());
    }
    p.put("current", current);
    p.put("last", last);
    templates.send(ctx, 200, "reports.jte", p);
  }
}
