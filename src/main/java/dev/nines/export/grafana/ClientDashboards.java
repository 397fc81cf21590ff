package dev.nines.export.grafana;

import dev.nines.export.NinesMetrics;
import dev.nines.export.prometheus.RuleNames;
import dev.nines.model.ClientSpec;
import dev.nines.model.Durations;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder a client sees: an overview of their SLOs and one dashboard per SLO (SLI, budget
 * left, burn-down). Queries read the SLO recording rules ({@code slo:*}), never an internal
 * metric; for a calendar-window SLO the window figures are Nines' own exact ones
 * ({@code nines_slo_sli_ratio} and {@code nines_slo_error_budget_remaining_ratio} from its
 * {@code /metrics}, the figures of the portal), because the rules can only look back a
 * rolling nominal length and would show 30 days where the client means this month.
 */
final class ClientDashboards {
  private static final Duration HOUR = Duration.ofHours(1);

  private ClientDashboards() {}

  /** The folder name of a client: {@code Client - <display name>}. */
  static String folder(ClientSpec client) {
    String name = client.displayName() != null ? client.displayName() : client.name();
    return DashboardFile.folderName("Client - " + name);
  }

  static List<DashboardFile> of(ClientSpec client, List<SloSpec> slos) {
    List<String> folder = List.of(folder(client));
    List<String> tags = List.of("nines", "client", client.name());
    List<DashboardFile> out = new ArrayList<>();
    out.add(DashboardFile.of(folder, "SLO overview", "The service level objectives of "
        + display(client) + ": how each stands over its window.", tags, "now-30d", overview(client, slos)));
    for (SloSpec slo : slos) {
      out.add(DashboardFile.of(folder, slo.name(), slo.description(), tags,
          "now-" + Durations.format(slo.window().nominalLength()), sloPanels(slo)));
    }
    return out;
  }

  private static List<Panel> overview(ClientSpec client, List<SloSpec> slos) {
    if (slos.isEmpty()) {
      return List.of(Panel.text("No SLOs yet", 24, 3, "No SLO of " + display(client)
          + " is measured in Prometheus yet."));
    }
    Target[] left = slos.stream().map(s -> new Target(remaining(s), legend(s)))
        .toArray(Target[]::new);
    Target[] sli = slos.stream().map(s -> new Target(sliOverWindow(s), legend(s)))
        .toArray(Target[]::new);
    return List.of(
        Panel.text("About", 24, 3, "Each SLO is a target over a window. The error budget is the "
            + "share of requests (or time) allowed to fail; **budget left** is what remains of "
            + "it in the current window: for a calendar window (marked *this month* and so on) "
            + "the current calendar period, as on the portal. Figures update every minute."),
        Panel.of("bargauge", "Error budget left", 24, Math.max(4, 2 * slos.size()),
            "percentunit", left).withRange(0.0, 1.0).withSteps(Panel.budgetSteps()),
        Panel.stat("SLI over the SLO window", 24, "percentunit", sli),
        Panel.timeseries("Error budget left over time", 24, "percentunit", left)
            .withSteps(Panel.budgetSteps()));
  }

  private static List<Panel> sloPanels(SloSpec slo) {
    String sel = RuleNames.selector(slo);
    String window = windowName(slo);
    return List.of(
        Panel.text("What this SLO promises", 24, 4, agreement(slo)),
        Panel.stat("SLI (" + window + ")", 8, "percentunit", new Target(sliOverWindow(slo), "SLI")),
        Panel.stat("Objective", 8, "percentunit", new Target(RuleNames.OBJECTIVE + sel, "objective")),
        Panel.stat("Error budget left", 8, "percentunit", new Target(remaining(slo), "budget left"))
            .withSteps(Panel.budgetSteps()),
        Panel.timeseries("SLI", 24, "percentunit",
            new Target("1 - " + RuleNames.sliErrorRatio(HOUR) + sel, "SLI (1h)"),
            new Target(sliOverWindow(slo), "SLI (" + window + ")"),
            new Target(RuleNames.OBJECTIVE + sel, "objective")),
        Panel.timeseries("Error budget burn-down", 24, "percentunit",
            new Target(remaining(slo), "budget left")).withSteps(Panel.budgetSteps()));
  }

  private static String agreement(SloSpec slo) {
    StringBuilder b = new StringBuilder();
    b.append("**Objective:** ").append(slo.target().percent().toPlainString()).append(" % over ")
        .append(slo.window().id()).append(".");
    if (slo.window() instanceof SloWindow.Calendar) {
      b.append(" The SLI and budget of ").append(windowName(slo)).append(" are Nines' own "
          + "figures for the calendar period, as on the portal and in the compliance report; "
          + "the hourly SLI is from the recording rules.");
    }
    if (slo.description() != null) {
      b.append(" ").append(slo.description());
    }
    if (slo.owner() != null) {
      b.append("\n\n**Set by:** ").append(slo.owner());
      if (slo.approver() != null) {
        b.append(", approved by ").append(slo.approver());
      }
      b.append(".");
    }
    if (slo.reason() != null) {
      b.append("\n\n**Why:** ").append(slo.reason());
    }
    return b.toString();
  }

  /**
   * The SLI over the SLO's window: the period recording for a rolling window; Nines' exact
   * figure for a calendar window.
   */
  static String sliOverWindow(SloSpec slo) {
    if (slo.window() instanceof SloWindow.Calendar) {
      return NinesMetrics.SLO_SLI + ninesSelector(slo);
    }
    return "1 - " + RuleNames.periodErrorRatio(slo) + RuleNames.selector(slo);
  }

  /** The budget left over the SLO's window, the same way. */
  static String remaining(SloSpec slo) {
    if (slo.window() instanceof SloWindow.Calendar) {
      return NinesMetrics.SLO_BUDGET_REMAINING + ninesSelector(slo);
    }
    return RuleNames.PERIOD_BUDGET_REMAINING + RuleNames.selector(slo);
  }

  private static String ninesSelector(SloSpec slo) {
    return "{service=\"" + slo.service() + "\", slo=\"" + slo.name() + "\"}";
  }

  /** How a panel names the window: "this month" for a calendar month, "last 30d" rolling. */
  static String windowName(SloSpec slo) {
    if (slo.window() instanceof SloWindow.Calendar c) {
      return c.unit() == dev.nines.model.CalendarUnit.DAY ? "today"
          : "this " + c.unit().name().toLowerCase(java.util.Locale.ROOT);
    }
    return "last " + Durations.format(slo.window().nominalLength());
  }

  private static String legend(SloSpec slo) {
    return slo.name() + " (" + windowName(slo) + ")";
  }

  private static String display(ClientSpec client) {
    return client.displayName() != null ? client.displayName() : client.name();
  }
}
