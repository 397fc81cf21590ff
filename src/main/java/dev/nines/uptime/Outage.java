package dev.nines.uptime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One outage of a monitor: a stretch of down time in its attributed timeline, read off the
 * report's spans (so its down time is part of the uptime figures, exactly). Neighbouring down
 * spans make one outage; up or unknown time between two ends it.
 *
 * @param start where the down time begins: the last check that was OK before it
 * @param end where it ends: the first OK check after it, or the end of the attributed time
 *     while it goes on
 * @param downMillis down time, {@code end - start}
 * @param uncertainMillis the part of it that may have been up: the intervals at its edges
 *     where the change happened somewhere between two checks
 * @param regions the regions that saw ERROR during it, sorted
 * @param ongoing it reaches the end of the attributed time and the monitor is still in ERROR
 */
public record Outage(Instant start, Instant end, long downMillis, long uncertainMillis,
    List<String> regions, boolean ongoing) {
  public Outage {
    regions = List.copyOf(regions);
  }

  /** The outages of {@code report}, oldest first. */
  public static List<Outage> of(UptimeReport report) {
    List<Outage> out = new ArrayList<>();
    List<UptimeReport.Span> spans = report.spans();
    int i = 0;
    while (i < spans.size()) {
      if (spans.get(i).attribution() != Attribution.DOWN) {
        i++;
        continue;
      }
      Instant start = spans.get(i).start();
      Instant end = start;
      long uncertain = 0;
      while (i < spans.size() && spans.get(i).attribution() == Attribution.DOWN
          && !spans.get(i).start().isAfter(end)) {
        UptimeReport.Span s = spans.get(i++);
        end = s.end();
        uncertain += s.certain() ? 0 : s.millis();
      }
      UptimeReport.StateRun now = report.current();
      boolean ongoing = end.equals(report.attributedUntil()) && now != null
          && now.state() == State.ERROR;
      out.add(new Outage(start, end, end.toEpochMilli() - start.toEpochMilli(), uncertain,
          regionsInError(report, start, end), ongoing));
    }
    return out;
  }

  private static List<String> regionsInError(UptimeReport report, Instant start, Instant end) {
    TreeSet<String> names = new TreeSet<>();
    for (UptimeReport.Region r : report.regions()) {
      for (UptimeReport.StateRun run : r.states()) {
        if (run.state() == State.ERROR && run.start().isBefore(end) && run.end().isAfter(start)) {
          names.add(r.region());
        }
      }
    }
    return List.copyOf(names);
  }
}
