package dev.nines.live;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.MaintenanceWindow;
import dev.nines.uptime.MonitorObservations;
import dev.nines.uptime.Observation;
import dev.nines.uptime.Uptime;
import dev.nines.uptime.UptimeInputs;
import dev.nines.uptime.UptimeQuery;
import dev.nines.uptime.UptimeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Uptime of a monitor or an uptime SLO from the stored observations: reads what
 * {@link Uptime#compute} needs from the store and the spec in force, and calls it. The live
 * SLI buckets, the monitor page and API and the observation export all go through here, so
 * they read the same observations the same way.
 */
public final class MonitorUptimes {
  private final Supplier<Spec> spec;
  private final Store store;
  private final Supplier<MaintenanceCalendar> calendar;
  private volatile ByName byName;

  /** Uptimes whose maintenance windows are the spec's own. */
  public MonitorUptimes(Supplier<Spec> spec, Store store) {
    this(spec, store, () -> MaintenanceCalendar.of(spec.get(), List.of()));
  }

  /** Uptimes with the maintenance windows of {@code calendar}: the spec's and those announced. */
  public MonitorUptimes(Supplier<Spec> spec, Store store, Supplier<MaintenanceCalendar> calendar) {
    this.spec = spec;
    this.store = store;
    this.calendar = calendar;
  }

  /** The monitor called {@code name} in the spec in force, or null. */
  public MonitorSpec monitor(String name) {
    Spec sp = spec.get();
    ByName index = byName;
    if (index == null || index.spec() != sp) {
      Map<String, MonitorSpec> map = new HashMap<>();
      sp.monitors().forEach(m -> map.putIfAbsent(m.name(), m));
      index = new ByName(sp, map);
      byName = index;
    }
    return index.monitors().get(name);
  }

  /** The monitors of one spec by name, rebuilt when the spec in force changes. */
  private record ByName(Spec spec, Map<String, MonitorSpec> monitors) {}

  /**
   * The instant up to which the checks of {@code monitors} are settled at {@code now}:
   * {@code now - }{@link UptimeInputs#settleLag(java.util.Collection)}. Every surface attributes
   * time up to it and no further, so they all give the same figures at the same moment.
   */
  public static Instant settledAt(List<MonitorSpec> monitors, Instant now) {
    return now.minus(UptimeInputs.settleLag(monitors));
  }

  /** One monitor over {@code [from, to)}, with the observations known up to {@code knownUntil}. */
  public UptimeReport monitor(MonitorSpec m, Instant from, Instant to, Instant knownUntil) {
    Spec sp = spec.get();
    return Uptime.compute(new UptimeQuery(List.of(observations(sp, m, from, knownUntil)),
        UptimeInputs.table(sp.service(m.service())), maintenance(m.service(), from, to), false, from,
        to, knownUntil));
  }

  /** An uptime SLO over its monitors (all must be OK), with its maintenance mode. */
  public UptimeReport slo(SloSpec slo, Instant from, Instant to, Instant knownUntil) {
    Spec sp = spec.get();
    List<MonitorObservations> monitors = new ArrayList<>();
    for (MonitorSpec m : UptimeInputs.monitorsOf(sp, slo)) {
      monitors.add(observations(sp, m, from, knownUntil));
    }
    return Uptime.compute(new UptimeQuery(monitors,
        UptimeInputs.table(sp.service(slo.service())), maintenance(slo.service(), from, to),
        slo.excludeMaintenance(), from, to, knownUntil));
  }

  /**
   * The maintenance windows of a service over {@code [from, to)}: the spec's (recurring ones
   * expanded) and those announced in the console or the API, so every surface sees a window
   * at once, for past time too.
   */
  List<MaintenanceWindow> maintenance(String service, Instant from, Instant to) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (dev.nines.maintenance.MaintenanceWindow w : calendar.get().between(service, from,
        to.isAfter(from) ? to : from.plusMillis(1))) {
      out.add(new MaintenanceWindow(w.start(), w.end(), w.reason()));
    }
    return out;
  }

  /** The stored observations of {@code m} in {@code [from, to)}, oldest first. */
  public List<StoredObservation> stored(MonitorSpec m, Instant from, Instant to) {
    return store.observations(m.name(), from, to);
  }

  private MonitorObservations observations(Spec sp, MonitorSpec m, Instant from,
      Instant knownUntil) {
    Duration lead = m.interval().multipliedBy(MonitorObservations.STALE_INTERVALS);
    Map<String, List<Observation>> byRegion = new HashMap<>();
    for (StoredObservation o : store.observations(m.name(), from.minus(lead),
        knownUntil.plusMillis(1))) {
      byRegion.computeIfAbsent(o.region(), r -> new ArrayList<>())
          .add(new Observation(o.at(), o.state()));
    }
    return UptimeInputs.monitor(sp, m, byRegion);
  }
}
