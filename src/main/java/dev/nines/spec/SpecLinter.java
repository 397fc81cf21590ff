package dev.nines.spec;

import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * Advice on a valid spec: SLOs are for the few things that matter. Warns when a client has
 * more than {@value #MAX_SLOS_PER_CLIENT} SLOs of audience client (the ones the client sets
 * and reads; the provider's internal SLOs on the same services are not counted) and when an
 * SLO is set on an endpoint marked non-critical.
 */
public final class SpecLinter {
  /** "Start with 3–5 SLOs": more than this per client is hard to manage. */
  public static final int MAX_SLOS_PER_CLIENT = 5;

  private SpecLinter() {}

  /** Lint warnings in file order, including those the reader found. */
  public static List<Problem> lint(ParsedSpec parsed, String file) {
    Spec spec = parsed.spec();
    List<Problem> out = new ArrayList<>(parsed.warnings());
    for (int c = 0; c < spec.clients().size(); c++) {
      ClientSpec client = spec.clients().get(c);
      List<String> slos = spec.slos().stream()
          .filter(s -> s.audience() == Audience.CLIENT && spec.service(s.service()) != null
              && client.name().equals(spec.service(s.service()).client()))
          .map(SloSpec::name).toList();
      if (slos.size() > MAX_SLOS_PER_CLIENT) {
        out.add(new Problem(Problem.Level.WARNING, parsed.locationOf("clients[" + c + "]", file),
            "clients[" + c + "]", "client '" + client.name() + "' has " + slos.size()
                + " SLOs. Expected at most " + MAX_SLOS_PER_CLIENT
                + ": keep SLOs for the few things that matter, and watch the rest without SLOs"));
      }
    }
    for (int i = 0; i < spec.slos().size(); i++) {
      SloSpec slo = spec.slos().get(i);
      ServiceSpec service = spec.service(slo.service());
      EndpointSpec endpoint = service == null || slo.endpoint() == null
          ? null : service.endpoint(slo.endpoint());
      if (endpoint != null && !endpoint.critical()) {
        out.add(new Problem(Problem.Level.WARNING, parsed.locationOf("slos[" + i + "]", file),
            "slos[" + i + "]", "SLO '" + slo.name() + "' is on non-critical endpoint "
                + endpoint.path() + ". Expected SLOs only on critical endpoints; monitor "
                + "the others without an SLO"));
      }
    }
    return out.stream().sorted(Problem.BY_LOCATION).toList();
  }
}
