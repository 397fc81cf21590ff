package dev.nines.web.console;

import dev.nines.live.AlertLoop;
import dev.nines.live.Incidents;
import dev.nines.live.MaintenanceBook;
import java.util.Objects;

/** What the team's operation pages and API act on: alerts, incidents and maintenance. */
public record Operations(AlertLoop alerts, Incidents incidents, MaintenanceBook maintenance) {
  public Operations {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(incidents, "incidents");
    Objects.requireNonNull(maintenance, "maintenance");
  }
}
