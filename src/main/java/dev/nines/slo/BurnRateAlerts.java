package dev.nines.slo;

import dev.nines.model.AlertWindow;
import dev.nines.model.Severity;
import dev.nines.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Multi-window, multi-burn-rate alerting (Google SRE Workbook) for one SLO: a condition fires
 * when the burn rates over its long AND its short look-back are both strictly above its
 * factor; the short window makes the alert stop soon after the problem does. Factors are
 * derived once, from the SLO window's nominal length.
 */
public final class BurnRateAlerts {
  private final List<AlertWindow> windows;
  private final double[] factors;

  /**
   * Compiles the conditions of an SLO.
   *
   * @param sloWindow the length the factors derive from ({@code SloWindow.nominalLength()})
   */
  public BurnRateAlerts(List<AlertWindow> windows, Duration sloWindow) {
    this.windows = List.copyOf(windows);
    this.factors = windows.stream().mapToDouble(w -> w.factorFor(sloWindow).doubleValue()).toArray();
  }

  /** Every look-back the conditions read, long and short, without repeats. */
  public Set<Duration> lookbacks() {
    Set<Duration> out = new LinkedHashSet<>();
    for (AlertWindow w : windows) {
      out.add(w.longWindow());
      if (w.shortWindow() != null) {
        out.add(w.shortWindow());
      }
    }
    return out;
  }

  /**
   * Evaluates every condition.
   *
   * @param lookback counts over the last given duration, ending now
   */
  public List<BurnCondition> evaluate(Target target, Function<Duration, Counts> lookback) {
    return evaluate(target.budgetRatio(), lookback);
  }

  /** Evaluates every condition with an error budget of {@code budgetRatio} (0–1). */
  public List<BurnCondition> evaluate(double budgetRatio, Function<Duration, Counts> lookback) {
    List<BurnCondition> out = new ArrayList<>(windows.size());
    for (int i = 0; i < windows.size(); i++) {
      AlertWindow w = windows.get(i);
      double longBurn = BurnRate.of(lookback.apply(w.longWindow()), budgetRatio);
      double shortBurn = w.shortWindow() == null
          ? longBurn : BurnRate.of(lookback.apply(w.shortWindow()), budgetRatio);
      out.add(new BurnCondition(w, factors[i], longBurn, shortBurn,
          longBurn > factors[i] && shortBurn > factors[i]));
    }
    return out;
  }

  /** The most urgent severity among firing conditions, or null when none fires. */
  public static Severity severity(List<BurnCondition> conditions) {
    Severity worst = null;
    for (BurnCondition c : conditions) {
      if (c.firing() && (worst == null || c.window().severity().ordinal() < worst.ordinal())) {
        worst = c.window().severity();
      }
    }
    return worst;
  }
}
