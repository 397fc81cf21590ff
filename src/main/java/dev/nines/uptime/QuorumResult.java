package dev.nines.uptime;

import java.util.List;

/**
 * The service timeline that a quorum of regions decided, as the first and last point of each
 * run of one state (ready for {@link UptimeCalculator}), and the regional incidents that it did
 * not count as downtime.
 */
public record QuorumResult(List<Observation> timeline, List<RegionalIncident> regionalIncidents) {
  public QuorumResult {
    timeline = List.copyOf(timeline);
    regionalIncidents = List.copyOf(regionalIncidents);
  }
}
