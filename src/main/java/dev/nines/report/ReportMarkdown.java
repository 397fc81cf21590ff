package dev.nines.report;

import dev.nines.format.Fmt;
import dev.nines.view.ClientCompliance;

/** A monthly report as Markdown (GitHub flavour), from the same data and words as the HTML. */
final class ReportMarkdown {
  private ReportMarkdown() {}

  static String of(MonthlyReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(r.client().title()).append(" · ").append(Fmt.month(r.month()))
        .append("\n\n*Monthly service level report* · ").append(ReportText.period(r)).append(" · ")
        .append(ReportText.length(r)).append(" · generated ")
        .append(Fmt.when(r.generatedAt(), r.zone()))
        .append(r.complete() ? "" : " · **preliminary: the month is not over**").append("\n\n> ")
        .append(r.summary()).append("\n\n## Summary\n\n")
        .append("| Objective | Target | Achieved | Result | Budget used | Bad / allowed | Previous month | Change |\n")
        .append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
    for (MonthlyReport.Slo s : r.slos()) {
      b.append("| ").append(cell(s.spec().title())).append(" | ")
          .append(Fmt.target(s.spec().target())).append(" | ")
          .append(ReportText.achieved(s.figures())).append(" | ")
          .append(ReportText.result(s.figures())).append(" | ")
          .append(ReportText.budgetUsedPct(s.figures())).append(" | ")
          .append(ReportText.badAgainstAllowed(s.figures())).append(" | ")
          .append(ReportText.previous(s)).append(" | ").append(ReportText.change(s))
          .append(" |\n");
    }
    b.append("\n## Objectives\n");
    for (MonthlyReport.Slo s : r.slos()) {
      slo(b, s);
    }
    incidents(b, r);
    maintenance(b, r);
    about(b);
    b.append("\n---\n\nFigures SHA-256: `").append(r.figuresHash()).append("`\n");
    return b.toString();
  }

  private static void slo(StringBuilder b, MonthlyReport.Slo s) {
    b.append("\n### ").append(s.spec().title()).append("\n\n");
    if (s.spec().description() != null) {
      b.append(s.spec().description()).append(' ');
    }
    b.append(ReportText.measures(s.spec())).append(" Target ")
        .append(Fmt.target(s.spec().target())).append(".\n\n- Achieved: **")
        .append(ReportText.achieved(s.figures())).append("** (")
        .append(ReportText.result(s.figures())).append(")\n- Budget used: ")
        .append(ReportText.budgetUsed(s.figures())).append("\n- ")
        .append(ReportText.badUnit(s.figures())).append(": ")
        .append(ReportText.badAgainstAllowed(s.figures())).append("\n");
    for (MonthlyReport.MonitorUptime m : s.uptime()) {
      b.append("- Monitor `").append(m.monitor().name()).append("`: uptime ")
          .append(ReportText.uptime(m.uptime())).append("; ").append(ReportText.accounting(m))
          .append("; unknown time: ").append(ReportText.unknown(m.uptime())).append(". ")
          .append(ReportText.rulesNote(m.rules())).append("\n");
    }
    b.append("\n| Day | SLI | Budget left |\n| --- | ---: | ---: |\n");
    for (int i = 0; i < s.days().size(); i++) {
      ClientCompliance.Day d = s.days().get(i);
      b.append("| ").append(d.date()).append(" | ")
          .append(d.counts().valid() == 0 ? "no data" : Fmt.sli(d.counts().ratio())).append(" | ")
          .append(Fmt.budget(s.burnDown().get(i))).append(" |\n");
    }
  }

  private static void incidents(StringBuilder b, MonthlyReport r) {
    b.append("\n## Incidents\n\n");
    if (r.incidents().isEmpty()) {
      b.append("No incident affected these objectives in ").append(Fmt.month(r.month()))
          .append(".\n");
      return;
    }
    for (MonthlyReport.IncidentEntry e : r.incidents()) {
      b.append("- **").append(e.title()).append("**, ")
          .append(ReportText.span(e.incident(), r.zone())).append(" (")
          .append(Fmt.dur(e.duration())).append(")\n");
      for (String line : ReportText.impact(e.impact())) {
        b.append("  - ").append(line).append("\n");
      }
      b.append("  - Root cause: ").append(e.incident().rootCause() == null ? "not written yet."
          : e.incident().rootCause()).append("\n");
    }
  }

  private static void maintenance(StringBuilder b, MonthlyReport r) {
    b.append("\n## Planned maintenance\n\n");
    if (r.maintenance().isEmpty()) {
      b.append("No planned maintenance in ").append(Fmt.month(r.month())).append(".\n");
      return;
    }
    for (MonthlyReport.MaintenanceEntry m : r.maintenance()) {
      b.append("- ").append(m.window().service()).append(": ")
          .append(ReportText.span(m.window().start(), m.window().end(), r.zone())).append(", ")
          .append(Fmt.dur(m.inMonth())).append(" in the month")
          .append(m.window().reason() == null ? "" : " (" + m.window().reason() + ")")
          .append(m.excludedFrom().isEmpty() ? "" : "; excluded from "
              + String.join(", ", m.excludedFrom())).append("\n");
    }
    b.append("\nMaintenance in all: ").append(Fmt.dur(r.maintenanceTotal())).append(".\n");
  }

  private static void about(StringBuilder b) {
    b.append("\n## About these figures\n\nEvery figure comes from the same per-minute "
        + "measurements as the portal and the API. Uptime is reported with bounds because checks "
        + "sample: each interval between two checks counts by the states at its two ends, "
        + "following the rule table below unless an objective above names other rules. The "
        + "lower bound counts every interval that touches UNKNOWN, or whose two checks disagree, "
        + "as down; the upper bound counts them as up.\n\n| from \\\\ to |");
    for (var to : ReportText.states()) {
      b.append(' ').append(to.name()).append(" |");
    }
    b.append("\n| --- | --- | --- | --- |\n");
    for (var from : ReportText.states()) {
      b.append("| ").append(from.name()).append(" |");
      for (var to : ReportText.states()) {
        b.append(' ').append(ReportText.rule(ReportText.defaults(), from, to)).append(" |");
      }
      b.append('\n');
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }
}
