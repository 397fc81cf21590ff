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

  /** The SLI: the annotated kind or the default for the source; null when reported. */
  static SliSpec sli(SliSource source, NinesAnnotations nines, Fields spec) {
    SliKind kind = nines.kind() != null ? nines.kind() : Indicators.defaultKind(source);
    if (kind.needsThreshold() && nines.threshold() == null) {
      spec.problems().error(spec.location(), spec.path(), kind.id() + " needs a threshold. "
          + "Expected an annotation nines.dev/sli-threshold such as 300ms");
      return null;
    }
    return new SliSpec(kind, nines.threshold(), source, nines.badStatuses());
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
