package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportCommandTest {
  private static final Path FIXTURES = fixtures();

  private static Path fixtures() {
    Path sibling = Path.of(System.getProperty("user.dir")).resolveSibling("shared/fixtures");
    return Files.isDirectory(sibling) ? sibling : Path.of("/work/shared/fixtures");
  }

  @ParameterizedTest(name = "{0} imports with {1} SLOs, and the output validates")
  @CsvSource({"openslo/spec-occurrences-slo.yaml, 1", "openslo/spec-ratio-timeslices-slo.yaml, 1",
      "openslo/gosdk-v1-data-sources.yaml, 0", "openslo/gosdk-v1-slis.yaml, 0"})
  void openSloFixturesImportIntoValidNativeSpecs(String file, int slos) throws Exception {
    CliRun run = CliRun.of("import", "openslo", FIXTURES.resolve(file).toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Spec spec = SpecReader.read("out.yaml", run.out()).spec();
    assertThat(spec.slos()).hasSize(slos);
  }

  @Test
  void theCalendarFixtureWithOneMinuteForAMonthFailsAtThatLine() {
    // The file writes `duration: 1m` and comments "1 month": in OpenSLO m is minutes, M months.
    Path file = FIXTURES.resolve("openslo/spec-timeslices-calendar-slo.yaml");
    CliRun run = CliRun.of("import", "openslo", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith(file + ":27:17: spec.timeWindow[0].duration: 1m is one "
        + "minute: lower-case m means minutes. Expected 1M for a calendar month");
  }

  @Test
  void slothSpecImportsWithItsPeriodAndCustomWindows() throws Exception {
    CliRun run = CliRun.of("import", "sloth", FIXTURES.resolve("sloth/in-base.yaml").toString(),
        "--period", "7d", "--windows", FIXTURES.resolve("sloth/windows-7d.yaml").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    Spec spec = SpecReader.read("out.yaml", run.out()).spec();
    SloSpec slo1 = spec.slos().get(0);
    assertThat(slo1.window().id()).isEqualTo("7d");
    assertThat(slo1.alerting().windows().get(0).factorFor(slo1.window().nominalLength()))
        .isEqualByComparingTo("13.44");
  }

  @Test
  void exportThenImportKeepsEverySloOfASpecWithoutMonitors(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("events-only.yaml");
    String text = Files.readString(Path.of("examples/logistics.yaml"));
    // Keep the first five SLOs (pushed events); drop the monitor-based ones and the monitors.
    text = text.substring(0, text.indexOf("  - name: platform-availability"))
        + text.substring(text.indexOf("channels:"));
    Files.writeString(spec, text);
    Path out = dir.resolve("openslo.yaml");
    assertThat(CliRun.of("export", "openslo", spec.toString(), "-o", out.toString())
        .exit()).isZero();
    CliRun back = CliRun.of("import", "openslo", out.toString());
    assertThat(back.exit()).as(back.err()).isZero();
    Spec original = SpecReader.read(spec).spec();
    Spec again = SpecReader.read("again.yaml", back.out()).spec();
    assertThat(again.slos()).extracting(SloSpec::name)
        .containsExactlyElementsOf(original.slos().stream().map(SloSpec::name).toList());
    assertThat(again.slos()).extracting(SloSpec::target)
        .containsExactlyElementsOf(original.slos().stream().map(SloSpec::target).toList());
  }

  @Test
  void exportThenImportOfTheExampleGivesTheSameSpec(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("openslo.yaml");
    assertThat(CliRun.of("export", "openslo", "examples/logistics.yaml", "-o", out.toString())
        .exit()).isZero();
    CliRun back = CliRun.of("import", "openslo", out.toString());
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(SpecReader.read("again.yaml", back.out()).spec())
        .isEqualTo(SpecReader.read(Path.of("examples/logistics.yaml")).spec());
  }

  /** The example exported, without the annotation that carries its monitors and clients. */
  private static Path exportWithoutNinesParts(Path dir) throws Exception {
    Path out = dir.resolve("openslo.yaml");
    assertThat(CliRun.of("export", "openslo", "examples/logistics.yaml", "-o", out.toString())
        .exit()).isZero();
    String text = Files.readString(out);
    String stripped = text.replaceAll("(?m)^  annotations:\n    nines\\.dev/spec: \\|\n((      .*)?\n)*", "");
    assertThat(stripped).isNotEqualTo(text).doesNotContain("nines.dev/spec");
    Files.writeString(out, stripped);
    return out;
  }

  @Test
  void importingOpenSloWhoseMonitorsAreNotDeclaredSaysSo(@TempDir Path dir) throws Exception {
    CliRun back = CliRun.of("import", "openslo", exportWithoutNinesParts(dir).toString());
    assertThat(back.exit()).isEqualTo(1);
    assertThat(back.out()).isEmpty();
    assertThat(back.err()).contains("the imported spec is not valid on its own:",
        "unknown monitor 'platform-health'", "OpenSLO carries no monitors");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "import {0} of an empty file")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"openslo", "sloth"})
  void anEmptyFileIsAnErrorNotAnEmptySpec(String format, @TempDir Path dir) throws Exception {
    Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "# nothing\n");
    CliRun run = CliRun.of("import", format, empty.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(empty + ":1:1: is empty. Expected "
        + (format.equals("openslo") ? "OpenSLO documents" : "a Sloth prometheus/v1 spec") + "\n");
  }

  @Test
  void problemsOfTheImportedSpecPointIntoTheImportedFile(@TempDir Path dir) throws Exception {
    Path out = exportWithoutNinesParts(dir);
    CliRun back = CliRun.of("import", "openslo", out.toString());
    assertThat(back.err().lines().filter(l -> l.contains("unknown monitor 'platform-health'")))
        .isNotEmpty().allMatch(l -> l.matches("\\s*" + java.util.regex.Pattern.quote(
            out.toString()) + ":\\d+:\\d+: .*"));
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRun run = CliRun.of("import", "nobl9", "x.yaml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("FORMAT: 'nobl9' is not an import format. Expected openslo or sloth");
  }
}
