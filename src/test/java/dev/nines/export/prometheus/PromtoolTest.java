package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.export.prometheus.RulesOptions.SlothCompat;
import dev.nines.model.Spec;
import dev.nines.spec.Fixtures;
import dev.nines.spec.SpecReader;
import dev.nines.spec.sloth.SlothReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated rules as a real Prometheus sees them: {@code promtool check rules} accepts
 * them, and {@code promtool test rules} scenarios (series in, alerts and values out) pass.
 */
class PromtoolTest {
  private static final Path SCENARIOS = Path.of("src/test/resources/promtool");

  /** A {@code promtool test rules} file and the rules it runs against. */
  record Scenario(String testFile, Spec spec, RulesOptions options) {
    @Override public String toString() {
      return testFile;
    }
  }

  static Stream<Scenario> scenarios() throws Exception {
    RulesOptions compat = RulesOptions.sloth(SlothCompat.of("nines/v1", "dev"));
    return Stream.of(
        new Scenario("burn-rate-alerts.test.yml", nines("shop.yaml"),
            RulesOptions.defaults().withAbsentFor(Duration.ofMinutes(15))),
        new Scenario("min-traffic.test.yml", nines("traffic.yaml"),
            RulesOptions.defaults().withMinEvents(1000)),
        new Scenario("window-event-weighted.test.yml", nines("two-days.yaml"),
            RulesOptions.defaults()),
        new Scenario("window-sloth-mean.test.yml", nines("two-days.yaml"), compat),
        new Scenario("slices.test.yml", nines("slices.yaml"), RulesOptions.defaults()),
        new Scenario("baseline.test.yml", nines("shop.yaml"), RulesOptions.defaults()),
        new Scenario("sloth-getting-started.test.yml",
            SlothReader.read("getting-started.in.yml", Fixtures.read("sloth/getting-started.in.yml")),
            RulesOptions.sloth(SlothCompat.of("prometheus/v1", "dev"))
                .withExtraLabels(Map.of("cmd", "examplesgen.sh"))));
  }

  private static Spec nines(String file) throws Exception {
    return SpecReader.read(SCENARIOS.resolve(file)).spec();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void promtoolUnitTestsPass(Scenario s, @TempDir Path dir) throws Exception {
    write(dir, s.spec(), s.options());
    Files.copy(SCENARIOS.resolve(s.testFile()), dir.resolve(s.testFile()));

    Promtool.Run run = Promtool.run(dir, "test", "rules", s.testFile());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void promtoolChecksTheLogisticsExampleWithEveryOption(@TempDir Path dir) throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    write(dir, spec, RulesOptions.defaults().withMinEvents(100).withAbsentFor(Duration.ofMinutes(15))
        .withExtraLabels(Map.of("team", "sre")));

    Promtool.Run run = Promtool.run(dir, "check", "rules", "rules.yml");

    assertThat(run.exit()).as(run.output()).isZero();
    // 10 SLOs x (10 SLI + 7 meta + 2 burn + 1 absent) + 6 baseline alerts
    assertThat(run.output()).contains("SUCCESS: 206 rules found");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.nines.export.prometheus.SlothConformanceTest#cases")
  void promtoolChecksTheRulesOfEverySlothFixtureInBothModes(SlothConformanceTest.Case c,
      @TempDir Path dir) throws Exception {
    for (RulesOptions options : List.of(c.options(), RulesOptions.defaults().withMinEvents(10))) {
      write(dir, c.spec(), options);

      Promtool.Run run = Promtool.run(dir, "check", "rules", "rules.yml");

      assertThat(run.exit()).as(run.output()).isZero();
      assertThat(run.output()).contains("SUCCESS");
    }
  }

  @Test
  void promtoolRejectsABrokenRuleFileSoTheChecksAreReal(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("rules.yml"), "groups:\n- name: x\n  rules:\n"
        + "  - record: slo:sli_error:ratio_rate5m\n    expr: sum(rate(x[5m])\n");

    Promtool.Run run = Promtool.run(dir, "check", "rules", "rules.yml");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.output()).contains("parse error");
  }

  private static void write(Path dir, Spec spec, RulesOptions options) throws Exception {
    Files.writeString(dir.resolve("rules.yml"),
        RulesYaml.write(PrometheusRules.generate(spec, options), List.of("test")));
  }
}
