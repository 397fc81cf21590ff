package dev.nines.web.console;

import dev.nines.alert.AlertState;
import dev.nines.incident.Incident;
import dev.nines.model.Spec;
import dev.nines.store.AlertEvent;
import dev.nines.store.AlertQuery;
import dev.nines.store.Slice;
import dev.nines.store.Store;
import dev.nines.view.IncidentImpact;
import dev.nines.view.MaintenanceEntry;
import dev.nines.web.ApiError;
import dev.nines.web.Params;
import dev.nines.web.auth.PageError;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The team's operation pages: Alerts (firing, pending, silenced, and the history with
 * filters), Incidents (list, detail with timeline, impact and note editor, forms to open,
 * update and resolve) and Maintenance (past, current and planned windows with their effect on
 * each SLO, forms to add and delete). Reads go through the same code as the API.
 */
final class OperationsPages {
  static final int HISTORY_PAGE = 50;

  private final ConsolePages pages;
  private final Templates templates;
  private final Supplier<Spec> spec;
  private final Store store;
  private final Operations ops;
  private final OperationsApi api;
  private final Clock clock;

  OperationsPages(ConsolePages pages, Templates templates, Supplier<Spec> spec, Store store,
      Operations ops, OperationsApi api, Clock clock) {
    this.pages = pages;
    this.templates = templates;
    this.spec = spec;
    this.store = store;
    this.ops = ops;
    this.api = api;
    this.clock = clock;
  }

  /** {@code GET /console/alerts?kind=&severity=&service=&transition=&page=}. */
  void alerts(Context ctx) {
    List<AlertState> open;
    try {
      open = api.openAlerts(null, ctx.queryParam("kind"), ctx.queryParam("severity"),
          ctx.queryParam("service"), null);
    } catch (ApiError e) {
      throw PageError.of(400, e.getMessage());
    }
    int page = pageParam(ctx);
    AlertQuery q = new AlertQuery(blankToNull(ctx.queryParam("kind")),
        blankToNull(ctx.queryParam("severity")), null, blankToNull(ctx.queryParam("service")),
        null, null, blankToNull(ctx.queryParam("transition")), null, null, null);
    Slice<AlertEvent> history = store.alertHistory(q, (page - 1) * HISTORY_PAGE, HISTORY_PAGE);
    Map<String, Object> p = pages.params(ctx, "Alerts", "alerts");
    p.put("firing", open.stream().filter(a -> a.status() == AlertState.Status.FIRING
        && !a.silenced()).toList());
    p.put("pending", open.stream().filter(a -> a.status() == AlertState.Status.PENDING
        && !a.silenced()).toList());
    p.put("silenced", open.stream().filter(AlertState::silenced).toList());
    p.put("history", history.items());
    p.put("total", history.total());
    p.put("pageNo", page);
    p.put("pages", Math.max(1, (history.total() + HISTORY_PAGE - 1) / HISTORY_PAGE));
    p.put("q", ctx.queryParamMap());
    p.put("spec", spec.get());
    templates.send(ctx, 200, "alerts.jte", p);
  }

  /** {@code GET /console/incidents?state=&page=}. */
  void incidents(Context ctx) {
    renderIncidents(ctx, 200, null);
  }

  private void renderIncidents(Context ctx, int status, String error) {
    int page = pageParam(ctx);
    Slice<Incident> list = store.incidents(null, null, null, null, null, (page - 1) * 50, 50);
    Instant now = clock.instant();
    Map<String, Object> p = pages.params(ctx, "Incidents", "incidents");
    p.put("incidents", list.items());
    p.put("impacts", list.items().stream().map(i -> IncidentImpact.of(i, spec.get(), store, now))
        .toList());
    p.put("total", list.total());
    p.put("pageNo", page);
    p.put("pages", Math.max(1, (list.total() + 49) / 50));
    p.put("spec", spec.get());
    p.put("error", error);
    templates.send(ctx, status, "incidents.jte", p);
  }

