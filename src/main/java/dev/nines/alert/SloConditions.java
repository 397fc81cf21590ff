package dev.nines.alert;

import dev.nines.export.prometheus.RuleNames;
import dev.nines.format.Fmt;
import dev.nines.model.AlertTarget;
import dev.nines.model.AlertingSettings;
import dev.nines.model.Audience;
import dev.nines.model.Durations;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.notify.Notification.Field;
import dev.nines.slo.BurnCondition;
import dev.nines.slo.Counts;
import dev.nines.slo.SloStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The alert conditions of one SLO, from the status the engine computed: its page and its
 * ticket (the multi-window multi-burn-rate conditions, guarded by minimum traffic), its budget
 * exhausted (internal), and, for a client SLO, the client's "SLO violated" notice. Only
 * conditions that hold, or whose alert is open, are built, so a cycle over 10,000 quiet SLOs
 * makes almost no objects.
 */
public final class SloConditions {
  /**
   * What the conditions of one SLO read.
   *
   * @param client the client of the SLO's service, or null
   * @param counts good and valid over one of the SLO's look-backs (its alert windows)
   */
  public record Input(SloSpec slo, String client, SloStatus status,
      Function<Duration, Counts> counts) {}

  private SloConditions() {}

  /**
   * Adds the SLO's conditions that hold now, and those of its open alerts (inactive when they
   * no longer hold), to {@code out}.
   */
  public static void evaluate(Input in, AlertingSettings settings, Map<String, AlertState> open,
      List<Condition> out) {
    SloSpec slo = in.slo();
    if (slo.alerting() != null) {
      for (Severity severity : Severity.values()) {
        burnRate(in, severity, settings.minEventsOf(slo), open, out);
      }
    }
    SloStatus s = in.status();
    boolean exhausted = s.window().valid() > 0 && s.budget().remainingRatio() <= 0;
    String internal = Condition.fingerprint(AlertKind.BUDGET_EXHAUSTED, slo.name(), "ticket",
        null);
    if (exhausted || open.containsKey(internal)) {
      out.add(exhausted(in, internal, exhausted));
    }
    if (slo.audience() == Audience.CLIENT && in.client() != null) {
      String notice = Condition.fingerprint(AlertKind.SLO_VIOLATED, slo.name(), "notice", null);
      if (exhausted || open.containsKey(notice)) {
        out.add(violated(in, notice, exhausted, open.get(notice)));
      }
    }
  }

  private static void burnRate(Input in, Severity severity, long minEvents,
      Map<String, AlertState> open, List<Condition> out) {
    SloSpec slo = in.slo();
    AlertTarget target = slo.alerting().target(severity);
    List<BurnCondition> mine = in.status().conditions().stream()
        .filter(c -> c.window().severity() == severity).toList();
    if (!target.enabled() || mine.isEmpty()) {
      return;
    }
    String fp = Condition.fingerprint(AlertKind.BURN_RATE, slo.name(), severity.id(), null);
    boolean active = false;
    for (BurnCondition c : mine) {
      active |= c.firing() && enoughTraffic(in, c.window().longWindow(), minEvents);
    }
    if (!active && !open.containsKey(fp)) {
      return;
    }
    List<Field> figures = new ArrayList<>();
    BurnCondition worst = mine.get(0);
    for (BurnCondition c : mine) {
      String windows = Durations.format(c.window().longWindow())
          + (c.window().shortWindow() == null ? "" : " / " + Durations.format(c.window()
          .shortWindow()));
      String burns = Fmt.burn(c.longBurn()) + (c.window().shortWindow() == null ? ""
          : " / " + Fmt.burn(c.shortBurn()));
      figures.add(new Field("Burn rate " + windows, burns + " (" + (c.firing() ? "above" : "under")
          + " " + Fmt.burn(c.factor()) + ")"));
      if (c.firing() && !worst.firing() || c.longBurn() / c.factor() > worst.longBurn()
          / worst.factor() && c.firing() == worst.firing()) {
        worst = c;
      }
    }
    common(in, figures);
    if (minEvents > 0 && in.slo().sli().kind() != SliKind.UPTIME) {
      Counts c = in.counts().apply(worst.window().longWindow());
      figures.add(new Field("Valid events in " + Durations.format(worst.window().longWindow()),
          Fmt.count(c == null ? 0 : c.valid()) + " (alerts need at least " + Fmt.count(minEvents)
          + ")"));
    }
    String what = name(slo);
    String title = active
        ? capital(severity.id()) + ": " + what + " burns its error budget " + Fmt.burn(
            worst.longBurn()) + " as fast as allowed"
        : "Resolved: " + what + " burns its error budget at " + Fmt.burn(worst.longBurn());
    String summary = active
        ? "Over the last " + Durations.format(worst.window().longWindow()) + " " + what
            + " spent its budget " + Fmt.burn(worst.longBurn()) + " as fast as its " + window(slo
            .window()) + " allows (alert above " + Fmt.burn(worst.factor()) + "). "
            + exhaustion(in.status())
        : "The burn-rate conditions of " + what + " no longer hold.";
    out.add(new Condition(fp, AlertKind.BURN_RATE, severity.id(), slo.service(), in.client(),
        slo.name(), null, null, active, target.forDuration(), title, summary, figures,
        "/console/slos/" + slo.name(), RuleNames.alertLabels(slo, severity)));
  }

  private static boolean enoughTraffic(Input in, Duration longWindow, long minEvents) {
    if (minEvents == 0 || in.slo().sli().kind() == SliKind.UPTIME) {
      return true;
    }
    Counts c = in.counts().apply(longWindow);
    return c != null && c.valid() >= minEvents;
  }

