package dev.nines.cli;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Observations read from CSV lines {@code time,state[,region]}, with every bad line reported as
 * {@code SOURCE:LINE: message}. A header line, blank lines and {@code #} comments are skipped.
 */
record ObservationCsv(List<Observation> observations, Map<String, List<Observation>> byRegion,
    List<String> problems) {
  private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,18}(\\.\\d{1,9})?");

  ObservationCsv {
    observations = List.copyOf(observations);
    byRegion = Map.copyOf(byRegion);
    problems = List.copyOf(problems);
  }

  /** Whether the lines carry a region column, so the regions must be combined by quorum. */
  boolean regional() {
    return !byRegion.isEmpty();
  }

  /** Parses the lines of {@code source}; problems are listed in line order. */
  static ObservationCsv parse(String source, List<String> lines) {
    List<Row> rows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    boolean first = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = i == 0 ? lines.get(0).replace("\uFEFF", "") : lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      List<String> fields = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
      if (!(first && isHeader(fields))) {
        parseRow(i + 1, line, fields, rows, problems);
      }
      first = false;
    }
    return assemble(source, rows, problems);
  }

  private static boolean isHeader(List<String> fields) {
    return fields.size() >= 2 && fields.size() <= 3
        && fields.get(0).equalsIgnoreCase("time") && fields.get(1).equalsIgnoreCase("state")
        && (fields.size() == 2 || fields.get(2).equalsIgnoreCase("region"));
  }

  private static void parseRow(int line, String text, List<String> fields, List<Row> rows,
      List<Problem> problems) {
    if (fields.size() < 2 || fields.size() > 3) {
      problems.add(new Problem(line, "'" + text.strip() + "' has " + fields.size()
          + (fields.size() == 1 ? " field" : " fields")
          + ". Expected time,state or time,state,region"));
      return;
    }
    int before = problems.size();
    Instant time = attempt(() -> parseTime(fields.get(0)), line, problems);
    State state = attempt(() -> State.parse(fields.get(1)), line, problems);
    String region = fields.size() == 3 ? fields.get(2) : null;
    if (region != null && region.isEmpty()) {
      problems.add(new Problem(line, "empty region. Expected a region name such as eu-west"));
    }
    if (problems.size() == before) {
      rows.add(new Row(line, new Observation(time, state), region));
    }
  }

  private static <T> T attempt(Supplier<T> parse, int line,
      List<Problem> problems) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(line, e.getMessage()));
      return null;
    }
  }

  private static ObservationCsv assemble(String source, List<Row> rows, List<Problem> problems) {
    boolean regional = rows.stream().anyMatch(row -> row.region() != null);
    List<Observation> observations = new ArrayList<>();
    Map<String, List<Observation>> byRegion = new TreeMap<>();
    for (Row row : rows) {
      observations.add(row.observation());
      if (regional && row.region() == null) {
        problems.add(new Problem(row.line(), "no region, but other lines have one. "
            + "Expected time,state,region on every line"));
      } else if (regional) {
        byRegion.computeIfAbsent(row.region(), r -> new ArrayList<>()).add(row.observation());
      }
    }
    List<String> messages = problems.stream()
        .sorted(Comparator.comparingInt(Problem::line))
        .map(p -> source + ":" + p.line() + ": " + p.message())
        .toList();
    return new ObservationCsv(observations, byRegion, messages);
  }

  /**
   * Parses an ISO-8601 instant ({@code 2026-10-01T10:00:01Z}, an offset allowed), an ISO local
   * date-time taken as UTC ({@code 2026-10-01T10:00:01}) or epoch seconds ({@code 1790848801},
   * a fraction allowed).
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Instant parseTime(String text) {
    String s = text.strip();
    try {
      return EPOCH_SECONDS.matcher(s).matches() ? epochSeconds(s) : isoTime(s);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time. Expected an ISO-8601 "
          + "instant (2026-10-01T10:00:01Z), a date-time taken as UTC (2026-10-01T10:00:01) "
          + "or epoch seconds (1790848801)");
    }
  }

  private static Instant epochSeconds(String s) {
    BigDecimal seconds = new BigDecimal(s);
    long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static Instant isoTime(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException notAnInstant) {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }
  }

  private record Row(int line, Observation observation, String region) {}

  private record Problem(int line, String message) {}
}
