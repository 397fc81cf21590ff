package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrafanaCommandTest {

  @Test
  void writesTheProviderTheReadmeAndTheFolderTree(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of("grafana", "examples/logistics.yaml", "-o", dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEqualTo("wrote 19 files to " + dir + System.lineSeparator());
    assertThat(dir.resolve("provisioning/dashboards/nines.yaml")).content()
        .contains("    foldersFromFilesStructure: true\n");
    assertThat(dir.resolve("dashboards/Client - Acme Logistics/slo-overview.json")).exists();
    assertThat(dir.resolve("dashboards/Internal/Infrastructure/nodes.json")).exists();
    try (Stream<Path> files = Files.walk(dir.resolve("dashboards"))) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(17);
    }
  }

  @Test
  void flatFoldersAndTheDashboardsPathComeFromOptions(@TempDir Path dir) {
    CliRun run = CliRun.of("grafana", "examples/logistics.yaml", "-o", dir.toString(), "--flat",
        "--dashboards-path", "/srv/dashboards");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(dir.resolve("dashboards/Internal - Probes/platform-health.json")).exists();
    assertThat(dir.resolve("provisioning/dashboards/nines.yaml")).content()
        .contains("    path: /srv/dashboards\n");
  }

  @Test
  void sloWithoutRulesIsWarnedAbout(@TempDir Path dir) {
    CliRun run = CliRun.of("grafana", "src/test/resources/grafana/two-clients.yaml", "-o",
        dir.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).startsWith("warning: slo shop-datadog (service shop): no dashboards: "
        + "its SLI has no Prometheus rules (see nines rules)" + System.lineSeparator());
  }

  @Test
  void theOutputDirectoryIsRequired() {
    CliRun run = CliRun.of("grafana", "examples/logistics.yaml");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required option: '--output=DIR'");
  }

  @Test
  void aRelativeDashboardsPathIsAUsageError(@TempDir Path dir) {
    CliRun run = CliRun.of("grafana", "examples/logistics.yaml", "-o", dir.toString(),
        "--dashboards-path", "relative");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--dashboards-path: dashboards path relative is not "
        + "absolute. Expected a path such as /var/lib/grafana/dashboards/nines"
        + System.lineSeparator());
  }
}
