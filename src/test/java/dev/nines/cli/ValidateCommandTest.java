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
    assertThat(run.err()).contains(bad + ":62:13: slos[1].target: 100.5 is out of range. "
        + "Expected 0 < target < 100")
        .contains(bad + ":114:13: slos[5].window: 1m is shorter than a day.")
        .contains(bad + ": 3 errors");
  }

  @Test
  void missingFileIsNamedAndUnreadable() {
    CliRun run = CliRun.of("validate", "nope.yaml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("nope.yaml: no such file\n");
  }

  private static Path utf16(Path dir) throws Exception {
    return java.nio.file.Files.write(dir.resolve("u16.yaml"),
        "apiVersion: nines/v1\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "nines {0} FILE")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"validate", "lint", "rules",
      "export openslo", "import openslo", "import sloth", "grafana", "serve --spec",
      "user add x --role admin --spec",
      "backfill --from now-1d --prometheus http://127.0.0.1:9 --spec"})
  void aFileThatIsNotUtf8IsUnreadableInputForEveryCommand(String command, @TempDir Path dir)
      throws Exception {
    Path f = utf16(dir);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
    args.add(f.toString());
    if (command.equals("grafana")) {
      args.addAll(java.util.List.of("-o", dir.resolve("g").toString()));
    }
    if (command.startsWith("serve") || command.startsWith("user") || command.startsWith("backfill")) {
      args.addAll(java.util.List.of("--data-dir", dir.resolve("data").toString()));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ": not UTF-8 text (byte 0xfe at offset 0)\n")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void theLogisticsExamplePassesStrictLint() {
    CliRun strict = CliRun.of("lint", "--strict", "examples/logistics.yaml");
    assertThat(strict.exit()).as(strict.out()).isZero();
    assertThat(strict.out()).isEqualTo("examples/logistics.yaml: ok, no warnings\n");
  }

  @Test
  void lintWarnsButPassesUnlessStrict(@TempDir Path dir) throws Exception {
    Path seven = dir.resolve("seven.yaml");
    Files.writeString(seven, Files.readString(Path.of("examples/logistics.yaml"))
        .replace("audience: internal           #", "audience: client           #"));
    assertThat(CliRun.of("lint", seven.toString()).exit()).isZero();
    CliRun strict = CliRun.of("lint", "--strict", seven.toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains("warning: client 'acme' has 7 SLOs");
  }

  @Test
  void aRatioTargetIsAWarningAtItsLineInValidateAndLint(@TempDir Path dir) throws Exception {
    Path ratio = dir.resolve("ratio.yaml");
    String text = Files.readString(Path.of("examples/logistics.yaml"));
    int line = (int) text.substring(0, text.indexOf("target: 99.9\n")).lines().count();
    Files.writeString(ratio, text.replaceFirst("target: 99.9\n", "target: 0.999\n"));
    String warning = ratio + ":" + line + ":13: slos[0].target: warning: 0.999 is a percentage "
        + "here: did you mean 99.9?";
    CliRun validate = CliRun.of("validate", ratio.toString());
    assertThat(validate.exit()).isZero();
    assertThat(validate.out()).startsWith(warning + "\n").contains(ratio + ": ok (");
    CliRun lint = CliRun.of("lint", ratio.toString());
    assertThat(lint.exit()).isZero();
    assertThat(lint.out()).isEqualTo(warning + "\n");
    assertThat(CliRun.of("lint", "--strict", ratio.toString()).exit()).isEqualTo(1);
  }
}
