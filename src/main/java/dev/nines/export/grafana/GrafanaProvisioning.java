package dev.nines.export.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.nines.export.prometheus.RuleNames;
import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generator of Grafana provisioning from a spec: a dashboards provider using folders from the
 * file structure, a folder per client ({@code Client - <name>}) holding only that client's SLO
 * dashboards, an {@code Internal} folder for the team (burn rates, services, probes,
 * infrastructure), and a README saying which team may view which folder.
 */
public final class GrafanaProvisioning {
  private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private GrafanaProvisioning() {}

  public static GrafanaTree generate(Spec spec, GrafanaOptions options) {
    List<String> warnings = new ArrayList<>();
    List<SloSpec> covered = new ArrayList<>();
    for (SloSpec slo : spec.slos()) {
      if (RuleNames.covered(slo)) {
        covered.add(slo);
      } else {
        warnings.add("slo " + slo.name() + " (service " + slo.service() + "): no dashboards: "
            + "its SLI has no Prometheus rules (see nines rules)");
      }
    }
    Map<ClientSpec, List<DashboardFile>> clients = new LinkedHashMap<>();
    for (ClientSpec client : spec.clients()) {
      clients.put(client, ClientDashboards.of(client, clientSlos(spec, client, covered)));
    }
    warnUnassigned(spec, covered, warnings);
    List<DashboardFile> internal = new ArrayList<>(BurnRateDashboards.of(covered));
    internal.addAll(ServiceDashboards.of(spec.services()));
    internal.addAll(ProbeDashboards.of(spec.monitors(), spec.regions()));
    internal.addAll(InfrastructureDashboards.of());
    return new GrafanaTree(files(clients, internal, options), warnings);
  }

  private static List<SloSpec> clientSlos(Spec spec, ClientSpec client, List<SloSpec> covered) {
    return covered.stream().filter(s -> s.audience() == Audience.CLIENT)
        .filter(s -> client.name().equals(clientOf(spec, s))).toList();
  }

  private static String clientOf(Spec spec, SloSpec slo) {
    ServiceSpec service = spec.service(slo.service());
    return service == null ? null : service.client();
  }

  private static void warnUnassigned(Spec spec, List<SloSpec> covered, List<String> warnings) {
    for (SloSpec slo : covered) {
      if (slo.audience() == Audience.CLIENT && clientOf(spec, slo) == null) {
        warnings.add("slo " + slo.name() + " (service " + slo.service() + "): audience client, "
            + "but its service has no client: shown only in Internal");
      }
    }
  }

  private static Map<String, String> files(Map<ClientSpec, List<DashboardFile>> clients,
      List<DashboardFile> internal, GrafanaOptions options) {
    Map<String, String> out = new LinkedHashMap<>();
    List<DashboardFile> all = new ArrayList<>();
    clients.values().forEach(all::addAll);
    all.addAll(internal);
    for (DashboardFile f : all) {
      out.put("dashboards/" + folderPath(f.folders(), options) + "/" + f.fileName(), json(f));
    }
    out.put(ProvisioningFiles.PROVIDER, ProvisioningFiles.provider(options));
    out.put("README.md", ProvisioningFiles.readme(clients, all, options));
    return out;
  }

  /** The directory of a folder path: nested, or one level joined by {@code " - "}. */
  static String folderPath(List<String> folders, GrafanaOptions options) {
    return String.join(options.flatFolders() ? " - " : "/", folders);
  }

  private static String json(DashboardFile f) {
    try {
      return JSON.writeValueAsString(f.dashboard().toJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
