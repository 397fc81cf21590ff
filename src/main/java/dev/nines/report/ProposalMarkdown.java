package dev.nines.report;

import dev.nines.format.Fmt;
import dev.nines.model.EndpointSpec;

/** An SLO proposal as Markdown, from the same data and words as its HTML form. */
final class ProposalMarkdown {
  private ProposalMarkdown() {}

  static String of(Proposal p) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(p.client().title()).append(": service level objectives\n\n")
        .append("*Proposal for approval* · drafted ")
        .append(Fmt.date(p.generatedAt().atZone(p.zone()).toLocalDate())).append(" · times in ")
        .append(p.zone().getId()).append("\n\n- Authors: ").append(String.join(", ", p.authors()))
        .append("\n- Approvers: ").append(p.approvers().isEmpty() ? "none named yet"
            : String.join(", ", p.approvers()))
        .append("\n- Review date: ").append(Fmt.date(p.reviewDate())).append("\n");
    for (Proposal.Service s : p.services()) {
      b.append("\n## ").append(s.spec().name()).append("\n\n");
      if (s.spec().description() != null) {
        b.append(s.spec().description()).append("\n");
      }
      for (Proposal.Objective o : s.objectives()) {
        b.append("\n### ").append(o.spec().title()).append("\n\n");
        if (o.spec().description() != null) {
          b.append(o.spec().description()).append("\n\n");
        }
        b.append("- Why it matters: ").append(o.spec().reason() == null ? "not written yet"
            : o.spec().reason()).append("\n- Set by: ").append(o.spec().owner() == null
            ? "not named" : o.spec().owner()).append("; approved by: ")
            .append(o.spec().approver() == null ? "to be approved" : o.spec().approver())
            .append("\n- Good: ").append(ReportText.measures(o.spec()))
            .append("\n- Measured: ").append(o.source()).append(" Measured ").append(o.layer())
            .append(".\n- Target: **").append(Fmt.target(o.spec().target())).append("** over ")
            .append(o.spec().window().id().equals("month") ? "each calendar month"
                : "a rolling " + o.spec().window().id())
            .append("\n- Allowed bad time: ").append(Fmt.seconds(o.allowed30d().allowedSeconds()))
            .append(" in a 30-day month, ").append(Fmt.seconds(o.allowedMonth().allowedSeconds()))
            .append(" in an average month\n");
        for (String a : o.alerting()) {
          b.append("- Alerting: ").append(a).append("\n");
        }
        if (o.history() != null) {
          b.append("- Last ").append(Fmt.dur(p.history())).append(": ")
              .append(o.history().valid() == 0 ? "no data yet" : Fmt.sli(o.history().ratio())
                  + (o.historyBudget().met() ? ", would have met the target"
                  : ", would have missed the target") + ", budget used "
                  + Fmt.budgetUsed(o.historyBudget().consumedRatio())).append("\n");
        }
      }
      if (!s.withoutSlo().isEmpty()) {
        b.append("\n#### Endpoints without an objective\n\n");
        for (EndpointSpec e : s.withoutSlo()) {
          b.append("- `").append(Proposals.endpoint(e)).append("`: ").append(Proposals.why(e))
              .append("\n");
        }
      }
    }
    b.append("\n## Error budget policy\n\nWhile budget is left, the team ships at its usual pace. "
        + "When a budget is spent before its window ends, releases that are not fixes for the "
        + "affected service stop until the objective is met again over its window. An "
        + "objective missed two months running is reviewed with the client. Planned "
        + "maintenance, announced on the status page, does not spend the budget of objectives "
        + "that exclude it.\n\n## Approval\n\n");
    for (String a : p.approvers()) {
      b.append("- ").append(a).append(": ____________________ date ________\n");
    }
    b.append("- For the team (").append(String.join(", ", p.authors()))
        .append("): ____________________ date ________\n");
    return b.toString();
  }
}
