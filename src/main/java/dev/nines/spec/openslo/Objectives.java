package dev.nines.spec.openslo;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Budgeting;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Severity;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import dev.nines.spec.Fields;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What OpenSLO v1 and v1alpha objectives share: the target (a 0–1 ratio, or a percentage),
 * the threshold comparison, the SLI kind and the assembled Nines SLO.
 */
final class Objectives {
  private Objectives() {}

  /** The parts of an SLO common to all its objectives. */
  record Common(String service, String description, SloWindow window, Meta meta,
      NinesAnnotations nines, AlertingSpec alerting) {}

  /** The target of an objective: {@code target} (ratio) or {@code targetPercent}; null when reported. */
  static Target target(Fields o, boolean percentAllowed) {
    if (percentAllowed && o.has("targetPercent")) {
      if (o.has("target")) {
        o.error("targetPercent", "is given with target. Expected one of the two");
        return null;
      }
      return o.parsed("targetPercent", Objectives::percent, true);
    }
    if (!o.has("target")) {
      OpenSloObject.required(o, "target", "a ratio such as 0.999"
          + (percentAllowed ? ", or targetPercent such as 99.9" : ""));
      return null;
    }
    return o.parsed("target", Objectives::ratio, true);
  }

  private static Target ratio(String text) {
    BigDecimal r = number(text);
    if (r.signum() <= 0 || r.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(text.strip() + " is out of range. Expected "
          + "0 < target < 1, e.g. 0.999 for 99.9 %");
    }
    return Target.ofRatio(r);
  }

  private static Target percent(String text) {
    BigDecimal p = number(text);
    if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) >= 0) {
      throw new IllegalArgumentException(text.strip() + " is out of range. Expected "
          + "0 < targetPercent < 100");
    }
    return new Target(p.stripTrailingZeros());
  }

  /** A decimal, or an IllegalArgumentException naming the text. */
  static BigDecimal number(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + " is not a number");
    }
  }

  /** A thresholdMetric source: good when a sample satisfies the objective's op and value. */
  static SliSource threshold(Fields o, MetricQuery metric) {
    String op = o.parsed("op", Objectives::op, true);
    BigDecimal value = o.decimal("value", true);
    return op == null || value == null ? null
        : new SliSource.Threshold(metric, op, value.doubleValue());
  }

  private static String op(String text) {
    String op = text.strip().toLowerCase(Locale.ROOT);
    if (!List.of("lt", "lte", "gt", "gte").contains(op)) {
      throw new IllegalArgumentException(text + " is not an operator. Expected lt, lte, gt or gte");
    }
    return op;
  }

  /**
   * The SLI: the annotated kind and threshold, else the default for the source. A
   * thresholdMetric compared with {@code lt} or {@code lte} whose SLI or query speaks of latency,
   * duration or response time is a latency SLI with the objective's value as its threshold;
   * null when reported.
   *
   * @param about the SLI's name, display name and description
   */
  static SliSpec sli(SliSource source, String about, NinesAnnotations nines, Fields spec) {
    Duration latency = nines.kind() == null ? latencyThreshold(source, about) : null;
    SliKind kind = nines.kind() != null ? nines.kind()
        : latency != null ? SliKind.LATENCY : Indicators.defaultKind(source);
    Duration threshold = nines.threshold() != null ? nines.threshold() : latency;
    if (kind.needsThreshold() && threshold == null) {
      spec.problems().error(spec.location(), spec.path(), kind.id() + " needs a threshold. "
          + "Expected an annotation nines.dev/sli-threshold such as 300ms");
      return null;
    }
    return new SliSpec(kind, threshold, source, nines.badStatuses());
  }

  private static final java.util.regex.Pattern LATENCY = java.util.regex.Pattern.compile(
      "latenc|duration|response[ _-]?time", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * The latency threshold a thresholdMetric source stands for, or null when it is not about
   * latency. The value is in seconds when the query names seconds (Prometheus's
   * {@code *_duration_seconds}), else in milliseconds (OpenSLO's {@code value: 500}).
   */
  static Duration latencyThreshold(SliSource source, String about) {
    if (!(source instanceof SliSource.Threshold t) || !t.op().startsWith("lt")
        || !(t.value() > 0) || Double.isInfinite(t.value())) {
      return null;
    }
    String query = String.join(" ", t.metric().spec().values());
    if (!LATENCY.matcher(about + " " + query).find()) {
      return null;
    }
    boolean seconds = query.contains("seconds") && !query.contains("milliseconds");
    long nanos = Math.round(t.value() * (seconds ? 1e9 : 1e6));
    return nanos > 0 ? Duration.ofNanos(nanos) : null;
  }

  /** Alerting from policy windows and Nines annotations, or null when the SLO declares none. */
  static AlertingSpec alerting(List<AlertWindow> windows, NinesAnnotations.Alerting a) {
    return alerting(windows, a, Map.of());
  }

  /** Alerting whose page and ticket wait their conditions' {@code alertAfter} ({@code for}). */
  static AlertingSpec alerting(List<AlertWindow> windows, NinesAnnotations.Alerting a,
      Map<Severity, Duration> alertAfter) {
    if (windows.isEmpty() && !a.declared()) {
      return null;
    }
    return new AlertingSpec(a.name(), a.labels(), a.annotations(),
        waiting(a.page(), alertAfter.get(Severity.PAGE)),
        waiting(a.ticket(), alertAfter.get(Severity.TICKET)), windows);
  }

  private static AlertTarget waiting(AlertTarget t, Duration after) {
    return after == null ? t : new AlertTarget(t.enabled(), t.labels(), t.annotations(), after);
  }

  /** Assembles one Nines SLO; null when a part is missing (already reported). */
  static SloSpec slo(String name, Common c, SliSpec sli, Target target, Budgeting budgeting) {
    if (name == null || c.service() == null || c.window() == null || sli == null
        || target == null || budgeting == null) {
      return null;
    }
    NinesAnnotations n = c.nines();
    return new SloSpec(name, c.service(), n.endpoint(), c.description(), sli, target, c.window(),
        n.owner(), n.approver(), n.reason(), n.audience(), budgeting, c.alerting(),
        c.meta().labels());
  }

  /** Lower-case words joined by dashes: {@code Internal objective} becomes {@code internal-objective}. */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
