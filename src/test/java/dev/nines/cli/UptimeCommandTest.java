package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UptimeCommandTest {
  private static final String EXAMPLE_ONE = """
      2026-10-01T10:00:01Z,OK
      2026-10-01T10:00:10Z,OK
      2026-10-01T10:00:11Z,UNKNOWN
      2026-10-01T10:00:21Z,OK
      """;
  private static final String EXAMPLE_TWO = """
      time,state
      2026-10-01T10:00:01Z,OK
      2026-10-01T10:00:10Z,UNKNOWN
      2026-10-01T10:00:20Z,ERROR
      2026-10-01T10:00:21Z,OK
      """;

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new UptimeCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exitCode = command.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private String write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  /** The six figures of a --json answer, as one JSON object. */
  private static String figures(String out) throws IOException {
    JsonNode all = json(out);
    com.fasterxml.jackson.databind.node.ObjectNode six = new ObjectMapper().createObjectNode();
    for (String key : List.of("upSeconds", "downSeconds", "unknownSeconds", "uptime", "lower",
        "upper")) {
      six.set(key, all.get(key));
    }
    return six.toString();
  }

  private static final List<String> KEYS = List.of("upSeconds", "downSeconds",
      "unknownSeconds", "uptime", "lower", "upper", "upMillis", "downMillis", "unknownMillis",
      "uncertainMillis", "from", "to", "attributedUntil");

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void printsWorkedExampleOneAsAlignedText() throws IOException {
    Run run = run(write("one.csv", EXAMPLE_ONE));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        up        20.000 s  20s
        down       0.000 s  0s
        unknown    0.000 s  0s
        uptime   100.000 %  [45.000 %, 100.000 %]
        """);
  }

  @Test
  void printsWorkedExampleTwoAsText() throws IOException {
    Run run = run(write("two.csv", EXAMPLE_TWO));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        up        9.000 s  9s
        down     11.000 s  11s
        unknown   0.000 s  0s
        uptime   45.000 %  [0.000 %, 100.000 %]
        """);
  }

  @Test
  void printsWorkedExampleThreeTheChangeBetweenTwoChecksIsUncertain() throws IOException {
    Run run = run(write("three.csv", """
        2026-10-01T10:00:00Z,OK
        2026-10-01T10:00:10Z,OK
        2026-10-01T10:00:20Z,ERROR
        2026-10-01T10:00:30Z,ERROR
        2026-10-01T10:00:40Z,OK
        """));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        up       10.000 s  10s
        down     30.000 s  30s
        unknown   0.000 s  0s
        uptime   25.000 %  [25.000 %, 75.000 %]
        """);
  }

  @Test
  void printsOneJsonObjectWithSecondsMillisecondsRatiosAndTheWindow() throws IOException {
    Run run = run(write("two.csv", EXAMPLE_TWO), "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode result = json(run.out());
    assertThat(keys(result)).containsExactlyElementsOf(KEYS);
    assertThat(result.get("upSeconds").doubleValue()).isEqualTo(9.0);
    assertThat(result.get("downSeconds").doubleValue()).isEqualTo(11.0);
    assertThat(result.get("unknownSeconds").doubleValue()).isEqualTo(0.0);
    assertThat(result.get("uptime").doubleValue()).isEqualTo(0.45);
    assertThat(result.get("lower").doubleValue()).isEqualTo(0.0);
    assertThat(result.get("upper").doubleValue()).isEqualTo(1.0);
    assertThat(result.get("upMillis").longValue()).isEqualTo(9_000);
    assertThat(result.get("uncertainMillis").longValue()).isEqualTo(20_000);
    assertThat(result.get("from").asText()).isEqualTo("2026-10-01T10:00:01Z");
    assertThat(result.get("to").asText()).isEqualTo("2026-10-01T10:00:21Z");
    assertThat(result.get("attributedUntil").asText()).isEqualTo("2026-10-01T10:00:21Z");
  }

  @Test
  void silenceLongerThanTwoIntervalsIsUnknownNotUp() throws IOException {
    Run run = run(write("gap.csv", """
        2026-10-01T10:00:00Z,OK
        2026-10-01T10:10:00Z,OK
        """), "--interval", "1m");

    assertThat(run.out()).isEqualTo("""
        up       120.000 s  2m
        down       0.000 s  0s
        unknown  480.000 s  8m
        uptime   100.000 %  [0.000 %, 100.000 %]
        """);
  }

  @Test
  void withoutAnythingUpOrDownThereIsNoUptimeOnlyNoData() throws IOException {
    String file = write("empty.csv", "time,state\n");

    Run text = run(file, "--from", "2026-10-01T10:00:00Z", "--to", "2026-10-01T11:00:00Z");
    Run json = run(file, "--from", "2026-10-01T10:00:00Z", "--to", "2026-10-01T11:00:00Z",
        "--json");

    assertThat(text.out()).isEqualTo("""
        up          0.000 s  0s
        down        0.000 s  0s
        unknown  3600.000 s  1h
        uptime    no data    (nothing was up or down)
        """);
    assertThat(figures(json.out())).isEqualTo("{\"upSeconds\":0.0,\"downSeconds\":0.0,"
        + "\"unknownSeconds\":3600.0,\"uptime\":null,\"lower\":0.0,\"upper\":1.0}");
  }

  @Test
  void acceptsEveryTimeFormSkippingCommentsAndBlankLines() throws IOException {
    String csv = """
        # worked example one, in three spellings of time
        time, state

        1790848801,ok
        2026-10-01T10:00:10,up
          # a comment after indentation
        2026-10-01T12:00:11+02:00 , unknown
        1790848821.000,OK
        """;

    Run run = run(write("mixed.csv", csv), "--json");

    assertThat(run.err()).isEmpty();
    assertThat(figures(run.out())).isEqualTo("{\"upSeconds\":20.0,\"downSeconds\":0.0,"
        + "\"unknownSeconds\":0.0,\"uptime\":1.0,\"lower\":0.45,\"upper\":1.0}");
  }

  @Test
  void combinesRegionsByMajorityAndReportsARegionFailingAlone() throws IOException {
    StringBuilder csv = new StringBuilder("time,state,region\n");
    for (int minute = 0; minute <= 5; minute++) {
      String time = "2026-10-01T10:0" + minute + ":00Z";
      csv.append(time).append(",OK,eu-west\n").append(time).append(",OK,us-east\n")
          .append(time).append(minute == 2 || minute == 3 ? ",ERROR" : ",OK").append(",ap-south\n");
    }

    Run run = run(write("regions.csv", csv.toString()));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        up       300.000 s  5m
        down       0.000 s  0s
        unknown    0.000 s  0s
        uptime   100.000 %  [100.000 %, 100.000 %]
        regions  3, quorum 2, interval 1m
        regional incidents:
          ap-south  2026-10-01T10:02:00Z  2026-10-01T10:04:00Z  2m
        """);
  }

  @Test
  void aQuorumOfOneMakesTheLoneFailureDowntimeAndJsonListsNoIncidents() throws IOException {
    String csv = """
        2026-10-01T10:00:00Z,OK,eu-west
        2026-10-01T10:00:00Z,OK,ap-south
        2026-10-01T10:01:00Z,OK,eu-west
        2026-10-01T10:01:00Z,ERROR,ap-south
        2026-10-01T10:02:00Z,OK,eu-west
        2026-10-01T10:02:00Z,OK,ap-south
        """;

    Run run = run(write("regions.csv", csv), "--quorum", "1", "--json");

    JsonNode result = json(run.out());
    List<String> regional = new ArrayList<>(KEYS);
    regional.add("regionalIncidents");
    assertThat(keys(result)).containsExactlyElementsOf(regional);
    assertThat(result.get("downSeconds").doubleValue()).isEqualTo(120.0);
    assertThat(result.get("regionalIncidents").isEmpty()).isTrue();
  }

  @Test
  void listsRegionalIncidentsInJsonWithAnOpenEndAsNull() throws IOException {
    String csv = """
        2026-10-01T10:00:00Z,OK,eu-west
        2026-10-01T10:00:00Z,OK,us-east
        2026-10-01T10:00:00Z,OK,ap-south
        2026-10-01T10:00:30Z,OK,eu-west
        2026-10-01T10:00:30Z,OK,us-east
        2026-10-01T10:00:30Z,ERROR,ap-south
        """;

    Run run = run(write("regions.csv", csv), "--interval", "30s", "--json");

    assertThat(json(run.out()).get("regionalIncidents").toString()).isEqualTo(
        "[{\"region\":\"ap-south\",\"start\":\"2026-10-01T10:00:30Z\",\"end\":null}]");
  }

  @Test
  void reportsEveryBadLineWithFileAndLineAndComputesNothing() throws IOException {
    String file = write("bad.csv", """
        time,state
        2026-10-01T10:00:01Z,OK
        10:00,flaky
        2026-10-01T10:00:03Z
        2026-10-01T10:00:04Z,OK,eu-west,extra

        2026-10-01T10:00:06Z,sideways
        """);

    Run run = run(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(file + ":3: '10:00' is not a time. Expected an ISO-8601 "
        + "instant (2026-10-01T10:00:01Z), a date-time taken as UTC (2026-10-01T10:00:01) "
        + "or epoch seconds (1790848801)\n"
        + file + ":3: 'flaky' is not a state. Expected OK, UNKNOWN or ERROR\n"
        + file + ":4: '2026-10-01T10:00:03Z' has 1 field. "
        + "Expected time,state or time,state,region\n"
        + file + ":5: '2026-10-01T10:00:04Z,OK,eu-west,extra' has 4 fields. "
        + "Expected time,state or time,state,region\n"
        + file + ":7: 'sideways' is not a state. Expected OK, UNKNOWN or ERROR\n");
  }

  @Test
  void aLineWithoutRegionAmongRegionalLinesIsAnError() throws IOException {
    String file = write("mixed.csv", """
        2026-10-01T10:00:00Z,OK,eu-west
        2026-10-01T10:01:00Z,OK
        2026-10-01T10:02:00Z,OK,
        """);

    Run run = run(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        file + ":2: no region, but other lines have one. Expected time,state,region on every "
            + "line\n"
            + file + ":3: empty region. Expected a region name such as eu-west\n");
  }

  @Test
  void aMissingFileIsABadInputNotAStackTrace() {
    String file = dir.resolve("missing.csv").toString();

    Run run = run(file);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        file + ": no such file. Expected a CSV file of time,state[,region] lines\n");
  }

  @Test
  void appliesYamlRuleOverrides() throws IOException {
    String rules = write("rules.yaml", """
        OK->UNKNOWN: down
        unknown -> ok: DOWN
        """);

    Run run = run(write("one.csv", EXAMPLE_ONE), "--rules", rules, "--json");

    assertThat(figures(run.out())).isEqualTo("{\"upSeconds\":9.0,\"downSeconds\":11.0,"
        + "\"unknownSeconds\":0.0,\"uptime\":0.45,\"lower\":0.45,\"upper\":1.0}");
  }

  @Test
  void appliesJsonRuleOverrides() throws IOException {
    String rules = write("rules.json", "{\"UNKNOWN->ERROR\": \"unknown\"}");

    Run run = run(write("two.csv", EXAMPLE_TWO), "--rules", rules, "--json");

    assertThat(figures(run.out())).isEqualTo("{\"upSeconds\":9.0,\"downSeconds\":1.0,"
        + "\"unknownSeconds\":10.0,\"uptime\":0.9,\"lower\":0.0,\"upper\":1.0}");
  }

  @Test
  void reportsEveryBadRuleWithTheFileName() throws IOException {
    String rules = write("rules.yaml", """
        UNKNOWN->OK: sideways
        OK=>ERROR: down
        """);

    Run run = run(write("one.csv", EXAMPLE_ONE), "--rules", rules);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(rules + ": UNKNOWN->OK: 'sideways' is not an attribution. "
        + "Expected up, down or unknown\n"
        + rules + ": OK=>ERROR: not a transition. Expected FROM->TO with FROM and TO in OK, "
        + "UNKNOWN, ERROR\n");
  }

  @Test
  void aRulesFileThatIsNotAMapIsRejected() throws IOException {
    String rules = write("rules.yaml", "- OK->UNKNOWN\n");

    Run run = run(write("one.csv", EXAMPLE_ONE), "--rules", rules);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(rules + ": found array at the top level. "
        + "Expected a YAML or JSON map such as OK->UNKNOWN: down\n");
  }

  @Test
  void clipsToTheWindowGivenByFromAndTo() throws IOException {
    Run run = run(write("two.csv", EXAMPLE_TWO), "--from", "2026-10-01T10:00:05Z",
        "--to", "2026-10-01T10:00:15", "--json");

    assertThat(figures(run.out())).isEqualTo("{\"upSeconds\":5.0,\"downSeconds\":5.0,"
        + "\"unknownSeconds\":0.0,\"uptime\":0.5,\"lower\":0.0,\"upper\":1.0}");
  }

  @Test
  void reportsEveryBadOptionAtOnce() throws IOException {
    Run run = run(write("one.csv", EXAMPLE_ONE), "--interval", "5x", "--from", "yesterday",
        "--quorum", "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--interval: '5x' is not a duration. Expected digits with "
        + "a unit ms, s, m (minutes), h, d or w, e.g. 30s, 5m, 1h30m, 28d\n"
        + "--from: 'yesterday' is not a time. Expected an ISO-8601 instant "
        + "(2026-10-01T10:00:01Z), a date-time taken as UTC (2026-10-01T10:00:01) or epoch "
        + "seconds (1790848801)\n");
  }

  @Test
  void aQuorumWithoutARegionColumnIsRejected() throws IOException {
    String file = write("one.csv", EXAMPLE_ONE);

    Run run = run(file, "--quorum", "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--quorum 2: " + file + " has no region column. "
        + "Expected time,state,region lines to combine regions\n");
  }

  @Test
  void aQuorumAboveTheNumberOfRegionsIsRejected() throws IOException {
    String file = write("regions.csv", "1790848801,OK,eu-west\n1790848801,OK,us-east\n");

    Run run = run(file, "--quorum", "3");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--quorum 3 is out of range. Expected 1 <= N <= 2, "
        + "the number of regions in " + file + "\n");
  }

  @Test
  void aZeroIntervalIsRejected() throws IOException {
    Run run = run(write("one.csv", EXAMPLE_ONE), "--interval", "0s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "--interval: '0s' is not positive. Expected a check interval > 0, e.g. 60s\n");
  }

  private static final String SPEC = """
      apiVersion: nines/v1
      regions: [eu, us, ap]
      services:
        - name: web
          quorum: 2
          attribution: {OK->UNKNOWN: down}
      monitors:
        - {name: home, service: web, kind: http, interval: 30s, request: {url: "http://x.example/"}}
      """;

  @Test
  void aMonitorOfASpecBringsItsRegionsQuorumIntervalAndRuleTable() throws IOException {
    String spec = write("spec.yaml", SPEC);
    String csv = write("export.csv", """
        time,state,region
        2026-10-01T10:00:00Z,OK,eu
        2026-10-01T10:00:00Z,OK,us
        2026-10-01T10:00:30Z,OK,eu
        2026-10-01T10:00:30Z,UNKNOWN,us
        2026-10-01T10:01:00Z,OK,eu
        2026-10-01T10:01:00Z,OK,us
        """);

    Run run = run(csv, "--spec", spec, "--monitor", "home", "--json");

    // ap never reported; eu and us meet the quorum of 2. At 30 s only eu decides (us is
    // pending), so the service is UNKNOWN: 0-30 s OK -> UNKNOWN is down by this table, 30-60 s
    // UNKNOWN -> OK up by the default.
    assertThat(figures(run.out())).isEqualTo("{\"upSeconds\":30.0,\"downSeconds\":30.0,"
        + "\"unknownSeconds\":0.0,\"uptime\":0.5,\"lower\":0.0,\"upper\":1.0}");
  }

  @Test
  void aSpecNeedsItsMonitorAndOwnsTheSettingsTheOptionsWouldSet() throws IOException {
    String spec = write("spec.yaml", SPEC);
    String csv = write("export.csv", "2026-10-01T10:00:00Z,OK,mars\n");

    assertThat(run(csv, "--spec", spec).err()).isEqualTo("--spec: given alone. Expected "
        + "--spec FILE and --monitor NAME together\n");
    assertThat(run(csv, "--spec", spec, "--monitor", "nope").err()).isEqualTo("--monitor nope: "
        + "no such monitor in " + spec + ". Expected one of home\n");
    assertThat(run(csv, "--spec", spec, "--monitor", "home", "--interval", "10s").err())
        .isEqualTo("--interval: not used with --spec. Expected the monitor's own setting in "
            + "the spec\n");
    assertThat(run(csv, "--spec", spec, "--monitor", "home").err()).isEqualTo(csv + ": region "
        + "'mars' is not a region of monitor home. Expected one of eu, us, ap\n");
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsRejected() throws IOException {
    Run run = run(write("one.csv", EXAMPLE_ONE), "--from", "1790848900", "--to", "1790848800");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "--from 1790848900 is after --to 1790848800. Expected --from <= --to\n");
  }
}
