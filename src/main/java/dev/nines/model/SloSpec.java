package dev.nines.model;

import java.util.Map;

/**
 * A service level objective: an SLI, a target over a window, who set and approved it and why,
 * who may see it, and the burn-rate conditions that alert on it.
 *
 * @param endpoint the endpoint path the SLO is about, or null for the whole service
 */
public record SloSpec(String name, String service, String endpoint, String description,
    SliSpec sli, Target target, SloWindow window, String owner, String approver, String reason,
    Audience audience, Budgeting budgeting, AlertingSpec alerting, Map<String, String> labels) {
  public SloSpec {
    labels = Map.copyOf(labels);
  }
}
