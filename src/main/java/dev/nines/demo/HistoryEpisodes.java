package dev.nines.demo;

import dev.nines.alert.AlertKind;
import dev.nines.alert.Condition;
import dev.nines.alert.ConditionJson;
import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.store.AlertEvent;
import dev.nines.store.Store;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The past episodes of the demo's history, laid relative to the demo's start: a courier
 * gateway outage 12 days before, a slow shop 4 days before, and a database upgrade in a
 * maintenance window on the Sunday at least 9 days before. Each has its times (which the
 * generated buckets and observations follow) and, written by {@link #write}, its alert
 * history, incident or maintenance window as the server would have stored them.
 *
 * @param courierDown the courier gateway is down: every courier assignment fails, the deep
 *     health check and the journey say ERROR
 * @param courierDegraded it is back but flaky: some assignments still fail, checks pass
 * @param slowShop the shop answers in seconds: many /fetch-orders responses are too slow
 * @param maintenance the database upgrade: checks of the platform say UNKNOWN
 */
record HistoryEpisodes(Span courierDown, Span courierDegraded, Span slowShop,
    Span maintenance) {
  static final String SERVICE = "platform";
  static final String CLIENT = "acme";
  private static final String ONCALL = "sam.okafor";

  /** [start, end). */
  record Span(Instant start, Instant end) {
    boolean covers(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    boolean overlaps(Instant from, Instant to) {
      return start.isBefore(to) && end.isAfter(from);
    }
  }

  /** The episodes of a history that ends at {@code now}, local times in {@code zone}. */
  static HistoryEpisodes before(Instant now, ZoneId zone) {
    ZonedDateTime today = now.atZone(zone);
    Instant outage = at(today.minusDays(12), LocalTime.of(19, 40));
    Instant slow = at(today.minusDays(4), LocalTime.of(11, 10));
    ZonedDateTime sunday = today.minusDays(9).with(TemporalAdjusters.previousOrSame(
        DayOfWeek.SUNDAY));
    Instant upgrade = at(sunday, LocalTime.of(2, 0));
    return new HistoryEpisodes(
        new Span(outage, outage.plus(Duration.ofMinutes(8))),
        new Span(outage.plus(Duration.ofMinutes(8)), outage.plus(Duration.ofMinutes(25))),
        new Span(slow, slow.plus(Duration.ofMinutes(15))),
        new Span(upgrade, upgrade.plus(Duration.ofMinutes(30))));
  }

  private static Instant at(ZonedDateTime day, LocalTime time) {
    return day.toLocalDate().atTime(time).atZone(day.getZone()).toInstant();
  }

  /** The maintenance window as the team announced it, three days ahead. */
  MaintenanceWindow announced() {
    return new MaintenanceWindow(0, SERVICE, maintenance.start(), maintenance.end(),
        "Database upgrade (PostgreSQL minor version), checks paused", MaintenanceWindow.Source.API,
        maintenance.start().minus(Duration.ofDays(3)), ONCALL);
  }

  /** Writes the maintenance window (before the history's checks, which it silences). */
  void writeMaintenance(Store store) {
    store.addMaintenance(announced());
  }

  /** Writes the alert history and the incidents. */
  void write(Store store) {
    writeOutage(store);
    writeSlowShop(store);
  }

  private void writeOutage(Store store) {
    Instant t0 = courierDown.start();
    Alert burn = new Alert(condition(AlertKind.BURN_RATE, "assign-courier-availability", null,
        "Page: assign-courier-availability burns its error budget 1,900x as fast as allowed"),
        "Resolved: assign-courier-availability burns its error budget at 0.9x",
        t0.plusSeconds(60), t0.plusSeconds(180), courierDegraded.end().plus(Duration.ofMinutes(
            15)));
    Alert down = new Alert(condition(AlertKind.MONITOR_DOWN, null, "platform-deep",
        "Page: platform-deep is down"), "Resolved: platform-deep is OK", t0.plusSeconds(90),
        t0.plusSeconds(90), courierDown.end().plusSeconds(60));
    store.commitAlerts(List.of(), List.of(), concat(burn.history(), down.history()));
    long id = store.createIncident(SERVICE, CLIENT, burn.condition.title().replaceFirst(
        "^Page: ", ""), burn.firing, "alert", List.of("assign-courier-availability"),
        new Incident.Event(burn.firing, Incident.Kind.OPENED, "alert", burn.condition.title(),
            burn.instance()));
    store.addIncidentEvent(id, new Incident.Event(down.firing, Incident.Kind.ALERT, "alert",
        down.condition.title(), down.instance()), List.of());
    store.addIncidentEvent(id, new Incident.Event(t0.plus(Duration.ofMinutes(6)),
        Incident.Kind.UPDATE, ONCALL, "The courier partner's gateway refuses connections; "
            + "their status page confirms an outage. Assignments fail with 502.", null),
        List.of("platform-uptime", "order-to-tracking-journey"));
    store.addIncidentEvent(id, new Incident.Event(courierDown.end().plusSeconds(120),
        Incident.Kind.UPDATE, ONCALL, "The gateway answers again; a few assignments still "
            + "time out while it warms up.", null), List.of());
    store.resolveIncident(id, courierDegraded.end().plus(Duration.ofMinutes(20)), ONCALL,
        "The courier partner's API gateway failed over to a cold standby after a certificate "
            + "rotation: 8 minutes down, 17 minutes of timeouts. We now retry assignments "
            + "once with jitter and alert on the partner's status feed.");
  }

  private void writeSlowShop(Store store) {
    Instant t0 = slowShop.start();
    Alert burn = new Alert(condition(AlertKind.BURN_RATE, "fetch-orders-latency", null,
        "Page: fetch-orders-latency burns its error budget 480x as fast as allowed"),
        "Resolved: fetch-orders-latency burns its error budget at 0.7x",
        t0.plusSeconds(120), t0.plusSeconds(240), slowShop.end().plus(Duration.ofMinutes(10)));
    store.commitAlerts(List.of(), List.of(), burn.history());
    long id = store.createIncident(SERVICE, CLIENT, burn.condition.title().replaceFirst(
        "^Page: ", ""), burn.firing, "alert", List.of("fetch-orders-latency"),
        new Incident.Event(burn.firing, Incident.Kind.OPENED, "alert", burn.condition.title(),
            burn.instance()));
    store.addIncidentEvent(id, new Incident.Event(t0.plus(Duration.ofMinutes(7)),
        Incident.Kind.UPDATE, ONCALL, "The shop's order API answers in 2.5 to 3.5 s; our "
            + "side is healthy. Raised with the shop's support.", null), List.of());
    store.resolveIncident(id, slowShop.end().plus(Duration.ofMinutes(12)), ONCALL,
        "A deploy of the shop's order API added an unindexed filter; they rolled it back. "
            + "We now cache the newest orders for 30 s.");
  }

  /** One past alert: pending, firing, resolved. */
  private record Alert(Condition condition, String resolvedTitle, Instant pending,
      Instant firing, Instant resolved) {
    String instance() {
      return condition.fingerprint() + "@" + pending.toEpochMilli();
    }

    List<AlertEvent> history() {
      List<AlertEvent> out = new ArrayList<>();
      if (pending.isBefore(firing)) {
        out.add(event("pending", pending, false, condition.title()));
      }
      out.add(event("firing", firing, true, condition.title()));
      out.add(event("resolved", resolved, true, resolvedTitle));
      return out;
    }

    private AlertEvent event(String transition, Instant at, boolean notified, String title) {
      Condition c = condition;
      return new AlertEvent(0, instance(), c.fingerprint(), c.kind().id(), c.severity(),
          c.audience().name().toLowerCase(java.util.Locale.ROOT), c.service(), c.client(),
          c.subject(), null, transition, at, notified, false, title, ConditionJson.write(c),
          true);
    }
  }

  private static Condition condition(AlertKind kind, String slo, String monitor, String title) {
    String subject = slo != null ? slo : monitor;
    String fp = Condition.fingerprint(kind, subject, "page", null);
    String link = slo != null ? "/console/slos/" + slo : "/console/monitors/" + monitor;
    return new Condition(fp, kind, "page", SERVICE, CLIENT, slo, monitor, null, true,
        Duration.ZERO, title, "From the demo's generated history.", List.of(), link,
        Map.of("severity", "page", "service", SERVICE));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