  private static Condition exhausted(Input in, String fp, boolean active) {
    SloSpec slo = in.slo();
    List<Field> figures = new ArrayList<>();
    common(in, figures);
    String title = active ? "Ticket: " + name(slo) + " has spent its error budget"
        : "Resolved: " + name(slo) + " has error budget again";
    String summary = active ? name(slo) + " is below its " + slo.target() + " objective over "
        + window(slo.window()) + ": " + Fmt.sli(in.status().budget().sliRatio()) + "."
        : name(slo) + " is back at or above its " + slo.target() + " objective.";
    Map<String, String> labels = labels(slo, "BudgetExhausted", "ticket");
    return new Condition(fp, AlertKind.BUDGET_EXHAUSTED, "ticket", slo.service(), in.client(),
        slo.name(), null, null, active, Duration.ZERO, title, summary, figures,
        "/console/slos/" + slo.name(), labels);
  }

  /**
   * The client's notice, in the client's words: the objective as agreed, the figure over the
   * window, and, when a calendar period closed below its objective, that it was missed.
   */
  private static Condition violated(Input in, String fp, boolean active, AlertState open) {
    SloSpec slo = in.slo();
    SloStatus s = in.status();
    String what = slo.description() != null ? slo.description() : name(slo);
    String period = s.period().start().toString();
    List<Field> figures = new ArrayList<>();
    figures.add(new Field("Objective", slo.target() + " over " + window(slo.window())));
    figures.add(new Field("Achieved", Fmt.sli(s.budget().sliRatio())));
    String title;
    String summary;
    if (active) {
      title = "SLO violated: " + name(slo) + " is below its objective for this window";
      summary = "The error budget of \"" + what + "\" is exhausted: over " + window(slo.window())
          + " it achieved " + Fmt.sli(s.budget().sliRatio()) + " against the agreed "
          + slo.target() + ". The team is working on it.";
    } else if (open != null && slo.window() instanceof SloWindow.Calendar
        && !period.equals(open.condition().labels().get("period"))) {
      String closed = open.condition().figures().stream().filter(f -> f.name().equals("Achieved"))
          .map(Field::value).findFirst().orElse("below the objective");
      SloWindow.Calendar c = (SloWindow.Calendar) slo.window();
      String before = periodName(c, java.time.Instant.parse(open.condition().labels()
          .get("period")));
      title = "Period closed: " + name(slo) + " missed its objective for " + before;
      summary = before + " closed at " + closed
          + " against the agreed " + slo.target() + " for \"" + what + "\": the objective was "
          + "missed. The error budget refilled for the new period.";
    } else {
      title = "Recovered: " + name(slo) + " meets its objective again";
      summary = "\"" + what + "\" is back at " + Fmt.sli(s.budget().sliRatio()) + " over "
          + window(slo.window()) + ", meeting the agreed " + slo.target() + ".";
    }
    Map<String, String> labels = labels(slo, "SloViolated", "notice");
    labels.put("period", period);
    return new Condition(fp, AlertKind.SLO_VIOLATED, "notice", slo.service(), in.client(),
        slo.name(), null, null, active, Duration.ZERO, title, summary, figures, "/portal",
        labels);
  }

  /** Budget left, when it is gone at the current pace, the SLI against the target, the window. */
  private static void common(Input in, List<Field> figures) {
    SloStatus s = in.status();
    SloSpec slo = in.slo();
    figures.add(new Field("Budget left", s.budget().remainingRatio() <= 0 ? "spent ("
        + Fmt.budget(s.budget().remainingRatio()) + ")" : Fmt.budget(s.budget().remainingRatio())
        + " of " + window(slo.window())));
    SloStatus.Forecast soonest = Fmt.soonest(s);
    figures.add(new Field("Budget gone", soonest == null ? "never at the current pace"
        : soonest.exhaustion().isZero() ? "already spent"
        : "in " + Fmt.dur(soonest.exhaustion()) + " at the " + Durations.format(soonest
            .lookback()) + " pace (" + Fmt.burn(soonest.burnRate()) + ")"));
    figures.add(new Field("SLI", Fmt.sli(s.budget().sliRatio()) + " (target " + slo.target()
        + ")"));
    figures.add(new Field("Window", window(slo.window())));
  }

  private static String exhaustion(SloStatus s) {
    SloStatus.Forecast f = Fmt.soonest(s);
    if (f == null) {
      return "";
    }
    return f.exhaustion().isZero() ? "The budget is already spent."
        : "At this pace the budget is gone in " + Fmt.dur(f.exhaustion()) + ".";
  }

  private static Map<String, String> labels(SloSpec slo, String alertname, String severity) {
    Map<String, String> labels = new TreeMap<>(slo.labels());
    labels.putAll(RuleNames.ids(slo));
    labels.put("alertname", alertname);
    labels.put("severity", severity);
    return labels;
  }

  static String name(SloSpec slo) {
    return slo.name();
  }

  static String window(SloWindow w) {
    return switch (w) {
      case SloWindow.Rolling r -> "the last " + Durations.format(r.length());
      case SloWindow.Calendar c -> "this " + c.unit().id() + " (" + c.zone().getId() + ")";
    };
  }

  /** {@code November 2026}, {@code 2026-Q4}, {@code 2026}, {@code the week of 2026-11-23}. */
  static String periodName(SloWindow.Calendar c, java.time.Instant start) {
    java.time.ZonedDateTime t = start.atZone(c.zone());
    return switch (c.unit()) {
      case DAY -> t.toLocalDate().toString();
      case WEEK -> "the week of " + t.toLocalDate();
      case MONTH -> t.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
          java.util.Locale.ENGLISH) + " " + t.getYear();
      case QUARTER -> t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
      case YEAR -> String.valueOf(t.getYear());
    };
  }

  static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
