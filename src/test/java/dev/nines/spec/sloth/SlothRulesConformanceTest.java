package dev.nines.spec.sloth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Durations;
import dev.nines.model.Severity;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.spec.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that an imported Sloth spec holds everything Sloth put into its generated rules (the
 * *.out and *.tpl fixtures): ids, labels, objective, period, queries, alert names, labels,
 * annotations, windows and burn-rate factors. A later rule generator can then reproduce them.
 */
class SlothRulesConformanceTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FACTOR = Pattern.compile("> \\(([0-9.]+) \\* ");
  private static final Pattern WINDOW = Pattern.compile("ratio_rate(\\w+)\\{");

  /** One `sloth generate` run: the imported spec and the rules Sloth wrote for it. */
  record Case(String name, Spec spec, Duration period, String rules) {
    @Override public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws Exception {
    String base = Fixtures.read("sloth/in-base.yaml");
    return Stream.of(
        new Case("getting started, 30d", SlothReaderTest.read("sloth/getting-started.in.yml"),
            Duration.ofDays(30), "sloth/getting-started.out.yml"),
        new Case("base, 30d", SlothReader.read("in-base.yaml", base), Duration.ofDays(30),
            "sloth/out-base.yaml.tpl"),
        new Case("base, 28d", SlothReader.read("in-base.yaml", base, Duration.ofDays(28)),
            Duration.ofDays(28), "sloth/out-base-28d.yaml.tpl"),
        new Case("base, 7d with custom windows", SlothReader.withAlertWindows(
            SlothReader.read("in-base.yaml", base, Duration.ofDays(7)),
            SlothReaderTest.windows("sloth/windows-7d.yaml")), Duration.ofDays(7),
            "sloth/out-base-custom-windows-7d.yaml.tpl"),
        new Case("OpenSLO v1alpha, 30d", SlothReaderTest.read("sloth/in-openslo.yaml"),
            Duration.ofDays(30), "sloth/out-openslo.yaml.tpl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void importedSpecHoldsEverythingSlothPutInItsRules(Case c) throws Exception {
    Map<String, List<Map<String, Object>>> groups = groups(c.rules());
    for (SloSpec slo : c.spec().slos()) {
      String id = slo.service() + "-" + slo.name();
      assertSli(slo, groups.get("sloth-slo-sli-recordings-" + id));
      assertMeta(slo, c.period(), groups.get("sloth-slo-meta-recordings-" + id));
      assertAlerts(slo, c.period(), groups.getOrDefault("sloth-slo-alerts-" + id, List.of()));
    }
  }

  private static void assertSli(SloSpec slo, List<Map<String, Object>> rules) {
    String expr = (String) rules.get(0).get("expr");
    List<MetricQuery> queries = switch (slo.sli().source()) {
      case SliSource.Ratio r -> Stream.of(r.good(), r.bad(), r.total())
          .filter(q -> q != null).toList();
      case SliSource.RawErrorRatio r -> List.of(r.errorRatio());
      default -> throw new AssertionError(slo.sli().source());
    };
    queries.forEach(q -> assertThat(expr).contains(q.query().replace("{{.window}}", "5m").strip()));
  }

  @SuppressWarnings("unchecked")
  private static void assertMeta(SloSpec slo, Duration period, List<Map<String, Object>> rules) {
    Map<String, Object> info = rule(rules, "record", "sloth_slo_info");
    Map<String, String> labels = new HashMap<>((Map<String, String>) info.get("labels"));
    assertThat(labels).containsEntry("sloth_objective", slo.target().percent().toPlainString())
        .containsEntry("sloth_service", slo.service()).containsEntry("sloth_slo", slo.name());
    labels.keySet().removeIf(k -> k.startsWith("sloth_") || k.equals("cmd"));
    assertThat(labels).isEqualTo(slo.labels());
    assertThat(slo.window().nominalLength()).isEqualTo(period);
    assertThat(rule(rules, "record", "slo:time_period:days").get("expr"))
        .isEqualTo("vector(" + period.toDays() + ")");
  }

  @SuppressWarnings("unchecked")
  private static void assertAlerts(SloSpec slo, Duration period, List<Map<String, Object>> rules) {
    AlertingSpec a = slo.alerting();
    List<String> severities = rules.stream()
        .map(r -> ((Map<String, String>) r.get("labels")).get("sloth_severity")).toList();
    assertThat(severities).containsExactlyElementsOf(enabled(a));
    for (Map<String, Object> rule : rules) {
      Map<String, String> labels = (Map<String, String>) rule.get("labels");
      Severity severity = Severity.valueOf(labels.get("sloth_severity").toUpperCase());
      AlertTarget target = severity == Severity.PAGE ? a.page() : a.ticket();
      Map<String, String> expected = new HashMap<>(a.labels());
      expected.putAll(target.labels());
      expected.put("sloth_severity", severity.id());
      assertThat(rule.get("alert")).isEqualTo(a.name());
      assertThat(labels).isEqualTo(expected);
      Map<String, String> annotations = new HashMap<>(a.annotations());
      annotations.putAll(target.annotations());
      assertThat((Map<String, String>) rule.get("annotations")).containsAllEntriesOf(annotations);
      assertWindows((String) rule.get("expr"), a.windows().stream()
          .filter(w -> w.severity() == severity).toList(), period);
    }
  }

  /** The expression checks quick then slow, each short then long, each against its factor. */
  private static void assertWindows(String expr, List<AlertWindow> windows, Duration period) {
    List<String> names = all(WINDOW, expr);
    List<String> factors = all(FACTOR, expr);
    assertThat(names).containsExactly(Durations.format(windows.get(0).shortWindow()),
        Durations.format(windows.get(0).longWindow()),
        Durations.format(windows.get(1).shortWindow()),
        Durations.format(windows.get(1).longWindow()));
    for (int i = 0; i < 4; i++) {
      assertThat(Double.parseDouble(factors.get(i)))
          .isCloseTo(windows.get(i / 2).factorFor(period).doubleValue(), within(1e-12));
    }
  }

  private static List<String> enabled(AlertingSpec a) {
    List<String> out = new ArrayList<>();
    if (a != null && a.page().enabled()) {
      out.add("page");
    }
    if (a != null && a.ticket().enabled()) {
      out.add("ticket");
    }
    return out;
  }

  private static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Map<String, Object> rule(List<Map<String, Object>> rules, String key,
      String value) {
    return rules.stream().filter(r -> value.equals(r.get(key))).findFirst().orElseThrow();
  }

  /** The rule groups of a Sloth output, its Go template markers rendered as Sloth's tests do. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Map<String, Object>>> groups(String fixture) throws Exception {
    String text = Fixtures.read(fixture).replace("{{ .version }}", "dev")
        .replaceAll("\\{\\{\"(.*?)\"\\}\\}", "$1");
    Map<String, Object> doc = YAML.readValue(text, Map.class);
    Map<String, List<Map<String, Object>>> out = new HashMap<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) doc.get("groups")) {
      out.put((String) g.get("name"), (List<Map<String, Object>>) g.get("rules"));
    }
    return out;
  }
}
