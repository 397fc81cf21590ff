package dev.nines.report;

import dev.nines.format.Fmt;
import dev.nines.view.IncidentImpact;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-language summary at the top of a monthly report: how many objectives were met,
 * which were missed, by how much, and after which incident; then incidents and maintenance in
 * a sentence each.
 */
final class ReportSummary {
  private ReportSummary() {}

  static String of(MonthlyReport r) {
    List<String> parts = new ArrayList<>();
    int n = r.slos().size();
    String month = Fmt.month(r.month());
    if (n == 0) {
      return "No service level objective is shared with " + r.client().title() + " yet.";
    }
    long met = r.met();
    parts.add((met == n ? (n == 1 ? "The objective was" : "All " + n + " objectives were")
        : met + " of " + n + " objectives were") + " met in " + month
        + (r.complete() ? "" : " so far") + ".");
    for (MonthlyReport.Slo s : r.slos()) {
      if (s.figures().met()) {
        continue;
      }
      double short_ = s.spec().target().ratio() - s.figures().counts().ratio();
      String after = worstIncident(r, s.spec().name());
      parts.add(s.spec().title() + " missed its target by " + Fmt.points(short_) + " ("
          + Fmt.achieved(s.figures().counts()) + " against " + Fmt.target(s.spec().target())
          + ")" + (after == null ? "" : " after the " + after + " incident") + ".");
    }
    List<String> silent = r.slos().stream().filter(s -> s.figures().noData())
        .map(s -> s.spec().title()).toList();
    if (!silent.isEmpty()) {
      parts.add(String.join(", ", silent) + (silent.size() == 1 ? " had" : " had") + " no data.");
    }
    if (r.incidents().isEmpty()) {
      parts.add("There was no incident.");
    } else {
      java.time.Duration total = r.incidents().stream().map(MonthlyReport.IncidentEntry::duration)
          .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
      parts.add(r.incidents().size() + (r.incidents().size() == 1 ? " incident" : " incidents")
          + " lasted " + Fmt.dur(total) + " in all.");
    }
    if (!r.maintenance().isEmpty()) {
      parts.add(r.maintenance().size() + " planned maintenance "
          + (r.maintenance().size() == 1 ? "window" : "windows") + " took "
          + Fmt.dur(r.maintenanceTotal()) + ".");
    }
    return String.join(" ", parts);
  }

  /** The date of the incident that cost SLO {@code slo} most this month, or null. */
  private static String worstIncident(MonthlyReport r, String slo) {
    MonthlyReport.IncidentEntry worst = null;
    long worstBad = 0;
    for (MonthlyReport.IncidentEntry e : r.incidents()) {
      for (IncidentImpact.Slo s : e.impact().slos()) {
        if (s.slo().name().equals(slo) && s.bad() > worstBad) {
          worst = e;
          worstBad = s.bad();
        }
      }
    }
    return worst == null ? null
        : Fmt.dayMonth(worst.incident().openedAt().atZone(r.zone()).toLocalDate());
  }
}
