package dev.nines.report;

import dev.nines.format.Fmt;
import dev.nines.model.AlertWindow;
import dev.nines.model.ClientSpec;
import dev.nines.model.EndpointSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Severity;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.slo.AllowedDowntime;
import dev.nines.slo.Counts;
import dev.nines.store.Store;
import dev.nines.view.ClientCompliance;
import dev.nines.view.StoredCounts;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds {@link Proposal}s from the spec, and their history scores from the store. */
public final class Proposals {
  private Proposals() {}

  /**
   * The proposal for {@code client}.
   *
   * @param store where the history is read, or null without a history
   * @param history how far back to score each objective, or null
   * @param authors who wrote it; empty for "the SRE team"
   * @param review the review date, or null for 90 days after {@code now}
   * @throws IllegalArgumentException naming an unknown client, or a history without a store
   */
  public static Proposal build(Spec spec, String client, Store store, Duration history,
      List<String> authors, LocalDate review, Instant now) {
    ClientSpec c = spec.client(client);
    if (c == null) {
      throw new IllegalArgumentException("client: unknown client '" + client + "'. Expected "
          + "one of " + spec.clients().stream().map(ClientSpec::name).toList());
    }
    if (history != null && store == null) {
      throw new IllegalArgumentException("history: needs the store. Expected --db or "
          + "--data-dir with --history");
    }
    List<SloSpec> slos = ClientCompliance.slosOf(spec, client);
    List<Proposal.Service> services = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      if (!client.equals(s.client())) {
        continue;
      }
      List<Proposal.Objective> objectives = new ArrayList<>();
      for (SloSpec slo : slos) {
        if (slo.service().equals(s.name())) {
          objectives.add(objective(spec, slo, store, history, now));
        }
      }
      List<EndpointSpec> without = s.endpoints().stream().filter(e -> slos.stream()
          .noneMatch(x -> x.service().equals(s.name()) && e.path().equals(x.endpoint())))
          .toList();
      services.add(new Proposal.Service(s, objectives, without));
    }
    Set<String> approvers = new LinkedHashSet<>();
    slos.stream().map(SloSpec::approver).filter(a -> a != null && !a.isBlank())
        .forEach(approvers::add);
    LocalDate today = now.atZone(spec.zoneOf(c)).toLocalDate();
    return new Proposal(c, spec.zoneOf(c), now, authors.isEmpty() ? List.of("the SRE team")
        : authors, List.copyOf(approvers), review != null ? review : today.plusDays(90), history,
        services);
  }

  private static Proposal.Objective objective(Spec spec, SloSpec slo, Store store,
      Duration history, Instant now) {
    Counts scored = history == null ? null
        : StoredCounts.between(store, slo.name(), now.minus(history), now);
    List<AllowedDowntime> table = AllowedDowntime.table(slo.target());
    return new Proposal.Objective(slo, source(spec, slo), layer(spec, slo), row(table, "30d"),
        row(table, "month"), alerting(slo), scored);
  }

  private static AllowedDowntime row(List<AllowedDowntime> table, String window) {
    return table.stream().filter(a -> a.window().equals(window)).findFirst().orElseThrow();
  }

  /** Where the SLI's events or checks come from. */
  static String source(Spec spec, SloSpec slo) {
    SliSource src = slo.sli().source();
    if (src instanceof SliSource.Monitors m) {
      List<String> parts = new ArrayList<>();
      for (String name : m.names()) {
        MonitorSpec mon = spec.monitors().stream().filter(x -> x.name().equals(name))
            .findFirst().orElse(null);
        parts.add(mon == null ? name : name + " (" + Fmt.every(mon.interval()) + " from "
            + spec.regionsOf(mon).size() + " regions, down when " + spec.quorumOf(mon)
            + " agree" + (mon.retries() > 0 ? ", " + mon.retries() + " retries" : "") + ")");
      }
      return "Synthetic checks by Nines: " + String.join("; ", parts) + "; "
          + (m.countAttempts() ? "every attempt counts" : "each completed check counts") + ".";
    }
    if (src instanceof SliSource.Events) {
      return "Request events the platform sends to Nines for every request.";
    }
    if (src instanceof SliSource.Ratio || src instanceof SliSource.RawErrorRatio
        || src instanceof SliSource.Threshold) {
      return "Queries against the team's metrics (Prometheus), pulled every minute.";
    }
    return "An external metrics source.";
  }

  /** Where on the request path the SLI is measured. */
  static String layer(Spec spec, SloSpec slo) {
    String layer = slo.labels().get("layer");
    ServiceSpec s = spec.service(slo.service());
    if (layer != null) {
      return "at the " + layer + " layer" + (s != null && !s.layers().isEmpty()
          ? " (path: " + String.join(" → ", s.layers().stream().map(l -> l.name()).toList())
          + ")" : "");
    }
    return slo.sli().source() instanceof SliSource.Monitors ? "from outside, as a user sees it"
        : "where the service answers";
  }

  /** The burn-rate conditions in sentences. */
  static List<String> alerting(SloSpec slo) {
    List<String> out = new ArrayList<>();
    Duration window = slo.window().nominalLength();
    for (AlertWindow w : slo.alerting().windows()) {
      if (!slo.alerting().target(w.severity()).enabled()) {
        continue;
      }
      BigDecimal factor = w.factorFor(window);
      String who = w.severity() == Severity.PAGE ? "Page the on-call engineer"
          : "Open a ticket";
      out.add(who + " when the budget burns faster than " + factor.stripTrailingZeros()
          .toPlainString() + "× over " + Fmt.dur(w.longWindow())
          + (w.shortWindow() == null ? "" : " and " + Fmt.dur(w.shortWindow()))
          + (w.budgetConsumed() == null ? "" : " (" + w.budgetConsumed().movePointRight(2)
              .stripTrailingZeros().toPlainString() + " % of the budget in "
              + Fmt.dur(w.longWindow()) + ")") + ".");
    }
    if (out.isEmpty()) {
      out.add("No alert: this objective is reviewed in the monthly report only.");
    }
    return out;
  }

  /** Why an endpoint has no objective. */
  public static String why(EndpointSpec e) {
    if (e.note() != null) {
      return e.note();
    }
    return e.critical() ? "Critical, but no objective yet: to be agreed."
        : "Not critical for sellers: watched, but without an objective.";
  }

  /** The method and path: {@code POST /assign-courier}. */
  public static String endpoint(EndpointSpec e) {
    return (e.method() == null ? "GET" : e.method().toUpperCase(Locale.ROOT)) + " " + e.path();
  }
}
