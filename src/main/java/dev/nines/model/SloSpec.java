package dev.nines.model;

import java.util.Map;

/**
 * A service level objective: an SLI, a target over a window, who set and approved it and why,
 * who may see it, and the burn-rate conditions that alert on it.
 *
 * @param endpoint the endpoint path the SLO is about, or null for the whole service
 * @param excludeMaintenance leave maintenance time out of the SLO entirely instead of counting
 *     it as UNKNOWN
 * @param displayName the short name clients read (portal, status page, reports), or null
 */
public record SloSpec(String name, String service, String endpoint, String description,
    SliSpec sli, Target target, SloWindow window, String owner, String approver, String reason,
    Audience audience, Budgeting budgeting, AlertingSpec alerting, Map<String, String> labels,
    boolean excludeMaintenance, String displayName) {

  /** An SLO without a display name. */
  public SloSpec(String name, String service, String endpoint, String description, SliSpec sli,
      Target target, SloWindow window, String owner, String approver, String reason,
      Audience audience, Budgeting budgeting, AlertingSpec alerting, Map<String, String> labels,
      boolean excludeMaintenance) {
    this(name, service, endpoint, description, sli, target, window, owner, approver, reason,
        audience, budgeting, alerting, labels, excludeMaintenance, null);
  }

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

  /**
   * The name people read: the display name; else the endpoint and what is measured
   * ({@code /assign-courier availability}); else the service and what is measured.
   */
  public String title() {
    if (displayName != null && !displayName.isBlank()) {
      return displayName;
    }
    String what = sli.kind().id().replace('-', ' ');
    return (endpoint != null ? endpoint : service) + " " + what;
  }
}
