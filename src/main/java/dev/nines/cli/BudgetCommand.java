package dev.nines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.CalendarUnit;
import dev.nines.model.Durations;
import dev.nines.model.Target;
import dev.nines.slo.AllowedDowntime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nines budget TARGET}: allowed bad time per window, exact. */
@Command(name = "budget", mixinStandardHelpOptions = true, description = "Allowed bad time (downtime) for a target. Without "
    + "--window: day, week, 30d, average month, average quarter and year (365.25 d).")
final class BudgetCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = Json.MAPPER;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "Target in percent, e.g. 99.95")
  String target;

  @Option(names = "--window", paramLabel = "W", description = "day, week, month, quarter, "
      + "year (averages), a rolling length such as 28d, or a real period: day:2026-03-29, "
      + "week:2026-W13, month:2026-10, quarter:2026-Q4, year:2028")
  String window;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Time zone of a named period (default UTC)")
  String zone;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override public Integer call() throws Exception {
    Target t;
    try {
      t = Target.parse(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "TARGET: " + e.getMessage());
    }
    if (t.ratioHint() != null) {
      spec.commandLine().getErr().println("TARGET: warning: " + t.ratioHint());
      spec.commandLine().getErr().flush();
    }
    List<AllowedDowntime> rows = window == null ? AllowedDowntime.table(t) : List.of(one(t));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("target", t.percent());
      if (window != null) {
        o.put("window", rows.get(0).window());
        o.put("windowSeconds", rows.get(0).windowSeconds());
        o.put("allowedSeconds", rows.get(0).allowedSeconds());
      } else {
        ObjectNode allowed = o.putObject("allowedSeconds");
        rows.forEach(r -> allowed.put(r.window(), r.allowedSeconds()));
      }
      out.println(JSON.writeValueAsString(o));
    } else {
      out.printf("Allowed bad time at %s%n", t);
      out.printf("%-18s %14s %18s %14s%n", "window", "length", "allowed", "seconds");
      for (AllowedDowntime r : rows) {
        out.printf("%-18s %14s %18s %14s%n", r.window(), human(r.windowSeconds()),
            human(r.allowedSeconds()), r.allowedSeconds().toPlainString());
      }
    }
    out.flush();
    return 0;
  }

  private AllowedDowntime one(Target t) {
    try {
      if (window.contains(":")) {
        return AllowedDowntime.ofPeriod(t, window, CalendarUnit.parsePeriod(window, ZoneId.of(zone)));
      }
      for (AllowedDowntime r : AllowedDowntime.table(t)) {
        if (r.window().equals(window)) {
          return r;
        }
      }
      java.time.Duration length = Durations.parse(window);
      if (length.isZero()) {
        throw new IllegalArgumentException(window + " is zero. Expected a positive duration");
      }
      return AllowedDowntime.ofSeconds(t, window, BigDecimal.valueOf(length.toMillis(), 3));
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--window: " + e.getMessage());
    }
  }

  /** A duration in seconds as {@code 3d 15h 35m 31.2s}: days, hours, minutes, seconds. */
  static String human(BigDecimal seconds) {
    BigDecimal s = seconds;
    StringBuilder b = new StringBuilder();
    long[] sizes = {86_400, 3_600, 60};
    String[] units = {"d", "h", "m"};
    for (int i = 0; i < sizes.length; i++) {
      BigDecimal size = BigDecimal.valueOf(sizes[i]);
      long n = s.divide(size, 0, RoundingMode.DOWN).longValue();
      if (n > 0) {
        b.append(n).append(units[i]).append(' ');
        s = s.subtract(size.multiply(BigDecimal.valueOf(n)));
      }
    }
    if (s.signum() > 0 || b.isEmpty()) {
      b.append(s.setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()).append('s');
    }
    return b.toString().strip();
  }
}
