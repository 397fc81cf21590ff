package dev.nines.report;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.ClientSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.AllowedDowntime;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.store.Store;
import dev.nines.uptime.AttributionTable;
import dev.nines.view.ClientCompliance;
import dev.nines.view.ClientCompliances;
import dev.nines.view.ClientIncidents;
import dev.nines.view.IncidentImpact;
import dev.nines.view.MonitorDetails;
import dev.nines.view.UptimeDays;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link MonthlyReport}s from the store: the month's SLO figures from
 * {@link ClientCompliances#month}, uptime from {@link UptimeDays}, incident impact from
 * {@link IncidentImpact}, maintenance from the {@link MaintenanceCalendar}: the same read
 * models every screen uses, so no figure of a report differs from the portal's or the API's.
 */
public final class MonthlyReports {
  private final Spec spec;
  private final Store store;
  private final MaintenanceCalendar maintenance;
  private final ClientCompliances compliance;
  private final UptimeDays uptime;

  public MonthlyReports(Spec spec, Store store, MaintenanceCalendar maintenance) {
    this.spec = spec;
    this.store = store;
    this.maintenance = maintenance;
    this.compliance = new ClientCompliances(() -> spec, null, store);
    this.uptime = new UptimeDays(store, new MonitorDetails(() -> spec, null, store));
  }

  /**
   * The report of {@code client} for {@code month} of its zone, as of {@code now} (a month
   * not over yet is reported up to now and marked incomplete).
   *
   * @throws IllegalArgumentException naming an unknown client or a month that has not begun
   */
  public MonthlyReport build(String client, YearMonth month, Instant now) {
    ClientSpec c = spec.client(client);
    if (c == null) {
      throw new IllegalArgumentException("client: unknown client '" + client + "'. Expected "
          + "one of " + spec.clients().stream().map(ClientSpec::name).toList());
    }
    ZoneId zone = spec.zoneOf(c);
    WindowPeriod period = ClientCompliances.monthPeriod(month, zone);
    if (!period.start().isBefore(now)) {
      throw new IllegalArgumentException("month: " + month + " has not begun in " + zone
          + ". Expected a month up to the current one");
    }
    Instant asOf = period.end().isAfter(now) ? now : period.end();
    ClientCompliance current = compliance.month(client, month, now);
    ClientCompliance previous = compliance.month(client, month.minusMonths(1), now);
    List<WindowPeriod> days = days(month, zone);
    List<MonthlyReport.Slo> slos = new ArrayList<>();
    for (ClientCompliance.Slo s : current.slos()) {
      ClientCompliance.Slo before = previous.slo(s.spec().name());
      slos.add(new MonthlyReport.Slo(s.spec(), figures(s.spec(), s.month(), period),
          figures(s.spec(), before.month(), previous.period()), s.days(), burnDown(s),
          monitors(s.spec(), days, asOf)));
    }
    List<MonthlyReport.IncidentEntry> incidents = incidents(client, period, asOf);
    List<MonthlyReport.MaintenanceEntry> windows = maintenance(client, period);
    MonthlyReport draft = new MonthlyReport(c, month, zone, period, now,
        !period.end().isAfter(now), "", slos, incidents, windows, "");
    return new MonthlyReport(c, month, zone, period, now, draft.complete(),
        ReportSummary.of(draft), slos, incidents, windows, ReportFigures.hash(draft));
  }

  static List<WindowPeriod> days(YearMonth month, ZoneId zone) {
    List<WindowPeriod> out = new ArrayList<>();
    for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      out.add(new WindowPeriod(d.atStartOfDay(zone).toInstant(),
          d.plusDays(1).atStartOfDay(zone).toInstant()));
    }
    return out;
  }

  /** The month's figures of an SLO: its budget, and for time SLIs the month's allowance. */
  static MonthlyReport.Figures figures(SloSpec slo, Counts counts, WindowPeriod period) {
    boolean time = MonthlyReport.time(slo);
    return new MonthlyReport.Figures(counts, ErrorBudget.of(counts, slo.target()), time,
        time ? AllowedDowntime.ofPeriod(slo.target(), "month", period).allowedSeconds() : null);
  }

  /** Budget left at each day's end against the whole month's allowance. */
  private static List<Double> burnDown(ClientCompliance.Slo s) {
    double allowed = s.monthBudget().allowedBad();
    List<Double> out = new ArrayList<>();
    long bad = 0;
    for (ClientCompliance.Day d : s.days()) {
      bad += d.counts().bad();
      out.add(allowed > 0 ? 1 - bad / allowed : 1.0);
    }
    return out;
  }

  private List<MonthlyReport.MonitorUptime> monitors(SloSpec slo, List<WindowPeriod> days,
      Instant asOf) {
    List<MonthlyReport.MonitorUptime> out = new ArrayList<>();
    if (!(slo.sli().source() instanceof SliSource.Monitors src)) {
      return out;
    }
    ServiceSpec service = spec.service(slo.service());
    AttributionTable rules = AttributionTable.parse(service == null ? Map.of()
        : service.attribution());
    for (String name : src.names()) {
      MonitorSpec m = spec.monitors().stream().filter(x -> x.name().equals(name)).findFirst()
          .orElse(null);
      if (m != null) {
        out.add(new MonthlyReport.MonitorUptime(m, uptime.over(name, days, asOf), m.interval(),
            spec.regionsOf(m), spec.quorumOf(m), rules));
      }
    }
    return out;
  }

  private List<MonthlyReport.IncidentEntry> incidents(String client, WindowPeriod period,
      Instant asOf) {
    List<MonthlyReport.IncidentEntry> out = new ArrayList<>();
    List<Incident> list = new ArrayList<>(ClientIncidents.between(store, client, period.start(),
        period.end()));
    list.removeIf(i -> !i.openedAt().isBefore(asOf));
    list.sort(Comparator.comparing(Incident::openedAt).thenComparing(Incident::id));
    for (Incident i : list) {
      out.add(new MonthlyReport.IncidentEntry(i, ClientIncidents.title(i, spec),
          ClientIncidents.duration(i, asOf), IncidentImpact.of(i, spec, store, asOf)));
    }
    return out;
  }

  private List<MonthlyReport.MaintenanceEntry> maintenance(String client, WindowPeriod period) {
    List<MonthlyReport.MaintenanceEntry> out = new ArrayList<>();
    List<SloSpec> clientSlos = ClientCompliance.slosOf(spec, client);
    for (MaintenanceWindow w : maintenance.between(period.start(), period.end())) {
      ServiceSpec s = spec.service(w.service());
      if (s == null || !client.equals(s.client())) {
        continue;
      }
      List<String> excluded = clientSlos.stream().filter(x -> x.service().equals(w.service()))
          .filter(SloSpec::excludeMaintenance).map(SloSpec::title).toList();
      out.add(new MonthlyReport.MaintenanceEntry(w, w.within(period.start(), period.end()),
          excluded));
    }
    return out;
  }

}
