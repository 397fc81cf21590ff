package dev.nines.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.alert.AlertState;
import dev.nines.alert.Condition;
import dev.nines.alert.ConditionJson;
import dev.nines.incident.Incident;
import dev.nines.live.MaintenanceBook;
import dev.nines.maintenance.AppliedHistory;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.store.AlertEvent;
import dev.nines.store.AlertQuery;
import dev.nines.store.Slice;
import dev.nines.store.Store;
import dev.nines.view.IncidentImpact;
import dev.nines.view.MaintenanceEntry;
import dev.nines.view.Page;
import dev.nines.web.ApiError;
import dev.nines.web.Json;
import dev.nines.web.Params;
import dev.nines.web.auth.AuthFilter;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The team's operations over the API: open alerts and their history, incidents (list, detail
 * with timeline and impact, open, update, root-cause note, resolve) and maintenance windows
 * (list with their effect on each SLO, add, delete). Reads need scope {@code read}, writes an
 * internal session or scope {@code operate}.
 */
final class OperationsApi {
  private final Supplier<Spec> spec;
  private final Store store;
  private final Operations ops;
  private final Clock clock;

  OperationsApi(Supplier<Spec> spec, Store store, Operations ops, Clock clock) {
    this.spec = spec;
    this.store = store;
    this.ops = ops;
    this.clock = clock;
  }

  // Alerts.

  /** {@code GET /api/v1/alerts?state=firing|pending|silenced&kind=&severity=&service=&client=}. */
  void alerts(Context ctx) {
    List<AlertState> open = openAlerts(ctx.queryParam("state"), ctx.queryParam("kind"),
        ctx.queryParam("severity"), ctx.queryParam("service"), ctx.queryParam("client"));
    Page<AlertState> page = page(ctx, open);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("alerts", page.items().stream().map(OperationsApi::alert).toList());
    paged(o, page);
    Json.send(ctx, 200, o);
  }

  /** The open alerts matching the filters (null or blank: any), firing first, then oldest. */
  List<AlertState> openAlerts(String state, String kind, String severity, String service,
      String client) {
    String st = blank(state) ? null : state.strip().toLowerCase(Locale.ROOT);
    if (st != null && !List.of("firing", "pending", "silenced").contains(st)) {
      throw new ApiError(400, "state: '" + state + "' is not a state. Expected firing, pending "
          + "or silenced");
    }
    List<AlertState> out = new ArrayList<>();
    for (AlertState a : ops.alerts().open().values()) {
      Condition c = a.condition();
      boolean inState = st == null || (st.equals("silenced") ? a.silenced()
          : !a.silenced() && a.status().name().toLowerCase(Locale.ROOT).equals(st));
      boolean match = inState && (blank(kind) || c.kind().id().equals(kind.strip()))
          && (blank(severity) || c.severity().equals(severity.strip()))
          && (blank(service) || service.strip().equals(c.service()))
          && (blank(client) || client.strip().equals(c.client()));
      if (match) {
        out.add(a);
      }
    }
    out.sort(java.util.Comparator.comparing((AlertState a) -> a.status() != AlertState.Status
        .FIRING).thenComparing(a -> rank(a.condition().severity()))
        .thenComparing(AlertState::activeSince).thenComparing(a -> a.condition().title()));
    return out;
  }

  private static int rank(String severity) {
    return switch (severity) {
      case "page" -> 0;
      case "ticket" -> 1;
      default -> 2;
    };
  }

  /** {@code GET /api/v1/alerts/history?kind=&severity=&service=&client=&subject=&transition=&from=&to=}. */
  void history(Context ctx) {
    AlertQuery q = new AlertQuery(orNull(ctx, "kind"), orNull(ctx, "severity"),
        orNull(ctx, "audience"), orNull(ctx, "service"), orNull(ctx, "client"),
        orNull(ctx, "subject"), orNull(ctx, "transition"), null, instant(ctx, "from"),
        instant(ctx, "to"));
    int page = page(ctx);
    int size = size(ctx);
    Slice<AlertEvent> s = store.alertHistory(q, (page - 1) * size, size);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("events", s.items().stream().map(OperationsApi::event).toList());
    o.put("page", page);
    o.put("size", size);
    o.put("total", s.total());
    Json.send(ctx, 200, o);
  }

