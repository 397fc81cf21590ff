package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

  @Test
  void aPrometheusUrlWithoutSchemeIsABadUsage() {
    CliRun run = CliRun.of("serve", "--spec", "examples/logistics.yaml", "--prometheus",
        "localhost:9090");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--prometheus: 'localhost:9090' is not an HTTP URL. Expected "
        + "the base URL of a Prometheus server, e.g. http://localhost:9090\n");
  }
}
