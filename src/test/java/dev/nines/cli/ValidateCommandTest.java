package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @Test
  void validExampleExitsZero() {
    CliRun run = CliRun.of("validate", "examples/logistics.yaml");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("examples/logistics.yaml: ok (1 clients, 1 services, 10 SLOs, 7 monitors)");
  }

  @Test
  void invalidSpecPrintsEveryProblemAndExitsOne(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Path.of("examples/logistics.yaml"))
        .replace("target: 99.95", "target: 100.5").replace("window: month", "window: 1m"));
    CliRun run = CliRun.of("validate", bad.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains(bad + ":60:13: slos[1].target: 100.5 is out of range. "
        + "Expected 0 < target < 100")
        .contains(bad + ":114:13: slos[5].window: 1m is shorter than a day.")
        .contains(bad + ": 3 errors");
  }

  @Test
  void missingFileIsNamed() {
    CliRun run = CliRun.of("validate", "nope.yaml");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("nope.yaml: no such file");
  }

  @Test
  void lintWarnsButPassesUnlessStrict() {
    assertThat(CliRun.of("lint", "examples/logistics.yaml").exit()).isZero();
    CliRun strict = CliRun.of("lint", "--strict", "examples/logistics.yaml");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains("warning: client 'acme' has 10 SLOs");
  }
}
