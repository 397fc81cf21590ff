package dev.nines.spec.openslo;

import dev.nines.model.AlertWindow;
import dev.nines.model.Durations;
import dev.nines.model.SloSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an SLO's burn-rate windows as inline OpenSLO alert policies, one per window, each with
 * one inline burnrate condition whose threshold is the window's factor for the SLO window. A
 * short window and a budget share, which OpenSLO cannot say, go into {@code nines.dev/}
 * annotations of the condition (an explicit factor wins over a budget share, which is then
 * not written).
 */
final class AlertPolicyWriter {
  private AlertPolicyWriter() {}

  /**
   * The policies of {@code slo}; each notifies {@code channels} (the internal channels, where
   * Nines sends burn-rate alerts).
   */
  static List<Map<String, Object>> policies(SloSpec slo, List<String> channels) {
    List<Map<String, Object>> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (AlertWindow w : slo.alerting().windows()) {
      String base = slo.name() + "-" + w.severity().id() + "-"
          + OpenSloDurations.format(w.longWindow());
      String name = base;
      for (int i = 2; !names.add(name); i++) {
        name = base + "-" + i;
      }
      out.add(policy(slo, w, name, channels));
    }
    return out;
  }

  private static Map<String, Object> policy(SloSpec slo, AlertWindow w, String name,
      List<String> channels) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("kind", "burnrate");
    condition.put("op", "gt");
    condition.put("threshold", w.factorFor(slo.window().nominalLength()));
    condition.put("lookbackWindow", OpenSloDurations.format(w.longWindow()));
    java.time.Duration after = slo.alerting().target(w.severity()).forDuration();
    condition.put("alertAfter", after.isZero() ? "0m" : OpenSloDurations.format(after));
    Map<String, Object> conditionSpec = new LinkedHashMap<>();
    conditionSpec.put("severity", w.severity().id());
    conditionSpec.put("condition", condition);
    Map<String, Object> inlineCondition = new LinkedHashMap<>();
    inlineCondition.put("kind", "AlertCondition");
    inlineCondition.put("metadata", OpenSloWriter.metadata(name, Map.of(), annotations(w)));
    inlineCondition.put("spec", conditionSpec);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("alertWhenBreaching", true);
    spec.put("conditions", List.of(inlineCondition));
    spec.put("notificationTargets", channels.stream().map(c -> Map.of("targetRef", c)).toList());
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("kind", "AlertPolicy");
    policy.put("metadata", OpenSloWriter.metadata(name, Map.of(), Map.of()));
    policy.put("spec", spec);
    return policy;
  }

  private static Map<String, String> annotations(AlertWindow w) {
    Map<String, String> a = new LinkedHashMap<>();
    if (w.shortWindow() != null) {
      a.put(NinesAnnotations.SHORT_WINDOW, Durations.format(w.shortWindow()));
    }
    if (w.budgetConsumed() != null && w.factor() == null) {
      a.put(NinesAnnotations.BUDGET_CONSUMED, w.budgetConsumed().toPlainString());
    }
    return a;
  }
}
