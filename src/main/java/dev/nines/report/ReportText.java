package dev.nines.report;

import dev.nines.format.Fmt;
import dev.nines.incident.Incident;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeSnapshot;
import dev.nines.view.IncidentImpact;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The words and figures of a monthly report as text, shared by the HTML (and so the PDF) and
 * the Markdown forms, so the three print the same strings. Formatting itself is {@link Fmt}'s.
 */
public final class ReportText {
  private static final java.time.format.DateTimeFormatter HOUR_MINUTE =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private ReportText() {}

  /** {@code 1–31 October 2026}. */
  public static String period(MonthlyReport r) {
    LocalDate first = r.month().atDay(1);
    return "1–" + r.month().lengthOfMonth() + " " + Fmt.month(r.month());
  }

  /** {@code Europe/Berlin · 31 days · 745 hours}. */
  public static String length(MonthlyReport r) {
    return r.zone().getId() + " · " + r.days() + " days · " + r.hours() + " hours";
  }

  /** {@code met} or {@code missed}, or {@code no data}. */
  public static String result(MonthlyReport.Figures f) {
    return f.noData() ? "no data" : f.met() ? "met" : "missed";
  }

  /** The CSS class of a result. */
  public static String resultClass(MonthlyReport.Figures f) {
    return f.noData() ? "nodata" : f.met() ? "ok" : "bad";
  }

  /** The month's SLI, or {@code no data}. */
  public static String achieved(MonthlyReport.Figures f) {
    return f.noData() ? "no data" : Fmt.sli(f.counts().ratio());
  }

  /** The share of the month's budget used: {@code 38.0 %}, {@code 3.1× the allowance}. */
  public static String budgetUsed(MonthlyReport.Figures f) {
    return f.noData() ? "–" : Fmt.budgetUsed(f.budget().consumedRatio());
  }

  /** The share of the month's budget used as a percentage for tables: {@code 134.2 %}. */
  public static String budgetUsedPct(MonthlyReport.Figures f) {
    return f.noData() ? "–" : Fmt.pct(f.budget().consumedRatio(), 1);
  }

  /**
   * Bad events or bad time against what the target allows: {@code 12 of 617 events},
   * {@code 12m 30s of 22m 19s}.
   */
  public static String badAgainstAllowed(MonthlyReport.Figures f) {
    if (f.time()) {
      return Fmt.millis(f.counts().bad()) + " of " + Fmt.seconds(f.allowedSeconds());
    }
    return Fmt.count(f.counts().bad()) + " of " + Fmt.count((long) Math.floor(
        f.budget().allowedBad())) + " events";
  }

  /** What "bad" means for the SLO: {@code bad time} or {@code bad events}. */
  public static String badUnit(MonthlyReport.Figures f) {
    return f.time() ? "down time" : "bad events";
  }

  /** The previous month's SLI: {@code 99.961 %}, or {@code no data}. */
  public static String previous(MonthlyReport.Slo s) {
    return achieved(s.previous());
  }

  /** The change from the previous month in points: {@code −0.014 pts}, or a dash. */
  public static String change(MonthlyReport.Slo s) {
    if (s.previous().noData() || s.figures().noData()) {
      return "–";
    }
    return Fmt.pointsChange(s.figures().counts().ratio() - s.previous().counts().ratio());
  }

  /** What the SLI counts, in a sentence. */
  public static String measures(SloSpec s) {
    String where = s.endpoint() == null ? "the " + s.service() + " service"
        : s.endpoint();
    return switch (s.sli().kind()) {
      case AVAILABILITY -> "Requests to " + where + " that did not fail with a server error.";
      case LATENCY -> "Requests to " + where + " answered within "
          + Fmt.dur(s.sli().threshold()) + ".";
      case ERROR_RATIO -> "Requests to " + where + " that succeeded (2xx or 3xx).";
      case FRESHNESS -> "Updates of " + where + " processed within "
          + Fmt.dur(s.sli().threshold()) + " of the event.";
      case UPTIME -> "Time " + where + " was up, from checks by several regions.";
      case JOURNEY -> "Complete runs of the user journey that passed every step in time.";
    };
  }

