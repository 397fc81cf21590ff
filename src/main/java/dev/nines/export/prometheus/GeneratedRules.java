package dev.nines.export.prometheus;

import java.util.List;

/**
 * The rule groups generated from a spec, and one warning per SLO or option that produced no
 * rules or fewer than asked (a non-Prometheus source, a raw ratio without a traffic guard).
 */
public record GeneratedRules(List<RuleGroup> groups, List<String> warnings) {
  public GeneratedRules {
    groups = List.copyOf(groups);
    warnings = List.copyOf(warnings);
  }
}
