package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.export.prometheus.RulesOptions.SlothCompat;
import dev.nines.model.Spec;
import dev.nines.spec.Fixtures;
import dev.nines.spec.sloth.SlothReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every Sloth input fixture, the rules generated in Sloth-compatible mode are equivalent to
 * the rules Sloth generated: same groups, rule names, labels and annotations, and expressions
 * equal up to whitespace and float printing.
 */
class SlothConformanceTest {

  /** One `sloth generate` run: its input read as Sloth reads it, its options and its output. */
  record Case(String name, Spec spec, RulesOptions options, String expected) {
    @Override public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    String base = Fixtures.read("sloth/in-base.yaml");
    RulesOptions prom = RulesOptions.sloth(SlothCompat.of("prometheus/v1", "dev"));
    return Stream.of(
        new Case("getting started, 30d, --extra-labels cmd=examplesgen.sh",
            SlothReader.read("getting-started.in.yml", Fixtures.read("sloth/getting-started.in.yml")),
            prom.withExtraLabels(Map.of("cmd", "examplesgen.sh")),
            Fixtures.read("sloth/getting-started.out.yml")),
        new Case("base, 30d", SlothReader.read("in-base.yaml", base), prom,
            template("sloth/out-base.yaml.tpl")),
        new Case("base, 28d", SlothReader.read("in-base.yaml", base, Duration.ofDays(28)), prom,
            template("sloth/out-base-28d.yaml.tpl")),
        new Case("base, 7d with custom windows", SlothReader.withAlertWindows(
            SlothReader.read("in-base.yaml", base, Duration.ofDays(7)),
            SlothReader.readAlertWindows("windows-7d.yaml", Fixtures.read("sloth/windows-7d.yaml"))),
            prom, template("sloth/out-base-custom-windows-7d.yaml.tpl")),
        new Case("OpenSLO v1alpha, 30d",
            SlothReader.read("in-openslo.yaml", Fixtures.read("sloth/in-openslo.yaml")),
            RulesOptions.sloth(SlothCompat.of("openslo/v1alpha", "dev")),
            template("sloth/out-openslo.yaml.tpl")));
  }

  /** A Sloth test template rendered as Sloth's integration test renders it, version dev. */
  static String template(String fixture) {
    return Fixtures.read(fixture).replace("{{ .version }}", "dev")
        .replaceAll("\\{\\{\"(.*?)\"\\}\\}", "$1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedRulesAreEquivalentToSloths(Case c) throws Exception {
    GeneratedRules rules = PrometheusRules.generate(c.spec(), c.options());

    assertThat(rules.warnings()).isEmpty();
    RuleFiles.assertEquivalent(RulesYaml.write(rules, List.of()), c.expected());
  }

  @Test
  void aChangedFactorIsCaughtByTheComparison() throws Exception {
    String expected = template("sloth/out-base.yaml.tpl");
    String changed = expected.replace("(14.4 * 0.0009999999999999432)", "(14.5 * 0.001)");

    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> RuleFiles.assertEquivalent(changed, expected)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("number");
  }

  @Test
  void floatPrintingAndWhitespaceAreNotDifferences() {
    RuleFiles.assertExpr("vector(1-0.999)", "vector(1 - 0.9990000000000001)", "budget");
    assertThat(RuleFiles.tokens("max(slo:sli_error:ratio_rate5m{a=\"5..|429\"}[30d] > (5.6 * 0.001))")
        .skeleton()).isEqualTo("max(slo:sli_error:ratio_rate5m{a=\"5..|429\"}[30d]>(#*#))");
  }
}
