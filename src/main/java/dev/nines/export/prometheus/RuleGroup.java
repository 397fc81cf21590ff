package dev.nines.export.prometheus;

import java.util.List;

/** A named Prometheus rule group; its rules are evaluated in order at each interval. */
public record RuleGroup(String name, List<Rule> rules) {
  public RuleGroup {
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("group " + name + " has no rules. Expected at least one");
    }
  }
}
