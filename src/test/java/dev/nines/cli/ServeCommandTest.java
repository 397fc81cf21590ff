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

  @org.junit.jupiter.api.Test
  void aPortInUseIsOneLineNotAStackTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of("serve", "--spec", "examples/logistics.yaml", "--data-dir",
          dir.toString(), "--port", Integer.toString(taken.getLocalPort()), "--no-probes");
      org.assertj.core.api.Assertions.assertThat(run.exit()).isEqualTo(1);
      org.assertj.core.api.Assertions.assertThat(run.err()).isEqualTo("--port "
          + taken.getLocalPort() + ": already in use on 127.0.0.1. Expected a free port\n");
    }
  }

  @Test
  void aPortInUseCreatesAndPrintsNoOneTimeAdminPassword(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      System.setOut(new java.io.PrintStream(printed, true, "UTF-8"));
      CliRun run = CliRun.of("serve", "--spec", "examples/logistics.yaml", "--data-dir",
          dir.toString(), "--port", Integer.toString(taken.getLocalPort()), "--no-probes");
      assertThat(run.exit()).isEqualTo(1);
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString("UTF-8")).doesNotContain("one-time password");
    try (dev.nines.store.Store store = dev.nines.store.Stores.open(null, dir, null, null)) {
      assertThat(store.users()).isEmpty();
    }
  }
}
