package dev.nines.cli;

import dev.nines.model.Durations;
import dev.nines.model.MonitorSpec;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.MaintenanceWindow;
import dev.nines.uptime.MonitorObservations;
import dev.nines.uptime.Observation;
import dev.nines.uptime.Uptime;
import dev.nines.uptime.UptimeInputs;
import dev.nines.uptime.UptimeQuery;
import dev.nines.uptime.UptimeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code nines uptime} command: state-based uptime of a CSV file of observations, with
 * bounds, by the same computation as the server ({@link Uptime}); the rule table, interval and
 * quorum come from options, or from a monitor of a spec with {@code --spec} and
 * {@code --monitor}, so that an exported CSV gives the server's figures exactly.
 */
@Command(name = "uptime", mixinStandardHelpOptions = true,
    description = {"Uptime of a CSV file of time,state[,region] observations: up, down and "
        + "unknown time, the uptime and its bounds.",
        "With a region column the regions are combined by quorum, and a region failing alone "
        + "is a regional incident, not downtime. A region silent for 2 intervals is UNKNOWN.",
        "With --spec and --monitor, the interval, regions, quorum, rule table and maintenance "
        + "are the monitor's, as the server uses them."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:computed", "2:bad input (every problem is listed on stderr)"})
public final class UptimeCommand implements Callable<Integer> {
  static final int BAD_INPUT = 2;
  /** The region of a file without a region column. */
  static final String ONE_REGION = "local";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "Lines time,state[,region]. "
      + "A time is an ISO instant, a date-time taken as UTC or epoch seconds.")
  Path file;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "YAML or JSON map of attribution overrides, like OK->UNKNOWN: down")
  Path rules;

  @Option(names = "--interval", paramLabel = "DURATION",
      description = "Check interval; a region is silent after 2 intervals (default: 60s).")
  String interval;

  @Option(names = "--quorum", paramLabel = "N",
      description = "Regions that must agree (default: a majority of the regions in the file).")
  Integer quorum;

  @Option(names = "--spec", paramLabel = "FILE",
      description = "A Nines spec: take the monitor's interval, regions, quorum, rule table and "
          + "maintenance from it (needs --monitor).")
  Path specFile;

  @Option(names = "--monitor", paramLabel = "NAME", description = "The monitor of --spec.")
  String monitor;

  @Option(names = "--from", paramLabel = "TIME",
      description = "Start of the window (inclusive; default: the first observation).")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "End of the window (exclusive; default: the last observation).")
  String to;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** What the options say about the monitor. */
  private record Setup(String name, List<String> regions, Duration interval, Integer quorum,
      AttributionTable table, List<MaintenanceWindow> maintenance) {}

  @Override public Integer call() {
    List<String> problems = new ArrayList<>();
    Setup setup = specFile != null || monitor != null ? fromSpec(problems) : fromOptions(problems);
    Instant start = from == null ? null
        : attempt(text -> parseTime("--from", text), from, problems);
    Instant end = to == null ? null : attempt(text -> parseTime("--to", text), to, problems);
    if (start != null && end != null && start.isAfter(end)) {
      problems.add("--from " + from + " is after --to " + to + ". Expected --from <= --to");
    }
    ObservationCsv csv = readCsv(problems);
    Map<String, List<Observation>> byRegion = null;
    if (csv != null && setup != null && problems.isEmpty()) {
      byRegion = regions(csv, setup, problems);
    }
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.flush();
      return BAD_INPUT;
    }
    report(csv, setup, byRegion, start, end);
    return 0;
  }

  private Setup fromOptions(List<String> problems) {
    AttributionTable table = rules == null ? AttributionTable.defaults()
        : attempt(RulesFile::read, rules, problems);
    Duration every = attempt(this::parseInterval, interval == null ? "60s" : interval, problems);
    return new Setup("uptime", null, every, quorum, table, List.of());
  }

  private Setup fromSpec(List<String> problems) {
    if (specFile == null || monitor == null) {
      problems.add((specFile == null ? "--monitor" : "--spec") + ": given alone. Expected "
          + "--spec FILE and --monitor NAME together");
      return null;
    }
    for (String[] option : new String[][] {{"--rules", rules == null ? null : "x"},
        {"--interval", interval}, {"--quorum", quorum == null ? null : "x"}}) {
      if (option[1] != null) {
        problems.add(option[0] + ": not used with --spec. Expected the monitor's own setting "
            + "in the spec");
      }
    }
    dev.nines.model.Spec s;
    try {
      s = SpecReader.read(specFile).spec();
    } catch (IOException e) {
      problems.add(specFile + ": cannot read (" + e.getMessage() + "). Expected a Nines spec");
      return null;
    } catch (SpecException e) {
      problems.add(specFile + ": not a valid spec. Expected one that `nines validate` accepts:\n"
          + e.getMessage());
      return null;
    }
    MonitorSpec m = s.monitors().stream().filter(x -> x.name().equals(monitor)).findFirst()
        .orElse(null);
    if (m == null) {
      problems.add("--monitor " + monitor + ": no such monitor in " + specFile + ". Expected one "
          + "of " + String.join(", ", s.monitors().stream().map(MonitorSpec::name).toList()));
      return null;
    }
    return new Setup(m.name(), s.regionsOf(m), m.interval(), s.quorumOf(m),
        UptimeInputs.table(s.service(m.service())), UptimeInputs.maintenance(s, m.service()));
  }

  /** The observations by region, checked against the monitor's regions and the quorum. */
  private Map<String, List<Observation>> regions(ObservationCsv csv, Setup setup,
      List<String> problems) {
    Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
    if (setup.regions() != null) {
      setup.regions().forEach(r -> byRegion.put(r, new ArrayList<>()));
      if (!csv.regional() && setup.regions().size() == 1) {
        byRegion.get(setup.regions().get(0)).addAll(csv.observations());
        return byRegion;
      }
      if (!csv.regional() && !csv.observations().isEmpty()) {
        problems.add(file + ": no region column, but monitor " + setup.name() + " runs in "
            + String.join(", ", setup.regions()) + ". Expected time,state,region lines");
        return null;
      }
      csv.byRegion().forEach((region, list) -> {
        if (!byRegion.containsKey(region)) {
          problems.add(file + ": region '" + region + "' is not a region of monitor "
              + setup.name() + ". Expected one of " + String.join(", ", setup.regions()));
        } else {
          byRegion.get(region).addAll(list);
        }
      });
      return byRegion;
    }
    if (csv.regional()) {
      byRegion.putAll(csv.byRegion());
    } else {
      byRegion.put(ONE_REGION, csv.observations());
    }
    if (quorum != null && !csv.regional()) {
      problems.add("--quorum " + quorum + ": " + file + " has no region column. "
          + "Expected time,state,region lines to combine regions");
    } else if (quorum != null && (quorum < 1 || quorum > byRegion.size())) {
      problems.add("--quorum " + quorum + " is out of range. Expected 1 <= N <= "
          + byRegion.size() + ", the number of regions in " + file);
    }
    return byRegion;
  }

  private void report(ObservationCsv csv, Setup setup, Map<String, List<Observation>> byRegion,
      Instant start, Instant end) {
    Instant first = csv.observations().stream().map(Observation::time).min(Instant::compareTo)
        .orElse(null);
    Instant last = csv.observations().stream().map(Observation::time).max(Instant::compareTo)
        .orElse(null);
    Instant a = start != null ? start : first != null ? first : end != null ? end : Instant.EPOCH;
    Instant b = end != null ? end : last != null && last.isAfter(a) ? last : a;
    Instant known = last != null && last.isAfter(b) ? last : b;
    int q = setup.quorum() != null ? setup.quorum()
        : quorum != null ? quorum : dev.nines.model.Spec.majority(byRegion.size());
    MonitorObservations m = MonitorObservations.of(setup.name(), byRegion, setup.interval(), q);
    UptimeReport r = Uptime.compute(new UptimeQuery(List.of(m), setup.table(),
        setup.maintenance(), false, a, b, known));
    boolean regional = byRegion.size() > 1 || csv.regional();
    String regionsLine = regional ? byRegion.size() + ", quorum " + q + ", interval "
        + Durations.format(setup.interval()) : null;
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? UptimeOutput.json(r, regional) : UptimeOutput.text(r, regionsLine));
    out.flush();
  }

  private ObservationCsv readCsv(List<String> problems) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      ObservationCsv csv = ObservationCsv.parse(file.toString(), lines);
      problems.addAll(csv.problems());
      return csv;
    } catch (CharacterCodingException e) {
      problems.add(file + ": not UTF-8 text. Expected a CSV file of time,state[,region] lines");
    } catch (IOException e) {
      problems.add(file + (Files.exists(file) ? ": cannot read (" + e.getMessage() + ")"
          : ": no such file") + ". Expected a CSV file of time,state[,region] lines");
    }
    return null;
  }

  private Duration parseInterval(String text) {
    try {
      Duration parsed = Durations.parse(text);
      if (parsed.isZero()) {
        throw new IllegalArgumentException("'" + text + "' is not positive. "
            + "Expected a check interval > 0, e.g. 60s");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--interval: " + e.getMessage());
    }
  }

  private static Instant parseTime(String option, String text) {
    try {
      return ObservationCsv.parseTime(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  private static <I, T> T attempt(Function<I, T> parse, I input, List<String> problems) {
    try {
      return parse.apply(input);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }
}