  static Map<String, Object> alert(AlertState a) {
    Condition c = a.condition();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("fingerprint", c.fingerprint());
    o.put("instance", a.instance());
    o.put("kind", c.kind().id());
    o.put("category", c.kind().category());
    o.put("severity", c.severity());
    o.put("audience", c.audience().name().toLowerCase(Locale.ROOT));
    o.put("status", a.status().name().toLowerCase(Locale.ROOT));
    o.put("silenced", a.silenced());
    o.put("service", c.service());
    o.put("client", c.client());
    o.put("slo", c.slo());
    o.put("monitor", c.monitor());
    o.put("region", c.region());
    o.put("title", c.title());
    o.put("summary", c.summary());
    o.put("activeSince", a.activeSince());
    o.put("firingSince", a.firingSince());
    o.put("lastNotifiedAt", a.lastNotifiedAt());
    o.put("figures", figures(c));
    o.put("link", c.link());
    return o;
  }

  static Map<String, Object> event(AlertEvent e) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", e.id());
    o.put("instance", e.instance());
    o.put("fingerprint", e.fingerprint());
    o.put("kind", e.kind());
    o.put("severity", e.severity());
    o.put("audience", e.audience());
    o.put("service", e.service());
    o.put("client", e.client());
    o.put("subject", e.subject());
    o.put("region", e.region());
    o.put("transition", e.transition());
    o.put("at", e.at());
    o.put("notified", e.notified());
    o.put("silenced", e.silenced());
    o.put("title", e.title());
    try {
      o.put("figures", figures(ConditionJson.read(e.conditionJson())));
    } catch (IllegalArgumentException unreadable) {
      o.put("figures", List.of());
    }
    return o;
  }

  private static List<Map<String, String>> figures(Condition c) {
    return c.figures().stream().map(f -> Map.of("name", f.name(), "value", f.value())).toList();
  }

  // Incidents.

  /** {@code GET /api/v1/incidents?state=open|resolved&client=&service=}. */
  void incidents(Context ctx) {
    String state = orNull(ctx, "state");
    Boolean open = state == null ? null : switch (state) {
      case "open" -> true;
      case "resolved" -> false;
      default -> throw new ApiError(400, "state: '" + state + "' is not a state. Expected open "
          + "or resolved");
    };
    int page = page(ctx);
    int size = size(ctx);
    Slice<Incident> s = store.incidents(orNull(ctx, "client"), orNull(ctx, "service"), open,
        instant(ctx, "from"), instant(ctx, "to"), (page - 1) * size, size);
    Instant now = clock.instant();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("incidents", s.items().stream().map(i -> incident(i, spec.get(), now)).toList());
    o.put("page", page);
    o.put("size", size);
    o.put("total", s.total());
    Json.send(ctx, 200, o);
  }

  /** {@code GET /api/v1/incidents/{id}}: with its timeline and impact on each SLO. */
  void incident(Context ctx) {
    Incident i = find(ctx);
    Json.send(ctx, 200, incident(i, spec.get(), clock.instant()));
  }

  Map<String, Object> incident(Incident i, Spec s, Instant now) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", i.id());
    o.put("service", i.service());
    o.put("client", i.client());
    o.put("title", i.title());
    o.put("state", i.open() ? "open" : "resolved");
    o.put("openedAt", i.openedAt());
    o.put("resolvedAt", i.resolvedAt());
    o.put("durationSeconds", Duration.between(i.openedAt(), i.resolvedAt() == null ? now
        : i.resolvedAt()).toSeconds());
    o.put("openedBy", i.openedBy());
    o.put("rootCause", i.rootCause());
    o.put("slos", i.slos());
    o.put("timeline", i.timeline().stream().map(e -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("at", e.at());
      t.put("kind", e.kind().id());
      t.put("author", e.author());
      t.put("text", e.body());
      t.put("alert", e.alertInstance());
      return t;
    }).toList());
    o.put("impact", IncidentImpact.of(i, s, store, now).slos().stream().map(x -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("slo", x.slo().name());
      m.put("bad", x.bad());
      m.put("valid", x.valid());
      m.put("unit", x.time() ? "milliseconds" : "events");
      m.put("budgetShare", x.budgetShare());
      return m;
    }).toList());
    return o;
  }

  /** {@code POST /api/v1/incidents} {@code {service, title, slos?, text?}}: 201 with the incident. */
  void open(Context ctx) {
    JsonNode body = body(ctx);
    List<String> slos = new ArrayList<>();
    JsonNode list = body.get("slos");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new ApiError(400, "slos: is not a list. Expected SLO names");
      }
      list.forEach(n -> slos.add(n.asText()));
    }
    long id;
    try {
      id = ops.incidents().open(text(body, "service", true), text(body, "title", true),
          author(ctx), slos, text(body, "text", false));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Json.send(ctx, 201, incident(store.incident(id).orElseThrow(), spec.get(), clock.instant()));
  }

  /** {@code POST /api/v1/incidents/{id}/updates} {@code {text}}. */
  void update(Context ctx) {
    long id = find(ctx).id();
    act(() -> ops.incidents().update(id, author(ctx), text(body(ctx), "text", true)));
    Json.send(ctx, 200, incident(store.incident(id).orElseThrow(), spec.get(), clock.instant()));
  }

  /** {@code PUT /api/v1/incidents/{id}/root-cause} {@code {text}}: the note the client reads. */
  void rootCause(Context ctx) {
    long id = find(ctx).id();
    act(() -> ops.incidents().note(id, author(ctx), text(body(ctx), "text", true)));
    Json.send(ctx, 200, incident(store.incident(id).orElseThrow(), spec.get(), clock.instant()));
  }

  /** {@code POST /api/v1/incidents/{id}/resolve} {@code {rootCause?}}: tells the client. */
  void resolve(Context ctx) {
    Incident i = find(ctx);
    if (!i.open()) {
      throw new ApiError(409, "incident " + i.id() + " is resolved already");
    }
    String note = text(body(ctx), "rootCause", false);
    ops.incidents().resolve(i.id(), author(ctx), note);
    Json.send(ctx, 200, incident(store.incident(i.id()).orElseThrow(), spec.get(),
        clock.instant()));
  }

  private Incident find(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiError(400, "id: '" + ctx.pathParam("id") + "' is not an incident id. "
          + "Expected a number");
    }
    return store.incident(id).orElseThrow(() -> new ApiError(404, "no incident " + id));
  }

  private static void act(java.util.function.BooleanSupplier done) {
    try {
      if (!done.getAsBoolean()) {
        throw new ApiError(404, "no such incident");
      }
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  // Maintenance.

  /** {@code GET /api/v1/maintenance?from=&to=}: windows overlapping [from, to) (default ±30 days). */
  void maintenance(Context ctx) {
    Instant now = clock.instant();
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    from = from == null ? now.minus(Duration.ofDays(30)) : from;
    to = to == null ? now.plus(Duration.ofDays(30)) : to;
    if (!from.isBefore(to)) {
      throw new ApiError(400, "to: " + to + " is not after from " + from);
    }
    List<MaintenanceEntry> entries = MaintenanceEntry.between(spec.get(),
        ops.maintenance().get(), from, to, now);
    Json.send(ctx, 200, Map.of("from", from, "to", to,
        "windows", entries.stream().map(e -> window(e, appliedOf(e, now))).toList()));
  }

  /** The stored record of a started window applied to the history, or null. */
  AppliedHistory appliedOf(MaintenanceEntry e, Instant now) {
    return e.window().start().isBefore(now)
        ? ops.maintenance().applied(e.window()).orElse(null) : null;
  }

  static Map<String, Object> window(MaintenanceEntry e, AppliedHistory applied) {
    MaintenanceWindow w = e.window();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", w.source() == MaintenanceWindow.Source.API ? w.id() : null);
    o.put("service", w.service());
    o.put("start", w.start());
    o.put("end", w.end());
    o.put("reason", w.reason());
    o.put("source", w.source().name().toLowerCase(Locale.ROOT));
    o.put("when", e.when().id());
    o.put("createdAt", w.createdAt());
    o.put("createdBy", w.createdBy());
    o.put("addedAfterTheFact", w.addedAfterTheFact());
    o.put("effects", e.effects().stream().map(x -> Map.of("slo", x.slo().name(),
        "how", x.how().id(), "minutes", x.minutes())).toList());
    o.put("applied", applied == null ? null : applied(applied));
    return o;
  }

  /** What applying a window to the stored history did, as JSON. */
  static Map<String, Object> applied(AppliedHistory a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("change", a.change().name().toLowerCase(Locale.ROOT));
    o.put("at", a.at());
    o.put("from", a.from());
    o.put("to", a.to());
    List<Map<String, Object>> slos = new ArrayList<>();
    for (AppliedHistory.SloEffect x : a.slos()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("slo", x.slo());
      s.put("how", x.how().id());
      s.put("minutes", x.minutes());
      s.put("changedMinutes", x.changedMinutes());
      s.put("note", x.note());
      slos.add(s);
    }
    o.put("slos", slos);
    return o;
  }

  /**
   * {@code POST /api/v1/maintenance} {@code {service, start, end, reason?}}: 201 with the window
   * and, when it has started already, what was applied to the stored history.
   */
  void addMaintenance(Context ctx) {
    JsonNode body = body(ctx);
    Instant start = parse("start", text(body, "start", true));
    Instant end = parse("end", text(body, "end", true));
    MaintenanceBook.Change c;
    try {
      c = ops.maintenance().add(text(body, "service", true), start, end,
          text(body, "reason", false), author(ctx));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Map<String, Object> o = window(MaintenanceEntry.of(spec.get(), c.window(), clock.instant()),
        c.applied());
    if (c.notApplied() != null) {
      o.put("notApplied", c.notApplied());
    }
    Json.send(ctx, 201, o);
  }

  /**
   * {@code DELETE /api/v1/maintenance/{id}}: 204 for a window that had not started; 200 with
   * what was applied to the stored history for one that had.
   */
  void deleteMaintenance(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiError(400, "id: '" + ctx.pathParam("id") + "' is not a window id. Expected "
          + "a number (windows of the spec are changed in the spec)");
    }
    MaintenanceBook.Change c = ops.maintenance().remove(id);
    if (c == null) {
      throw new ApiError(404, "no maintenance window " + id);
    }
    if (c.applied() == null && c.notApplied() == null) {
      ctx.status(204);
      return;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("deleted", true);
    o.put("applied", c.applied() == null ? null : applied(c.applied()));
    if (c.notApplied() != null) {
      o.put("notApplied", c.notApplied());
    }
    o.put("note", EXCLUDED_STAY);
    Json.send(ctx, 200, o);
  }

  /** What deleting a started window cannot undo. */
  static final String EXCLUDED_STAY = "Events excluded while the window was in force are not "
      + "kept: deleting it cannot bring them back. Uptime SLOs are recomputed from the stored "
      + "observations.";

  // Parameters and bodies.

  static String author(Context ctx) {
    var p = AuthFilter.principal(ctx);
    return p == null ? "api" : p.name();
  }

  static JsonNode body(Context ctx) {
    try {
      JsonNode n = Json.MAPPER.readTree(ctx.bodyAsBytes());
      if (n == null || !n.isObject()) {
        throw new ApiError(400, "the body is not a JSON object");
      }
      return n;
    } catch (java.io.IOException e) {
      throw new ApiError(400, "the body is not JSON");
    }
  }

  static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
      if (required) {
        throw new ApiError(400, field + ": is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiError(400, field + ": is not text");
    }
    if (v.asText().length() > 10_000) {
      throw new ApiError(400, field + ": is longer than 10,000 characters");
    }
    return v.asText();
  }

  static Instant parse(String field, String text) {
    try {
      return java.time.OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiError(400, field + ": '" + text + "' is not a time. Expected ISO-8601 with an "
          + "offset, e.g. 2026-11-28T02:00:00Z");
    }
  }

  private static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return blank(v) ? null : parse(name, v);
  }

  private static String orNull(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return blank(v) ? null : v.strip();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static int page(Context ctx) {
    try {
      int p = Params.integer(ctx, "page", 1);
      if (p < 1) {
        throw new ApiError(400, "page: " + p + " is out of range. Expected 1 or more");
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  private static int size(Context ctx) {
    try {
      int s = Params.integer(ctx, "size", 100);
      if (s < 1 || s > 1000) {
        throw new ApiError(400, "size: " + s + " is out of range. Expected 1 to 1000");
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  private static <T> Page<T> page(Context ctx, List<T> all) {
    try {
      return Page.of(all, page(ctx), size(ctx));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
  }

  private static void paged(Map<String, Object> o, Page<?> page) {
    o.put("page", page.page());
    o.put("size", page.size());
    o.put("total", page.total());
  }
}
