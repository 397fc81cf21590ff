package dev.nines.view;

import dev.nines.live.ProbeRecorder;
import dev.nines.model.MonitorSpec;
import dev.nines.store.StoredAttempt;
import dev.nines.uptime.Outage;
import dev.nines.uptime.UptimeReport;
import java.time.Instant;
import java.util.List;

/**
 * A monitor over {@code [from, to)} as the monitor page and API show it: the report of
 * {@link dev.nines.uptime.Uptime} (the attributed timeline, uptime with bounds, state runs,
 * regional incidents), its outages, each region with its live state, why there is no uptime
 * when there is none, and one page of the attempts (newest first) with their phase timings.
 *
 * @param to the end of the window: the instant checks are settled up to (a little before now)
 * @param quorum regions that must agree on ERROR
 * @param noData why there is no point value, or null when there is one
 * @param attemptPage one page of the attempts from {@code from} on, newest first
 */
public record MonitorDetail(MonitorSpec spec, Instant from, Instant to, int quorum,
    UptimeReport report, List<Region> regions, String noData, Page<StoredAttempt> attemptPage) {
  public MonitorDetail {
    regions = List.copyOf(regions);
  }

  /** The attempts of this page, newest first. */
  public List<StoredAttempt> attempts() {
    return attemptPage.items();
  }

  /** The outages in the range, oldest first, from the same report as the uptime. */
  public List<Outage> outages() {
    return Outage.of(report);
  }

  /**
   * One region of the monitor.
   *
   * @param latest its latest state (a pending UNKNOWN included), or null before its first check
   */
  public record Region(String name, UptimeReport.Region report, ProbeRecorder.Latest latest) {}

  /** Whether there is a point value (else the page says "no data" and why). */
  public boolean hasData() {
    return report.uptime().hasUptime();
  }
}
