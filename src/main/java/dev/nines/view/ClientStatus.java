package dev.nines.view;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.ClientSpec;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A client's public status page: each component's state now and its last {@value #DAYS} days,
 * the overall state that names the affected components, open and recent incidents with their
 * public notes, and maintenance that is on or planned. No budget, burn rate or internal SLO.
 */
public record ClientStatus(ClientSpec client, ZoneId zone, Instant now, ComponentState overall,
    List<Component> components, List<PublicIncident> open, List<PublicIncident> history,
    List<Maintenance> maintenance) {
  /** Days of bars. */
  public static final int DAYS = 90;

  public ClientStatus {
    components = List.copyOf(components);
    open = List.copyOf(open);
    history = List.copyOf(history);
    maintenance = List.copyOf(maintenance);
  }

  /** The banner: all operational, or the worst state and the components in it. */
  public String banner() {
    if (overall == ComponentState.OPERATIONAL) {
      return "All systems operational";
    }
    List<String> names = components.stream().filter(c -> c.state() != ComponentState.OPERATIONAL)
        .map(c -> c.name()).toList();
    return overall.label() + ": " + String.join(", ", names);
  }

  /**
   * One component.
   *
   * @param days oldest first; each day's uptime of its least available monitor, or of its
   *     SLOs' good share when it has no monitor
   */
  public record Component(String name, String description, ComponentState state,
      List<Day> days, Double uptimeRatio) {
    public Component {
      days = List.copyOf(days);
    }
  }

  /**
   * One day of a component.
   *
   * @param uptime the day's uptime with bounds of its least available monitor, or null
   * @param counts the day's good and valid events of its SLOs when it has no monitor, or null
   * @param level {@code ok}, {@code minor}, {@code major} or {@code nodata}
   */
  public record Day(LocalDate date, UptimeSnapshot uptime, dev.nines.slo.Counts counts,
      String level) {}

  /** An incident as the public reads it: its client title, components and root-cause note. */
  public record PublicIncident(Incident incident, String title, List<String> components) {
    public PublicIncident {
      components = List.copyOf(components);
    }
  }

  /** A maintenance window with the components it takes down. */
  public record Maintenance(MaintenanceWindow window, List<String> components, boolean now) {
    public Maintenance {
      components = List.copyOf(components);
    }
  }
}
