package dev.nines.cli;

import dev.nines.model.Durations;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.Observation;
import dev.nines.uptime.QuorumResult;
import dev.nines.uptime.RegionQuorum;
import dev.nines.uptime.UptimeCalculator;
import dev.nines.uptime.UptimeSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code nines uptime} command: state-based uptime of a CSV file of observations, with
 * bounds, optional attribution-rule overrides and a regional quorum.
 */
@Command(name = "uptime", mixinStandardHelpOptions = true,
    description = {"Uptime of a CSV file of time,state[,region] observations: up, down and "
        + "unknown time, the uptime and its bounds.",
        "With a region column the regions are combined by quorum, and a region failing alone "
        + "is a regional incident, not downtime."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:computed", "2:bad input (every problem is listed on stderr)"})
public final class UptimeCommand implements Callable<Integer> {
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "Lines time,state[,region]. "
      + "A time is an ISO instant, a date-time taken as UTC or epoch seconds.")
  Path file;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "YAML or JSON map of attribution overrides, like OK->UNKNOWN: down")
  Path rules;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s",
      description = "Check interval; a region is stale after 2 intervals "
          + "(default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--quorum", paramLabel = "N",
      description = "Regions that must agree (default: a majority of the regions in the file).")
  Integer quorum;

  @Option(names = "--from", paramLabel = "TIME", description = "Start of the window (inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End of the window (exclusive).")
  String to;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override public Integer call() {
    List<String> problems = new ArrayList<>();
    AttributionTable table = rules == null ? AttributionTable.defaults()
        : attempt(RulesFile::read, rules, problems);
    Duration every = attempt(this::parseInterval, interval, problems);
    Instant start = from == null ? Instant.MIN
        : attempt(text -> parseTime("--from", text), from, problems);
    Instant end = to == null ? Instant.MAX
        : attempt(text -> parseTime("--to", text), to, problems);
    if (start != null && end != null && start.isAfter(end)) {
      problems.add("--from " + from + " is after --to " + to + ". Expected --from <= --to");
    }
    ObservationCsv csv = readCsv(problems);
    if (csv != null && problems.isEmpty()) {
      checkQuorum(csv, problems);
    }
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(err::println);
      err.flush();
      return BAD_INPUT;
    }
    report(csv, table, every, start, end);
    return 0;
  }

  private void report(ObservationCsv csv, AttributionTable table, Duration every, Instant start,
      Instant end) {
    List<Observation> timeline = csv.observations();
    QuorumResult regional = null;
    String regionsLine = null;
    if (csv.regional()) {
      int regions = csv.byRegion().size();
      int q = quorum != null ? quorum : dev.nines.model.Spec.majority(regions);
      regional = RegionQuorum.combine(csv.byRegion(), every, q);
      timeline = regional.timeline();
      regionsLine = regions + ", quorum " + q + ", interval " + Durations.format(every);
    }
    UptimeSnapshot snapshot = UptimeCalculator.compute(timeline, table, start, end);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? UptimeOutput.json(snapshot, regional)
        : UptimeOutput.text(snapshot, regional, regionsLine));
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

  private void checkQuorum(ObservationCsv csv, List<String> problems) {
    if (quorum == null) {
      return;
    }
    int regions = csv.byRegion().size();
    if (!csv.regional()) {
      problems.add("--quorum " + quorum + ": " + file + " has no region column. "
          + "Expected time,state,region lines to combine regions");
    } else if (quorum < 1 || quorum > regions) {
      problems.add("--quorum " + quorum + " is out of range. Expected 1 <= N <= " + regions
          + ", the number of regions in " + file);
    }
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
