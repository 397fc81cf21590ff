package dev.nines.view;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.ClientSpec;
import dev.nines.model.ComponentSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.Counts;
import dev.nines.store.Store;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds a {@link ClientStatus}: component states from {@link MonitorDetails#stateNow} and the
 * alerts {@link ClientCompliances} reports, 90 days of bars from {@link UptimeDays} (or the
 * SLOs' days), incidents from {@link ClientIncidents}, maintenance from the calendar.
 */
public final class ClientStatuses {
  /** How far ahead planned maintenance is shown. */
  public static final Duration AHEAD = Duration.ofDays(30);

  private final Supplier<Spec> spec;
  private final Store store;
  private final MonitorDetails monitors;
  private final ClientCompliances compliance;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final UptimeDays days;

  public ClientStatuses(Supplier<Spec> spec, Store store, MonitorDetails monitors,
      ClientCompliances compliance, Supplier<MaintenanceCalendar> maintenance) {
    this.spec = spec;
    this.store = store;
    this.monitors = monitors;
    this.compliance = compliance;
    this.maintenance = maintenance;
    this.days = new UptimeDays(store, monitors);
  }

  /** What a component covers: its monitors, SLOs and the services they belong to. */
  record Coverage(ComponentSpec spec, List<String> monitors, List<SloSpec> slos,
      Set<String> services) {}

  /** The components of {@code client}: its own, or one per service. */
  static List<Coverage> components(Spec sp, ClientSpec client) {
    List<ComponentSpec> declared = client.components();
    if (declared.isEmpty()) {
      declared = sp.services().stream().filter(s -> client.name().equals(s.client()))
          .map(s -> new ComponentSpec(title(s.name()), s.description(), List.of(s.name()),
              List.of(), List.of())).toList();
    }
    List<SloSpec> clientSlos = ClientCompliance.slosOf(sp, client.name());
    List<Coverage> out = new ArrayList<>();
    for (ComponentSpec c : declared) {
      Set<String> services = new LinkedHashSet<>(c.services());
      Set<String> mons = new LinkedHashSet<>(c.monitors());
      for (MonitorSpec m : sp.monitors()) {
        if (c.services().contains(m.service())) {
          mons.add(m.name());
        }
      }
      List<SloSpec> slos = clientSlos.stream().filter(s -> c.services().contains(s.service())
          || c.slos().contains(s.name())).toList();
      sp.monitors().stream().filter(m -> mons.contains(m.name()))
          .forEach(m -> services.add(m.service()));
      slos.forEach(s -> services.add(s.service()));
      out.add(new Coverage(c, List.copyOf(mons), slos, services));
    }
    return out;
  }

  private static String title(String name) {
    String s = name.replace('-', ' ');
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** The status page of {@code client} at {@code now}; null for an unknown client. */
  public ClientStatus of(String name, Instant now) {
    Spec sp = spec.get();
    ClientSpec client = sp.client(name);
    if (client == null) {
      return null;
    }
    ZoneId zone = sp.zoneOf(client);
    ClientCompliance cc = compliance.of(name, now);
    MaintenanceCalendar cal = maintenance.get();
    List<WindowPeriod> periods = periods(now, zone);
    List<Coverage> covered = components(sp, client);
    List<ClientStatus.Component> components = new ArrayList<>();
    ComponentState overall = ComponentState.OPERATIONAL;
    for (Coverage c : covered) {
      List<State> states = c.monitors().stream().map(m -> monitors.stateNow(m, now)).toList();
      Severity alert = null;
      for (SloSpec s : c.slos()) {
        ClientCompliance.Slo x = cc.slo(s.name());
        if (x != null && x.alert() != null && (alert == null || x.alert() == Severity.PAGE)) {
          alert = x.alert();
        }
      }
      boolean inMaintenance = c.services().stream().anyMatch(s -> cal.at(s, now) != null);
      ComponentState state = ComponentState.of(states, alert, inMaintenance);
      overall = overall.worse(state);
      List<ClientStatus.Day> bars = bars(c, cc, periods, now, zone);
      components.add(new ClientStatus.Component(c.spec().name(), c.spec().description(), state,
          bars, UptimeDays.sum(bars.stream().map(ClientStatus.Day::uptime).toList())
              .uptimeRatio()));
    }
    List<ClientStatus.PublicIncident> open = new ArrayList<>();
    List<ClientStatus.PublicIncident> history = new ArrayList<>();
    for (Incident i : ClientIncidents.between(store, name, now.minus(Duration.ofDays(
        ClientStatus.DAYS)), now)) {
      ClientStatus.PublicIncident p = new ClientStatus.PublicIncident(i,
          ClientIncidents.title(i, sp), affected(covered, i));
      (i.open() ? open : history).add(p);
    }
    List<ClientStatus.Maintenance> windows = new ArrayList<>();
    for (MaintenanceWindow w : cal.between(now, now.plus(AHEAD))) {
      ServiceSpec s = sp.service(w.service());
      if (s != null && name.equals(s.client())) {
        windows.add(new ClientStatus.Maintenance(w, covered.stream()
            .filter(c -> c.services().contains(w.service())).map(c -> c.spec().name()).toList(),
            w.covers(now)));
      }
    }
    return new ClientStatus(client, zone, now, overall, components, open, history, windows);
  }

  static List<String> affected(List<Coverage> covered, Incident i) {
    return covered.stream().filter(c -> c.services().contains(i.service())
        && (i.slos().isEmpty() || c.slos().isEmpty() || c.slos().stream()
            .anyMatch(s -> i.slos().contains(s.name())) || !c.monitors().isEmpty()))
        .map(c -> c.spec().name()).toList();
  }

  private static List<WindowPeriod> periods(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    List<WindowPeriod> out = new ArrayList<>();
    for (LocalDate d = today.minusDays(ClientStatus.DAYS - 1); !d.isAfter(today);
        d = d.plusDays(1)) {
      out.add(new WindowPeriod(d.atStartOfDay(zone).toInstant(),
          d.plusDays(1).atStartOfDay(zone).toInstant()));
    }
    return out;
  }

  private List<ClientStatus.Day> bars(Coverage c, ClientCompliance cc, List<WindowPeriod> periods,
      Instant now, ZoneId zone) {
    double threshold = c.slos().stream().filter(s -> s.sli().kind() == SliKind.UPTIME)
        .mapToDouble(s -> s.target().ratio()).min().orElse(0.999);
    List<ClientStatus.Day> out = new ArrayList<>();
    if (c.monitors().isEmpty()) {
      List<ClientCompliance.Day> sloDays = new ArrayList<>();
      for (int d = 0; d < periods.size(); d++) {
        long good = 0;
        long valid = 0;
        boolean missed = false;
        for (SloSpec s : c.slos()) {
          ClientCompliance.Day day = cc.slo(s.name()).days().get(d);
          good += day.counts().good();
          valid += day.counts().valid();
          missed |= Boolean.FALSE.equals(day.met());
        }
        Counts counts = new Counts(good, valid);
        LocalDate date = periods.get(d).start().atZone(zone).toLocalDate();
        out.add(new ClientStatus.Day(date, null, counts, valid == 0 ? "nodata"
            : !missed ? "ok" : counts.ratio() < 0.99 ? "major" : "minor"));
      }
      return out;
    }
    List<List<UptimeSnapshot>> all = new ArrayList<>();
    for (String m : c.monitors()) {
      all.add(days.days(m, periods, now));
    }
    for (int d = 0; d < periods.size(); d++) {
      UptimeSnapshot worst = null;
      for (List<UptimeSnapshot> list : all) {
        UptimeSnapshot u = list.get(d);
        if (u != null && u.hasUptime() && (worst == null
            || u.uptimeRatio() < worst.uptimeRatio())) {
          worst = u;
        }
      }
      LocalDate date = periods.get(d).start().atZone(zone).toLocalDate();
      out.add(new ClientStatus.Day(date, worst, null, worst == null ? "nodata"
          : worst.uptimeRatio() >= threshold ? "ok" : worst.uptimeRatio() >= 0.99 ? "minor"
          : "major"));
    }
    return out;
  }
}
