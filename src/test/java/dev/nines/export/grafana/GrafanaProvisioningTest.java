package dev.nines.export.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The structure of the generated Grafana tree, dashboard by dashboard and panel by panel. */
class GrafanaProvisioningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by",
      "without", "on", "ignoring", "group_left", "group_right", "sum", "min", "max", "avg",
      "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values");

  static Stream<Spec> specs() {
    return Stream.of(spec("examples/logistics.yaml"), spec("src/test/resources/grafana/two-clients.yaml"));
  }

  private static Spec spec(String path) {
    try {
      return SpecReader.read(Path.of(path)).spec();
    } catch (Exception e) {
      throw new IllegalStateException(path + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, JsonNode> dashboards(GrafanaTree tree) throws Exception {
    Map<String, JsonNode> out = new java.util.TreeMap<>();
    for (var f : tree.files().entrySet()) {
      if (f.getKey().endsWith(".json")) {
        out.put(f.getKey(), JSON.readTree(f.getValue()));
      }
    }
    return out;
  }

  @Test
  void theLogisticsTreeKeepsTheClientFolderApartFromTheInternalOnes() {
    GrafanaTree tree = GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults());

    Set<String> folders = new TreeSet<>();
    tree.files().keySet().stream().filter(p -> p.startsWith("dashboards/"))
        .forEach(p -> folders.add(p.substring("dashboards/".length(), p.lastIndexOf('/'))));
    assertThat(folders).containsExactly("Client - Acme Logistics", "Internal/Infrastructure",
        "Internal/Probes", "Internal/SLO Burn Rates", "Internal/Services");
    assertThat(tree.files().keySet()).filteredOn(p -> p.startsWith("dashboards/Client - Acme Logistics/"))
        .containsExactly("dashboards/Client - Acme Logistics/assign-courier-success.json",
            "dashboards/Client - Acme Logistics/fetch-orders-success.json",
            "dashboards/Client - Acme Logistics/order-to-tracking-journey.json",
            "dashboards/Client - Acme Logistics/platform-availability.json",
            "dashboards/Client - Acme Logistics/slo-overview.json",
            "dashboards/Client - Acme Logistics/track-delivery-fast.json");
    assertThat(tree.files()).containsKeys("README.md", "provisioning/dashboards/nines.yaml");
    assertThat(tree.warnings()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void everyDashboardUsesSchema39AUniqueStableUidAndTheDatasourceVariable(Spec spec) throws Exception {
    Map<String, JsonNode> dashboards = dashboards(GrafanaProvisioning.generate(spec, GrafanaOptions.defaults()));
    Set<String> uids = new HashSet<>();
    for (var d : dashboards.entrySet()) {
      JsonNode dash = d.getValue();
      assertThat(dash.get("schemaVersion").asInt()).as(d.getKey()).isGreaterThanOrEqualTo(39);
      assertThat(uids.add(dash.get("uid").asText())).as("uid of " + d.getKey() + " is unique").isTrue();
      assertThat(dash.get("uid").asText()).as(d.getKey()).matches("[a-z0-9-]{1,40}");
      JsonNode variable = dash.get("templating").get("list").get(0);
      assertThat(variable.get("name").asText()).isEqualTo("datasource");
      assertThat(variable.get("type").asText()).isEqualTo("datasource");
      assertThat(variable.get("query").asText()).isEqualTo("prometheus");
      for (JsonNode panel : dash.get("panels")) {
        assertPanel(d.getKey(), panel);
      }
    }
    assertThat(uids).hasSize(dashboards.size());
  }

  private static void assertPanel(String file, JsonNode panel) {
    String where = file + " panel " + panel.get("title").asText();
    JsonNode grid = panel.get("gridPos");
    assertThat(grid.get("w").asInt() + grid.get("x").asInt()).as(where).isLessThanOrEqualTo(24);
    assertThat(grid.get("h").asInt()).as(where).isPositive();
    assertThat(grid.has("y")).as(where).isTrue();
    JsonNode targets = panel.get("targets");
    if (targets == null) {
      assertThat(panel.get("type").asText()).as(where).isIn("row", "text");
      return;
    }
    assertThat(targets).as(where).isNotEmpty();
    assertThat(panel.get("datasource").get("uid").asText()).as(where).isEqualTo("${datasource}");
    for (JsonNode t : targets) {
      assertThat(t.get("datasource").get("type").asText()).as(where).isEqualTo("prometheus");
      assertThat(t.get("datasource").get("uid").asText()).as(where).isEqualTo("${datasource}");
      assertThat(t.get("expr").asText()).as(where).isNotBlank();
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void clientFoldersQueryOnlyTheSloRecordings(Spec spec) throws Exception {
    Map<String, JsonNode> dashboards = dashboards(GrafanaProvisioning.generate(spec, GrafanaOptions.defaults()));
    List<String> clientExprs = new ArrayList<>();
    dashboards.forEach((path, dash) -> {
      if (path.startsWith("dashboards/Client - ")) {
        dash.get("panels").forEach(p -> p.path("targets").forEach(t -> clientExprs.add(t.get("expr").asText())));
      }
    });

    assertThat(clientExprs).isNotEmpty();
    for (String expr : clientExprs) {
      assertThat(expr).doesNotContain("node_", "kube_", "container_", "ALERTS", "up{");
      assertThat(metrics(expr)).as(expr).isNotEmpty().allMatch(m -> m.startsWith("slo:")
          || m.equals("nines_slo_sli_ratio") || m.equals("nines_slo_error_budget_remaining_ratio"));
    }
  }

  @Test
  void aCalendarSloShowsNinesExactFiguresForThisMonthNotThirtyRollingDays() throws Exception {
    Map<String, JsonNode> dashboards = dashboards(GrafanaProvisioning.generate(spec(),
        GrafanaOptions.defaults()));
    JsonNode monthly = dashboards.get("dashboards/Client - Acme Logistics/platform-availability.json");
    JsonNode rolling = dashboards.get("dashboards/Client - Acme Logistics/assign-courier-success.json");
    List<String> titles = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    monthly.get("panels").forEach(p -> {
      titles.add(p.path("title").asText());
      p.path("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    });

    assertThat(titles).contains("SLI (this month)");
    assertThat(exprs).contains("nines_slo_error_budget_remaining_ratio{service=\"platform\", "
        + "slo=\"platform-availability\"}", "nines_slo_sli_ratio{service=\"platform\", "
        + "slo=\"platform-availability\"}");
    assertThat(exprs).noneMatch(e -> e.contains("slo:period_error_budget_remaining:ratio"));
    assertThat(rolling.toString()).contains("SLI (last 30d)")
        .contains("slo:period_error_budget_remaining:ratio").doesNotContain("nines_slo_");
  }

  @Test
  void internalDashboardsQueryNinesProbeRequestAndInfrastructureMetrics() throws Exception {
    Map<String, JsonNode> dashboards = dashboards(GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults()));

    assertThat(metricsOf(dashboards.get("dashboards/Internal/Probes/order-to-tracking.json")))
        .containsExactlyInAnyOrder("nines_monitor_interval_seconds", "nines_monitor_state",
            "nines_probe_attempts_total", "nines_probe_phase_seconds_bucket");
    assertThat(metricsOf(dashboards.get("dashboards/Internal/Services/platform.json")))
        .containsExactlyInAnyOrder("nines_requests_total", "nines_request_duration_seconds_bucket");
    assertThat(metricsOf(dashboards.get("dashboards/Internal/Infrastructure/nodes.json")))
        .containsExactlyInAnyOrder("node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
            "node_memory_MemTotal_bytes", "node_filesystem_avail_bytes", "node_filesystem_size_bytes",
            "up");
    assertThat(titles(dashboards.get("dashboards/Internal/Probes/order-to-tracking.json")))
        .containsExactly("Check interval", "State by region", "Failed attempts by region",
            "Phase timings p95, eu-central", "Phase timings p95, us-east");
    assertThat(titles(dashboards.get("dashboards/Internal/Services/platform.json")))
        .filteredOn(t -> t.startsWith("GET ") || t.startsWith("POST "))
        .containsExactly("GET /fetch-orders", "POST /assign-courier", "GET /track-delivery", "POST /login");
  }

  @Test
  void burnRatePanelsMarkTheSlosAlertFactors() throws Exception {
    JsonNode burn = dashboards(GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults()))
        .get("dashboards/Internal/SLO Burn Rates/slo-burn-rates.json");
    JsonNode panel = burn.get("panels").get(3);

    assertThat(panel.get("title").asText()).isEqualTo("Burn rate by look-back");
    assertThat(panel.at("/fieldConfig/defaults/thresholds/steps").toString())
        .isEqualTo("[{\"color\":\"green\",\"value\":null},{\"color\":\"orange\",\"value\":1.0},"
            + "{\"color\":\"red\",\"value\":14.4}]");
    assertThat(panel.at("/targets/1/expr").asText()).isEqualTo("slo:sli_error:ratio_rate1h"
        + "{sloth_id=\"platform-fetch-orders-success\", sloth_service=\"platform\", "
        + "sloth_slo=\"fetch-orders-success\"} / on(sloth_id, sloth_slo, sloth_service) group_left "
        + "slo:error_budget:ratio{sloth_id=\"platform-fetch-orders-success\", "
        + "sloth_service=\"platform\", sloth_slo=\"fetch-orders-success\"}");
  }

  @Test
  void eachClientSeesOnlyItsOwnClientSlos() throws Exception {
    GrafanaTree tree = GrafanaProvisioning.generate(spec("src/test/resources/grafana/two-clients.yaml"),
        GrafanaOptions.defaults());

    assertThat(tree.files().keySet()).filteredOn(p -> p.startsWith("dashboards/Client - "))
        .containsExactly("dashboards/Client - Acme Logistics/orders-available.json",
            "dashboards/Client - Acme Logistics/slo-overview.json",
            "dashboards/Client - Globex - Retail/shop-available.json",
            "dashboards/Client - Globex - Retail/slo-overview.json");
    assertThat(tree.files().get("dashboards/Client - Globex - Retail/slo-overview.json"))
        .contains("shop-shop-available").doesNotContain("orders");
    assertThat(tree.files().get("dashboards/Internal/SLO Burn Rates/slo-burn-rates.json"))
        .contains("orders-queue-lag").contains("billing-runs");
    assertThat(tree.warnings()).containsExactly(
        "slo shop-datadog (service shop): no dashboards: its SLI has no Prometheus rules (see nines rules)",
        "slo billing-runs (service billing): audience client, but its service has no client: shown only in Internal");
  }

  @Test
  void theProviderReadsFoldersFromTheFileStructure() throws Exception {
    GrafanaTree tree = GrafanaProvisioning.generate(spec(), new GrafanaOptions("/srv/grafana/nines", false));
    JsonNode provider = new YAMLMapper().readTree(tree.files().get("provisioning/dashboards/nines.yaml"));

    assertThat(provider.get("apiVersion").asInt()).isEqualTo(1);
    JsonNode p = provider.get("providers").get(0);
    assertThat(p.get("name").asText()).isEqualTo("nines");
    assertThat(p.get("type").asText()).isEqualTo("file");
    assertThat(p.has("folder")).isFalse();
    assertThat(p.has("folderUid")).isFalse();
    assertThat(p.get("options").get("path").asText()).isEqualTo("/srv/grafana/nines");
    assertThat(p.get("options").get("foldersFromFilesStructure").asBoolean()).isTrue();
  }

  @Test
  void theReadmeGivesEachClientTeamOnlyItsFolder() {
    String readme = GrafanaProvisioning.generate(spec("src/test/resources/grafana/two-clients.yaml"),
        GrafanaOptions.defaults()).files().get("README.md");

    assertThat(readme).contains("| `Client - Acme Logistics` | `nines-client-acme` and `nines-internal` |")
        .contains("| `Client - Globex - Retail` | `nines-client-globex` and `nines-internal` |")
        .contains("| `Internal/…` (every internal folder) | `nines-internal` only |")
        .contains("remove the permissions of the Viewer and Editor roles");
  }

  @Test
  void flatFoldersJoinTheLevelsAndKeepTheUids() throws Exception {
    GrafanaTree nested = GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults());
    GrafanaTree flat = GrafanaProvisioning.generate(spec(), new GrafanaOptions(GrafanaOptions.DEFAULT_PATH, true));

    assertThat(flat.files()).containsKey("dashboards/Internal - Probes/platform-health.json")
        .doesNotContainKey("dashboards/Internal/Probes/platform-health.json");
    assertThat(flat.files().get("dashboards/Internal - Probes/platform-health.json"))
        .isEqualTo(nested.files().get("dashboards/Internal/Probes/platform-health.json"));
    assertThat(GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults()).files())
        .isEqualTo(nested.files());
  }

  @Test
  void aClientSloDashboardShowsTheAgreementSliBudgetAndBurnDown() throws Exception {
    JsonNode dash = dashboards(GrafanaProvisioning.generate(spec(), GrafanaOptions.defaults()))
        .get("dashboards/Client - Acme Logistics/platform-availability.json");

    assertThat(titles(dash)).containsExactly("What this SLO promises", "SLI (this month)",
        "Objective", "Error budget left", "SLI", "Error budget burn-down");
    assertThat(dash.at("/panels/0/options/content").asText()).isEqualTo("**Objective:** 99.95 % "
        + "over month. The SLI and budget of this month are Nines' own figures for the calendar "
        + "period, as on the portal and in the compliance report; the hourly SLI is from the "
        + "recording rules. The dashboard and core APIs are available 99.95 % of the time (21.6 "
        + "min a month).\n\n**Set by:** client and SRE team, approved by Dana Fischer.\n\n"
        + "**Why:** Sellers work around the clock; the platform must be there.");
    assertThat(dash.at("/panels/1/targets/0/expr").asText()).isEqualTo("nines_slo_sli_ratio"
        + "{service=\"platform\", slo=\"platform-availability\"}");
    assertThat(dash.at("/time/from").asText()).isEqualTo("now-30d");
  }

  @Test
  void theMetricExtractorFindsBareAndSelectedNamesButNotLabelsOrFunctions() {
    assertThat(metrics("sum by (le, phase) (rate(x_bucket{a=\"b{c}\", le!=\"\"}[5m])) / on(job) "
        + "group_left up and max(slo:objective:ratio) offset 5m"))
        .containsExactly("x_bucket", "up", "slo:objective:ratio");
  }

  @Test
  void aRelativeDashboardsPathIsRefused() {
    assertThatThrownBy(() -> new GrafanaOptions("dashboards", false))
        .hasMessage("dashboards path dashboards is not absolute. Expected a path such as "
            + "/var/lib/grafana/dashboards/nines");
  }

  private static Spec spec() {
    return spec("examples/logistics.yaml");
  }

  private static List<String> titles(JsonNode dash) {
    List<String> out = new ArrayList<>();
    dash.get("panels").forEach(p -> out.add(p.get("title").asText()));
    return out;
  }

  private static Set<String> metricsOf(JsonNode dash) {
    Set<String> out = new TreeSet<>();
    dash.get("panels").forEach(p -> p.path("targets").forEach(t -> out.addAll(metrics(t.get("expr").asText()))));
    return out;
  }

  /**
   * Metric names in an expression: identifiers that are not functions, aggregations, keywords,
   * label names (in selectors and grouping lists), durations or strings.
   */
  static List<String> metrics(String expr) {
    String bare = expr.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"").replaceAll("\\{[^}]*\\}", "{}")
        .replaceAll("\\[[^\\]]*\\]", "[]")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1()");
    List<String> out = new ArrayList<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