  /** The uptime with its bounds: {@code 99.982 % (between 99.970 % and 99.991 %)}. */
  public static String uptime(UptimeSnapshot u) {
    if (u.totalMillis() == 0) {
      return "no checks recorded in the month";
    }
    if (!u.hasUptime()) {
      return "no data (every check was UNKNOWN: nothing was up or down)";
    }
    if (java.util.Objects.equals(u.lowerRatio(), u.upperRatio())) {
      return Fmt.sli(u.uptimeRatio()) + " (no interval was uncertain, so both bounds equal it)";
    }
    return Fmt.sli(u.uptimeRatio()) + " (between " + Fmt.sli(u.lowerRatio()) + " and "
        + Fmt.sli(u.upperRatio()) + ")";
  }

  /** Time neither up nor down: {@code 3m 10s}, or {@code none}. */
  public static String unknown(UptimeSnapshot u) {
    return u.unknownMillis() == 0 ? "none" : Fmt.millis(u.unknownMillis());
  }

  /** The accounting rules of one monitor in a line. */
  public static String accounting(MonthlyReport.MonitorUptime m) {
    return Fmt.every(m.interval()) + " from " + m.regions().size()
        + (m.regions().size() == 1 ? " region (" : " regions (") + String.join(", ", m.regions())
        + "); down when " + m.quorum() + " of " + m.regions().size() + " agree";
  }

  /** The rule for an interval from one state to another: {@code up}, {@code down}, {@code unknown}. */
  public static String rule(AttributionTable t, State from, State to) {
    return t.attribute(from, to).name().toLowerCase(Locale.ROOT);
  }

  /** The three states in table order. */
  public static List<State> states() {
    return List.of(State.OK, State.UNKNOWN, State.ERROR);
  }

  /** The rules of a table that differ from the defaults, e.g. {@code ERROR->UNKNOWN: unknown}. */
  public static String overrides(AttributionTable t) {
    AttributionTable d = AttributionTable.defaults();
    String s = t.rules().stream().filter(r -> d.attribute(r.from(), r.to()) != r.attribution())
        .map(AttributionTable.Rule::toString).collect(Collectors.joining(", "));
    return s.isEmpty() ? "the default table" : s;
  }

  /** Whether a monitor counts intervals by the default rule table. */
  public static boolean defaultRules(AttributionTable t) {
    AttributionTable d = AttributionTable.defaults();
    return t.rules().stream().allMatch(r -> d.attribute(r.from(), r.to()) == r.attribution());
  }

  /** A sentence on a monitor's rule table: the defaults, or which rules differ from them. */
  public static String rulesNote(AttributionTable t) {
    return defaultRules(t) ? "Intervals count by the default rules (see About these figures)."
        : "Rules that differ from the defaults: " + overrides(t) + ".";
  }

  /** The default rule table, printed once at the end of a report. */
  public static AttributionTable defaults() {
    return AttributionTable.defaults();
  }

  /** What an incident cost, SLO by SLO: {@code Courier assignment: 1,200 bad events (27 % of its budget)}. */
  public static List<String> impact(IncidentImpact impact) {
    return impact.slos().stream().filter(s -> s.slo().audience()
        == dev.nines.model.Audience.CLIENT).map(s -> s.slo().title() + ": "
        + (s.time() ? Fmt.millis(s.bad()) + " down" : Fmt.count(s.bad()) + " bad events")
        + " (" + Fmt.budgetUsed(s.budgetShare()) + " of its " + s.slo().window().id()
        + " budget)").toList();
  }

  /** When an incident began and ended: {@code 12 Oct 2026 14:03–15:10}. */
  public static String span(Incident i, java.time.ZoneId zone) {
    return i.resolvedAt() == null ? Fmt.when(i.openedAt(), zone) + " – ongoing"
        : span(i.openedAt(), i.resolvedAt(), zone);
  }

  /**
   * A time span in the zone, the end's date left out when it is the start's day:
   * {@code 18 Oct 2026 02:00–03:00}, {@code 30 Oct 2026 23:00 – 1 Nov 2026 01:00}.
   */
  public static String span(java.time.Instant from, java.time.Instant to, java.time.ZoneId zone) {
    if (from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate())) {
      return Fmt.when(from, zone) + "–" + HOUR_MINUTE.format(to.atZone(zone));
    }
    return Fmt.when(from, zone) + " – " + Fmt.when(to, zone);
  }

  /** Whether the SLI is measured in time. */
  public static boolean time(SloSpec s) {
    return s.sli().kind() == SliKind.UPTIME;
  }

  /** The first 16 hex digits of the figures hash, as printed in footers. */
  public static String shortHash(MonthlyReport r) {
    return r.figuresHash().substring(0, 16);
  }
}
