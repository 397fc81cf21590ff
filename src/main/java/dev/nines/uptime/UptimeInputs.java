package dev.nines.uptime;

import dev.nines.model.MaintenanceSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Uptime#compute} needs, read from the spec the same way for every caller: a
 * monitor's regions, quorum and interval, its service's attribution table and maintenance,
 * an SLO's monitors, and how long after now a check is settled.
 */
public final class UptimeInputs {
  /** Added to every settle lag: time for a result to travel from probe or agent to the store. */
  public static final Duration DELIVERY = Duration.ofSeconds(5);

  private UptimeInputs() {}

  /** The service's rule table: the defaults with its {@code attribution} overrides. */
  public static AttributionTable table(ServiceSpec service) {
    return AttributionTable.parse(service == null ? Map.of() : service.attribution());
  }

  /** The spec's maintenance windows of {@code service}. */
  public static List<MaintenanceWindow> maintenance(Spec spec, String service) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (MaintenanceSpec m : spec.maintenance()) {
      if (m.service().equals(service)) {
        out.add(new MaintenanceWindow(m.start(), m.end(), m.reason()));
      }
    }
    return out;
  }

  /**
   * How long a monitor's checks take to settle: the longest check with all its retries,
   * {@code timeout + retries x (retryInterval + timeout)}, plus {@link #DELIVERY}. Until then
   * a failed check may still be backdated as ERROR, so time is attributed only up to
   * {@code now - settleLag}. An external monitor has no retries: {@link #DELIVERY} only.
   */
  public static Duration settleLag(MonitorSpec m) {
    if (!m.kind().probed()) {
      return DELIVERY;
    }
    return m.timeout().plus(m.retryInterval().plus(m.timeout()).multipliedBy(m.retries()))
        .plus(DELIVERY);
  }

  /** The longest settle lag of {@code monitors} ({@link #DELIVERY} for none). */
  public static Duration settleLag(Collection<MonitorSpec> monitors) {
    Duration longest = DELIVERY;
    for (MonitorSpec m : monitors) {
      Duration d = settleLag(m);
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    return longest;
  }

  /**
   * A monitor with the observations of each of its regions (regions outside the spec's list
   * for it are ignored; a region missing from {@code observed} is silent).
   */
  public static MonitorObservations monitor(Spec spec, MonitorSpec m,
      Map<String, List<Observation>> observed) {
    Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
    for (String region : spec.regionsOf(m)) {
      byRegion.put(region, observed.getOrDefault(region, List.of()));
    }
    return MonitorObservations.of(m.name(), byRegion, m.interval(), spec.quorumOf(m));
  }

  /** The monitors an SLO reads, in its order; empty when it is not measured by monitors. */
  public static List<MonitorSpec> monitorsOf(Spec spec, SloSpec slo) {
    List<MonitorSpec> out = new ArrayList<>();
    if (slo.sli().source() instanceof SliSource.Monitors src) {
      for (String name : src.names()) {
        spec.monitors().stream().filter(m -> m.name().equals(name)).findFirst()
            .ifPresent(out::add);
      }
    }
    return out;
  }
}
