package dev.nines.slo;

import dev.nines.model.AlertWindow;
import dev.nines.model.Severity;
import dev.nines.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Multi-window, multi-burn-rate alerting (Google SRE Workbook): a condition fires when the
 * burn rate over its long look-back AND over its short look-back are both strictly above its
 * factor; the short window makes the alert stop soon after the problem does.
 */
public final class BurnRateAlerts {
  private BurnRateAlerts() {}

  /**
   * Evaluates every condition.
   *
   * @param sloWindow the length the factors derive from ({@code SloWindow.nominalLength()})
   * @param lookback counts over the last given duration, ending now
   */
  public static List<BurnCondition> evaluate(List<AlertWindow> windows, Duration sloWindow,
      Target target, Function<Duration, Counts> lookback) {
    List<BurnCondition> out = new ArrayList<>(windows.size());
    for (AlertWindow w : windows) {
      double factor = w.factorFor(sloWindow).doubleValue();
      double longBurn = BurnRate.of(lookback.apply(w.longWindow()), target);
      double shortBurn = w.shortWindow() == null
          ? longBurn : BurnRate.of(lookback.apply(w.shortWindow()), target);
      out.add(new BurnCondition(w, factor, longBurn, shortBurn,
          longBurn > factor && shortBurn > factor));
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
