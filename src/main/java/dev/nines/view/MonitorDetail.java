package dev.nines.view;

import dev.nines.model.MonitorSpec;
import dev.nines.live.ProbeRecorder;
import dev.nines.store.StoredAttempt;
import dev.nines.uptime.RegionalIncident;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A monitor over {@code [from, to)}: each region's state timeline and uptime, the timeline a
 * quorum of regions decides with its uptime and bounds, the regional incidents it did not
 * count as downtime, and the newest attempts with their phase timings.
 *
 * @param quorum regions that must agree on ERROR
 */
public record MonitorDetail(MonitorSpec spec, Instant from, Instant to, List<Region> regions,
    int quorum, List<Segment> combined, UptimeSnapshot uptime, List<RegionalIncident> incidents,
    List<StoredAttempt> attempts) {
  public MonitorDetail {
    regions = List.copyOf(regions);
    combined = List.copyOf(combined);
    incidents = List.copyOf(incidents);
    attempts = List.copyOf(attempts);
  }

  /**
   * One region of the monitor.
   *
   * @param latest its latest state (a pending UNKNOWN included), or null before the first check
   */
  public record Region(String name, ProbeRecorder.Latest latest, List<Segment> segments,
      UptimeSnapshot uptime) {
    public Region {
      segments = List.copyOf(segments);
    }

    /**
     * The state now: the latest probe result, else the stored timeline's last state (UNKNOWN
     * when there is none).
     */
    public dev.nines.uptime.State now() {
      if (latest != null) {
        return latest.observation().state();
      }
      return segments.isEmpty() ? dev.nines.uptime.State.UNKNOWN
          : segments.get(segments.size() - 1).state();
    }
  }

  /** Whether anything was attributed at all (else the uptime figures mean "no data"). */
  public boolean hasData() {
    return uptime.observedMillis() > 0;
  }
}
