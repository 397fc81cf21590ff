package dev.nines.spec.openslo;

import dev.nines.model.Budgeting;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Target;
import dev.nines.spec.Fields;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads OpenSLO v1 SLOs into Nines SLOs, one per objective. A single objective keeps the SLO
 * name; with several, each is named {@code <slo>-<slug of displayName>}, or
 * {@code <slo>-<index>} (from 0) when it has no display name.
 */
final class Slos {
  private final Indicators indicators;
  private final Alerts alerts;

  Slos(Indicators indicators, Alerts alerts) {
    this.indicators = indicators;
    this.alerts = alerts;
  }

  List<SloSpec> read(OpenSloObject slo) {
    Fields spec = slo.spec();
    if (spec == null) {
      return List.of();
    }
    spec.allowOnly("description", "service", "indicator", "indicatorRef", "timeWindow",
        "budgetingMethod", "objectives", "alertPolicies");
    NinesAnnotations nines = NinesAnnotations.read(slo.meta());
    Objectives.Common common = new Objectives.Common(spec.requireString("service"),
        spec.string("description"), TimeWindows.read(spec), slo.meta(), nines,
        alerting(alerts.ofSlo(spec), nines));
    Indicators.Indicator indicator = indicators.ofSlo(spec);
    Budgeting.Method method = method(spec);
    List<Fields> objectives = spec.maps("objectives");
    if (objectives.isEmpty() && !spec.has("objectives")) {
      OpenSloObject.required(spec, "objectives", "at least one objective with a target");
    }
    List<SloSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < objectives.size(); i++) {
      Fields o = objectives.get(i);
      String name = objectives.size() == 1 ? slo.name() : name(slo.name(), o, i);
      if (name != null && !names.add(name)) {
        o.error("displayName", o.string("displayName") + " gives a second objective the name "
            + name + ". Expected display names that differ in letters or digits");
        continue;
      }
      SloSpec s = objective(o, name, common, indicator, method, spec);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static String name(String slo, Fields objective, int index) {
    String display = objective.string("displayName");
    String slug = display == null ? "" : Objectives.slug(display);
    return slo + "-" + (slug.isEmpty() ? String.valueOf(index) : slug);
  }

  private static SloSpec objective(Fields o, String name, Objectives.Common common,
      Indicators.Indicator indicator, Budgeting.Method method, Fields spec) {
    o.allowOnly("displayName", "op", "value", "target", "targetPercent", "timeSliceTarget",
        "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight");
    for (String composite : List.of("indicator", "indicatorRef", "compositeWeight")) {
      if (o.has(composite)) {
        o.error(composite, "belongs to a composite SLO, which Nines does not support. "
            + "Expected the indicator on the SLO, or one SLO per indicator");
      }
    }
    Target target = Objectives.target(o, true);
    Budgeting budgeting = method == null ? null : budgeting(method, o);
    if (indicator == null) {
      return null;
    }
    SliSource source = indicator.thresholdMetric() != null
        ? Objectives.threshold(o, indicator.thresholdMetric()) : indicator.source();
    return source == null ? null : Objectives.slo(name, common,
        Objectives.sli(source, indicator.about(), common.nines(), spec), target, budgeting);
  }

  private static Budgeting.Method method(Fields spec) {
    if (!spec.has("budgetingMethod")) {
      return Budgeting.Method.OCCURRENCES;
    }
    return spec.parsed("budgetingMethod", m -> switch (m.strip()) {
      case "Occurrences" -> Budgeting.Method.OCCURRENCES;
      case "Timeslices" -> Budgeting.Method.TIMESLICES;
      case "RatioTimeslices" -> Budgeting.Method.RATIO_TIMESLICES;
      default -> throw new IllegalArgumentException(m + " is not a budgeting method. Expected "
          + "Occurrences, Timeslices or RatioTimeslices");
    }, false);
  }

  private static Budgeting budgeting(Budgeting.Method method, Fields o) {
    BigDecimal sliceTarget = o.parsed("timeSliceTarget", Slos::sliceTarget, false);
    Duration sliceWindow = OpenSloDurations.read(o, "timeSliceWindow", false);
    boolean ok = true;
    if (method != Budgeting.Method.TIMESLICES && o.has("timeSliceTarget")) {
      o.error("timeSliceTarget", "is only used with budgetingMethod Timeslices. Expected none");
      ok = false;
    }
    if (method == Budgeting.Method.OCCURRENCES && o.has("timeSliceWindow")) {
      o.error("timeSliceWindow", "is only used with budgetingMethod Timeslices or "
          + "RatioTimeslices. Expected none");
      ok = false;
    }
    if (method == Budgeting.Method.TIMESLICES && !o.has("timeSliceTarget")) {
      OpenSloObject.required(o, "timeSliceTarget", "a ratio 0 < timeSliceTarget <= 1 with "
          + "Timeslices");
      ok = false;
    }
    if (method != Budgeting.Method.OCCURRENCES && !o.has("timeSliceWindow")) {
      OpenSloObject.required(o, "timeSliceWindow", "the slice length, e.g. 1m");
      ok = false;
    }
    if (sliceWindow != null && (sliceWindow.toMinutes() < 1
        || !sliceWindow.equals(Duration.ofMinutes(sliceWindow.toMinutes())))) {
      o.error("timeSliceWindow", o.string("timeSliceWindow") + " is not a whole number of "
          + "minutes. Expected a slice of 1m or more (Nines keeps per-minute buckets)");
      ok = false;
    }
    boolean parsed = (sliceTarget != null || !o.has("timeSliceTarget"))
        && (sliceWindow != null || !o.has("timeSliceWindow"));
    return ok && parsed ? new Budgeting(method, sliceTarget, sliceWindow) : null;
  }

  private static BigDecimal sliceTarget(String text) {
    BigDecimal r = Objectives.number(text);
    if (r.signum() <= 0 || r.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(text.strip() + " is out of range. Expected "
          + "0 < timeSliceTarget <= 1");
    }
    return r.stripTrailingZeros();
  }

  private dev.nines.model.AlertingSpec alerting(List<dev.nines.model.AlertWindow> windows,
      NinesAnnotations nines) {
    return Objectives.alerting(windows, nines.alerting(), alerts.alertAfter(windows));
  }
}
