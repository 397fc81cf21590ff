package dev.nines.model;

import java.util.Map;

/**
 * A service level objective: an SLI, a target over a window, who set and approved it and why,
 * who may see it, and the burn-rate conditions that alert on it.
 *
 * @param endpoint the endpoint path the SLO is about, or null for the whole service
 * @param excludeMaintenance leave maintenance time out of the SLO entirely instead of counting
 *     it as UNKNOWN
 */
public record SloSpec(String name, String service, String endpoint, String description,
    SliSpec sli, Target target, SloWindow window, String owner, String approver, String reason,
    Audience audience, Budgeting budgeting, AlertingSpec alerting, Map<String, String> labels,
    boolean excludeMaintenance) {

  /** An SLO whose maintenance time counts as UNKNOWN (the default). */
  public SloSpec(String name, String service, String endpoint, String description, SliSpec sli,
      Target target, SloWindow window, String owner, String approver, String reason,
      Audience audience, Budgeting budgeting, AlertingSpec alerting, Map<String, String> labels) {
    this(name, service, endpoint, description, sli, target, window, owner, approver, reason,
        audience, budgeting, alerting, labels, false);
  }

  public SloSpec {
    labels = Map.copyOf(labels);
  }
}
