package dev.nines.report;

import dev.nines.model.ClientSpec;
import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.slo.AllowedDowntime;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The SLO proposal a team sends a client for approval, after the SLO document of the SRE
 * Workbook: per service its users and objectives (who sets and approves each, why, how it is
 * measured and where, target, window, allowed bad time, alerting), the error-budget policy,
 * the endpoints left without an objective and why, and who signs; with a history, what each
 * objective would have scored.
 *
 * @param history the look-back of the scores (e.g. 28 days), or null without one
 */
public record Proposal(ClientSpec client, ZoneId zone, Instant generatedAt, List<String> authors,
    List<String> approvers, LocalDate reviewDate, Duration history, List<Service> services) {
  public Proposal {
    authors = List.copyOf(authors);
    approvers = List.copyOf(approvers);
    services = List.copyOf(services);
  }

  /** One service of the client with its objectives and the endpoints that have none. */
  public record Service(ServiceSpec spec, List<Objective> objectives,
      List<EndpointSpec> withoutSlo) {
    public Service {
      objectives = List.copyOf(objectives);
      withoutSlo = List.copyOf(withoutSlo);
    }
  }

  /**
   * One objective.
   *
   * @param source where the events or checks come from, in a sentence
   * @param layer where on the request path it is measured
   * @param allowed30d allowed bad time in a 30-day month (or the equivalent of a full outage)
   * @param allowedMonth the same for the average month of 30.4375 days
   * @param alerting the alert conditions in sentences
   * @param history the counts over the history, or null without one
   */
  public record Objective(SloSpec spec, String source, String layer, AllowedDowntime allowed30d,
      AllowedDowntime allowedMonth, List<String> alerting, Counts history) {
    public Objective {
      alerting = List.copyOf(alerting);
    }

    /** The history's budget, or null. */
    public ErrorBudget historyBudget() {
      return history == null ? null : ErrorBudget.of(history, spec.target());
    }
  }
}
