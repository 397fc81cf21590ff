package dev.nines.export.prometheus;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerting rules of one SLO: a page and a ticket alert, each firing when any of its
 * multi-window conditions holds (the error ratio over both the short and the long look-back
 * above factor × error budget), laid out as Sloth does; optionally guarded by minimum traffic,
 * and an alert for an SLI without data.
 */
final class AlertRules {
  private final SloRules slo;

  AlertRules(SloRules slo) {
    this.slo = slo;
  }

  List<Rule> rules() {
    List<Rule> out = new ArrayList<>();
    AlertingSpec a = slo.slo().alerting();
    if (a != null) {
      burnRate(a, Severity.PAGE, a.page(), out);
      burnRate(a, Severity.TICKET, a.ticket(), out);
    }
    if (slo.options().absentFor() != null) {
      out.add(absent(a));
    }
    return out;
  }

  private void burnRate(AlertingSpec a, Severity severity, AlertTarget target, List<Rule> out) {
    List<AlertWindow> windows = a.windows().stream().filter(w -> w.severity() == severity).toList();
    if (!target.enabled() || windows.isEmpty()) {
      return;
    }
    List<String> conditions = windows.stream().map(this::condition).toList();
    String expr = "(\n" + String.join(")\nor\n(\n", conditions) + ")\n";
    Map<String, String> labels = new LinkedHashMap<>(a.labels());
    labels.putAll(target.labels());
    labels.put("sloth_severity", severity.id());
    if (!slo.sloth()) {
      labels.putIfAbsent("severity", severity.id());
    }
    out.add(new Rule.Alert(RuleNames.alertName(slo.slo()), expr, null, labels,
        annotations(a, target, severity)));
  }

  /** One condition: the short and the long window above the threshold, each line indented. */
  private String condition(AlertWindow w) {
    BigDecimal factor = w.factorFor(slo.period());
    String threshold = "(" + PromQl.number(factor) + " * "
        + PromQl.number(slo.slo().target().budgetDecimal()) + ")";
    List<String> parts = new ArrayList<>();
    if (w.shortWindow() != null) {
      parts.add(above(w.shortWindow(), threshold));
    }
    parts.add(above(w.longWindow(), threshold));
    String guard = guard(w.longWindow());
    StringBuilder b = new StringBuilder("    ").append(String.join("\n    and\n    ", parts));
    if (guard != null) {
      b.append("\n    and on()\n    ").append(guard);
    }
    return b.append('\n').toString();
  }

  private String above(Duration window, String threshold) {
    return "max(" + RuleNames.sliErrorRatio(window) + slo.selector() + " > "
        + threshold + ") without (sloth_window)";
  }

  /** At least the minimum number of valid events over the long window, or null for no guard. */
  private String guard(Duration longWindow) {
    long min = slo.options().minEvents();
    if (min == 0 || !slo.queries().counts() || slo.queries().seconds()) {
      return null;
    }
    return "(" + slo.queries().totalRate(longWindow) + " * " + longWindow.toSeconds() + " >= "
        + min + ")";
  }

  private Map<String, String> annotations(AlertingSpec a, AlertTarget target, Severity s) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("summary", "{{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn "
        + "rate is over expected.");
    out.put("title", "(" + s.id() + ") {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO "
        + "error budget burn rate is too fast.");
    if (!slo.sloth() && slo.slo().description() != null) {
      out.put("description", slo.slo().description());
    }
    out.putAll(a.annotations());
    out.putAll(target.annotations());
    return out;
  }

  private Rule absent(AlertingSpec a) {
    Map<String, String> labels = new LinkedHashMap<>(a == null ? Map.of() : a.labels());
    labels.put("severity", Severity.TICKET.id());
    String after = PromQl.duration(slo.options().absentFor());
    Map<String, String> annotations = Map.of(
        "summary", "{{$labels.sloth_service}} {{$labels.sloth_slo}} SLI has had no data for "
            + after + ": its burn-rate alerts cannot fire.",
        "title", "(ticket) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLI data is absent.");
    return new Rule.Alert(camel(slo.slo().name()) + "SLIAbsent",
        "absent(" + RuleNames.SLI_ERROR + "5m" + slo.selector() + ")", slo.options().absentFor(),
        labels, annotations);
  }

  /** {@code assign-courier-success} as {@code AssignCourierSuccess}. */
  static String camel(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return b.toString();
  }
}