  /** {@code POST /console/incidents}: opens one by hand, then shows it. */
  void open(Context ctx) {
    List<String> slos = new ArrayList<>(ctx.formParams("slo"));
    slos.removeIf(String::isBlank);
    long id;
    try {
      id = ops.incidents().open(ctx.formParam("service"), ctx.formParam("title"),
          OperationsApi.author(ctx), slos, blankToNull(ctx.formParam("text")));
    } catch (IllegalArgumentException e) {
      renderIncidents(ctx, 400, e.getMessage());
      return;
    }
    ctx.redirect("/console/incidents/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** {@code GET /console/incidents/{id}}. */
  void incident(Context ctx) {
    renderIncident(ctx, 200, find(ctx), null);
  }

  private void renderIncident(Context ctx, int status, Incident i, String error) {
    Map<String, Object> p = pages.params(ctx, "Incident " + i.id(), "incidents");
    p.put("incident", i);
    p.put("impact", IncidentImpact.of(i, spec.get(), store, clock.instant()));
    p.put("error", error);
    templates.send(ctx, status, "incident.jte", p);
  }

  /** {@code POST /console/incidents/{id}/update}, {@code /note}, {@code /resolve}. */
  void act(Context ctx) {
    Incident i = find(ctx);
    String action = ctx.pathParam("action");
    String text = ctx.formParam("text");
    String author = OperationsApi.author(ctx);
    try {
      switch (action) {
        case "update" -> ops.incidents().update(i.id(), author, text);
        case "note" -> ops.incidents().note(i.id(), author, text);
        case "resolve" -> {
          if (!ops.incidents().resolve(i.id(), author, text)) {
            throw new IllegalArgumentException("incident " + i.id() + " is resolved already");
          }
        }
        default -> throw PageError.of(404, "There is no action '" + action + "'.");
      }
    } catch (IllegalArgumentException e) {
      renderIncident(ctx, 400, i, e.getMessage());
      return;
    }
    ctx.redirect("/console/incidents/" + i.id(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** {@code GET /console/maintenance}: 30 days back, 60 days ahead. */
  void maintenance(Context ctx) {
    renderMaintenance(ctx, 200, null);
  }

  private void renderMaintenance(Context ctx, int status, String error) {
    renderMaintenance(ctx, status, error, null);
  }

  /** The page, with {@code deleted} (a started window just deleted) told at the top. */
  private void renderMaintenance(Context ctx, int status, String error,
      dev.nines.live.MaintenanceBook.Change deleted) {
    Instant now = clock.instant();
    List<MaintenanceEntry> all = MaintenanceEntry.between(spec.get(), ops.maintenance().get(),
        now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(60)), now);
    Map<dev.nines.maintenance.MaintenanceWindow, dev.nines.maintenance.AppliedHistory> applied =
        new java.util.HashMap<>();
    for (MaintenanceEntry e : all) {
      dev.nines.maintenance.AppliedHistory a = api.appliedOf(e, now);
      if (a != null) {
        applied.put(e.window(), a);
      }
    }
    Map<String, Object> p = pages.params(ctx, "Maintenance", "maintenance");
    p.put("applied", applied);
    p.put("deleted", deleted);
    p.put("current", all.stream().filter(e -> e.when() == MaintenanceEntry.When.CURRENT).toList());
    p.put("planned", all.stream().filter(e -> e.when() == MaintenanceEntry.When.PLANNED).toList());
    List<MaintenanceEntry> past = new ArrayList<>(all.stream()
        .filter(e -> e.when() == MaintenanceEntry.When.PAST).toList());
    java.util.Collections.reverse(past);
    p.put("past", past);
    p.put("spec", spec.get());
    p.put("error", error);
    templates.send(ctx, status, "maintenance.jte", p);
  }

  /** {@code POST /console/maintenance}: adds a window (times in the spec's zone). */
  void addMaintenance(Context ctx) {
    try {
      java.time.ZoneId zone = spec.get().timeZone();
      Instant start = local(ctx.formParam("start"), zone, "start");
      Instant end = local(ctx.formParam("end"), zone, "end");
      dev.nines.live.MaintenanceBook.Change c = ops.maintenance().add(ctx.formParam("service"),
          start, end, ctx.formParam("reason"), OperationsApi.author(ctx));
      if (c.notApplied() != null) {
        renderMaintenance(ctx, 200, "The window is added, but not applied to the stored history: "
            + c.notApplied());
        return;
      }
    } catch (IllegalArgumentException e) {
      renderMaintenance(ctx, 400, e.getMessage());
      return;
    }
    ctx.redirect("/console/maintenance", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** {@code POST /console/maintenance/{id}/delete}. */
  void deleteMaintenance(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw PageError.of(404, "There is no maintenance window " + ctx.pathParam("id") + ".");
    }
    dev.nines.live.MaintenanceBook.Change c = ops.maintenance().remove(id);
    if (c == null) {
      throw PageError.of(404, "There is no maintenance window " + id + ".");
    }
    if (c.applied() != null || c.notApplied() != null) {
      renderMaintenance(ctx, 200, null, c);  // what the history got, said once, here
      return;
    }
    ctx.redirect("/console/maintenance", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** A {@code datetime-local} value (2026-11-28T02:00) in the spec's zone. */
  private static Instant local(String value, java.time.ZoneId zone, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": is required");
    }
    try {
      return java.time.LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": '" + value + "' is not a date and time. "
          + "Expected e.g. 2026-11-28T02:00");
    }
  }

  private Incident find(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw PageError.of(404, "There is no incident " + ctx.pathParam("id") + ".");
    }
    return store.incident(id).orElseThrow(() -> PageError.of(404, "There is no incident " + id
        + "."));
  }

  private static int pageParam(Context ctx) {
    try {
      return Math.max(1, Params.integer(ctx, "page", 1));
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
