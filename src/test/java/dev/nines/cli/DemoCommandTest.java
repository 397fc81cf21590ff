package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nines.demo.DemoSpec;
import dev.nines.demo.DemoTime;
import dev.nines.demo.platform.Http;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  private Path renderedSpec() throws Exception {
    Path file = dir.resolve("nines-demo.yaml");
    Files.writeString(file, DemoSpec.render(new DemoSpec.Values(
        URI.create("http://localhost:41000"), "localhost:41001",
        List.of("eu-central", "us-east", "ap-south"), new DemoTime(FakeClock.NOW, 1),
        dir.resolve("oncall-url"), dir.resolve("client-url"))));
    return file;
  }

  @Test
  void theRenderedDemoSpecPassesValidateAndStrictLint() throws Exception {
    Path spec = renderedSpec();
    CliRun validate = CliRun.of("validate", spec.toString());
    assertThat(validate.exit()).as(validate.err()).isZero();
    assertThat(validate.out()).isEqualTo(spec + ": ok (1 clients, 1 services, 8 SLOs, "
        + "4 monitors)\n");
    CliRun lint = CliRun.of("lint", "--strict", spec.toString());
    assertThat(lint.exit()).as(lint.out() + lint.err()).isZero();
    assertThat(lint.out()).isEqualTo(spec + ": ok, no warnings\n");
  }

  @Test
  void anUnknownFaultIsABadUsageNamingTheFaults() {
    CliRun run = CliRun.of("demo", "fault", "dns-down", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("fault 'dns-down': unknown. Expected one of courier-errors, "
        + "app-down, region-network, tracking-lag, slow-shop, cert-expiry\n");
  }

  @Test
  void aFaultWithoutARunningDemoSaysWhereItLooked() {
    CliRun run = CliRun.of("demo", "fault", "app-down", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(dir.resolve("control-url") + ": not found. Expected a "
        + "running nines demo (or --url)\n");
  }

  @Test
  void theFaultListWorksWithoutARunningDemo() {
    CliRun run = CliRun.of("demo", "faults", "--out", dir.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains(String.format("%-15s %-31s %-7s %s", "app-down", "-", "2m",
        "the app is down")).contains("(no running demo: no " + dir.resolve("control-url"));
  }

  @Test
  void aFaultIsPostedToTheControlEndpointTheOutputFolderNames() throws Exception {
    AtomicReference<String> asked = new AtomicReference<>();
    HttpServer control = Http.serve(0, ex -> {
      asked.set(ex.getRequestMethod() + " " + ex.getRequestURI());
      Http.json(ex, 202, Map.of("name", "app-down", "until", "2026-11-18T10:32:00Z"));
    });
    try {
      Files.writeString(dir.resolve("control-url"), "http://127.0.0.1:"
          + control.getAddress().getPort() + "\n");
      CliRun run = CliRun.of("demo", "fault", "app-down", "--for", "5m", "--out",
          dir.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(asked.get()).isEqualTo("POST /demo/faults/app-down?for=5m");
      assertThat(run.out()).isEqualTo("fault app-down: active until 2026-11-18T10:32:00Z\n");
    } finally {
      Http.stop(control);
    }
  }

  @Test
  void regionNetworkNamesTheRegionThatLosesItsNetwork() throws Exception {
    AtomicReference<String> asked = new AtomicReference<>();
    HttpServer control = Http.serve(0, ex -> {
      asked.set(ex.getRequestURI().toString());
      Http.json(ex, 202, Map.of("name", "region-network", "target", "us-east",
          "until", "2026-11-18T10:35:00Z"));
    });
    try {
      CliRun run = CliRun.of("demo", "fault", "region-network", "--region", "us-east",
          "--for", "5m", "--url", "http://127.0.0.1:" + control.getAddress().getPort());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(asked.get()).isEqualTo("/demo/faults/region-network?for=5m&region=us-east");
      assertThat(run.out()).isEqualTo("fault region-network on us-east: active until "
          + "2026-11-18T10:35:00Z\n");
    } finally {
      Http.stop(control);
    }
  }

  @Test
  void aRefusedFaultExitsOneWithTheDemosMessage() throws Exception {
    HttpServer control = Http.serve(0, ex -> Http.error(ex, 409,
        "region-network: cannot be played here: no agent regions (--no-agents)"));
    try {
      CliRun run = CliRun.of("demo", "fault", "region-network", "--url", "http://127.0.0.1:"
          + control.getAddress().getPort());
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("region-network: cannot be played here: no agent regions "
          + "(--no-agents)\n");
    } finally {
      Http.stop(control);
    }
  }

  @Test
  void aSecondDemoOnTheSameFolderIsRefusedBeforeItTouchesAnything() throws Exception {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
        dir.resolve("demo.lock"), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = ch.lock()) {
      CliRun run = CliRun.of("demo", "--out", dir.toString(), "--port", "0");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("nines demo: --out " + dir + ": in use by a running nines "
          + "demo. Expected another folder, or that demo stopped\n");
      assertThat(dir.resolve("nines-demo.yaml")).doesNotExist();
    }
  }

  @Test
  void aServerPortInUseIsOneLineBeforeAnythingStarts() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of("demo", "--out", dir.toString(), "--port",
          Integer.toString(taken.getLocalPort()));
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("nines demo: --port " + taken.getLocalPort() + ": already "
          + "in use on 127.0.0.1. Expected a free port (or --port 0)\n");
      assertThat(dir.resolve("nines-demo.yaml")).doesNotExist();
    }
  }

  @Test
  void aSpeedBelowOneIsABadUsage() {
    CliRun run = CliRun.of("demo", "--speed", "0.5", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--speed: speed 0.5 is out of range. Expected 1 to 3600\n");
  }

  @Test
  void aForThatIsNotADurationIsABadUsage() {
    CliRun run = CliRun.of("demo", "--for", "soon", "--out", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--for: 'soon' is not a duration.");
  }
}
