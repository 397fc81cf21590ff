package dev.nines.spec;

import static dev.nines.spec.SpecWriter.YAML;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Budgeting;
import dev.nines.model.Durations;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TreeSet;

/** Writer of the {@code slos} section of a native spec: the inverse of {@link SloReader}. */
final class SloWriter {
  private final ZoneId specZone;

  /** @param specZone the zone the reader gives calendar windows that name none */
  SloWriter(ZoneId specZone) {
    this.specZone = specZone;
  }

  ObjectNode slo(SloSpec slo) {
    ObjectNode n = YAML.createObjectNode();
    SpecWriter.text(n, "name", slo.name());
    SpecWriter.text(n, "service", slo.service());
    SpecWriter.text(n, "endpoint", slo.endpoint());
    SpecWriter.text(n, "displayName", slo.displayName());
    SpecWriter.text(n, "description", slo.description());
    if (slo.sli() != null) {
      n.set("sli", sli(slo.name(), slo.sli()));
    }
    if (slo.target() != null) {
      n.put("target", slo.target().percent());
    }
    if (slo.window() != null) {
      n.set("window", window(slo.window()));
    }
    SpecWriter.text(n, "owner", slo.owner());
    SpecWriter.text(n, "approver", slo.approver());
    SpecWriter.text(n, "reason", slo.reason());
    SpecWriter.audience(n, slo.audience());
    SpecWriter.textMap(n, "labels", slo.labels());
    if (slo.excludeMaintenance()) {
      n.put("maintenance", "exclude");
    }
    if (slo.budgeting() != null && !slo.budgeting().equals(Budgeting.OCCURRENCES)) {
      n.set("budgeting", budgeting(slo.budgeting()));
    }
    if (slo.alerting() != null && !slo.alerting().equals(AlertingSpec.defaults())) {
      n.set("alerting", alerting(slo.alerting()));
    }
    return n;
  }

  private static ObjectNode sli(String slo, SliSpec sli) {
    ObjectNode n = YAML.createObjectNode();
    n.put("kind", sli.kind().id());
    SpecWriter.duration(n, "threshold", sli.threshold(), null);
    if (sli.source() != null) {
      n.set("source", source(slo, sli.source()));
    }
    SpecWriter.integers(n, "badStatuses", sli.badStatuses());
    return n;
  }

  private static JsonNode source(String slo, SliSource source) {
    return switch (source) {
      case SliSource.Events e -> TextNode.valueOf("events");
      case SliSource.Monitors m -> {
        ObjectNode n = YAML.createObjectNode();
        SpecWriter.strings(n, "monitors", m.names());
        if (m.countAttempts()) {
          n.put("count", "attempts");
        }
        yield n;
      }
      case SliSource.Ratio r when plain(r.good(), r.bad(), r.total()) -> {
        ObjectNode p = YAML.createObjectNode();
        if (r.good() != null) {
          p.put("good", r.good().query());
        } else {
          p.put("bad", r.bad().query());
        }
        p.put("valid", r.total().query());
        yield prometheus(p);
      }
      case SliSource.RawErrorRatio r when plain(r.errorRatio()) ->
          prometheus(YAML.createObjectNode().put("errorRatio", r.errorRatio().query()));
      case SliSource.Ratio r -> metrics(slo, r.good() != null ? "good" : "bad",
          r.good() != null ? r.good() : r.bad(), "valid", r.total());
      case SliSource.RawErrorRatio r -> metrics(slo, "errorRatio", r.errorRatio());
      case SliSource.Threshold t -> {
        ObjectNode n = metrics(slo, "threshold", t.metric());
        ObjectNode m = (ObjectNode) n.get("metrics");
        m.put("op", t.op());
        m.put("value", new java.math.BigDecimal(
            java.math.BigDecimal.valueOf(t.value()).stripTrailingZeros().toPlainString()));
        yield n;
      }
    };
  }

  /** Whether every query is a plain Prometheus query, written in the short prometheus form. */
  private static boolean plain(MetricQuery... queries) {
    for (MetricQuery q : queries) {
      if (q != null && !(q.spec().get("query") != null
          && q.equals(MetricQuery.prometheus(q.spec().get("query"))))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(MetricQuery q) {
    return q.sourceType() + (q.sourceRef() == null ? "" : " on " + q.sourceRef());
  }

  /** The general form: {@code metrics: {type, ref, KEY: {fields}, ...}} for key/query pairs. */
  private static ObjectNode metrics(String slo, Object... keyAndQuery) {
    ObjectNode m = YAML.createObjectNode();
    MetricQuery first = (MetricQuery) keyAndQuery[1];
    m.put("type", first.sourceType());
    if (first.sourceRef() != null) {
      m.put("ref", first.sourceRef());
    }
    for (int i = 0; i < keyAndQuery.length; i += 2) {
      MetricQuery q = (MetricQuery) keyAndQuery[i + 1];
      if (!q.sourceType().equals(first.sourceType())
          || !java.util.Objects.equals(q.sourceRef(), first.sourceRef())) {
        throw new IllegalArgumentException("SLO '" + slo + "': sli.source mixes data sources ("
            + describe(first) + " and " + describe(q) + "), which the native format "
            + "cannot express. Expected one data source per SLI");
      }
      ObjectNode fields = m.putObject((String) keyAndQuery[i]);
      new TreeSet<>(q.spec().keySet()).forEach(k -> fields.put(k, q.spec().get(k)));
    }
    ObjectNode n = YAML.createObjectNode();
    n.set("metrics", m);
    return n;
  }

  private static ObjectNode prometheus(ObjectNode queries) {
    ObjectNode n = YAML.createObjectNode();
    n.set("prometheus", queries);
    return n;
  }

  private JsonNode window(SloWindow window) {
    return switch (window) {
      case SloWindow.Rolling r -> TextNode.valueOf(Durations.format(r.length()));
      case SloWindow.Calendar c when specZone.equals(c.zone()) -> TextNode.valueOf(c.unit().id());
      case SloWindow.Calendar c -> {
        ObjectNode n = YAML.createObjectNode().put("calendar", c.unit().id());
        SpecWriter.text(n, "timeZone", c.zone() == null ? null : c.zone().getId());
        yield n;
      }
    };
  }

  private static ObjectNode budgeting(Budgeting b) {
    ObjectNode n = YAML.createObjectNode();
    n.put("method", b.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (b.timeSliceTarget() != null) {
      n.set("timeSliceTarget", share(b.timeSliceTarget()));
    }
    SpecWriter.duration(n, "timeSliceWindow", b.timeSliceWindow(), null);
    return n;
  }

  private static ObjectNode alerting(AlertingSpec a) {
    ObjectNode n = YAML.createObjectNode();
    SpecWriter.text(n, "name", a.name());
    SpecWriter.textMap(n, "labels", a.labels());
    SpecWriter.textMap(n, "annotations", a.annotations());
    target(n, "page", a.page());
    target(n, "ticket", a.ticket());
    if (a.minEvents() != null) {
      n.put("minEvents", a.minEvents());
    }
    if (!a.windows().equals(AlertWindow.googleDefaults())) {
      // Written even when empty: the reader reads an empty list as no conditions, not the defaults.
      ArrayNode windows = n.putArray("windows");
      a.windows().forEach(w -> windows.add(alertWindow(w)));
    }
    return n;
  }

  private static void target(ObjectNode parent, String key, AlertTarget t) {
    if (t == null || t.equals(AlertTarget.ENABLED)) {
      return;
    }
    ObjectNode n = parent.putObject(key);
    if (!t.enabled()) {
      n.put("enabled", false);
    }
    SpecWriter.textMap(n, "labels", t.labels());
    SpecWriter.textMap(n, "annotations", t.annotations());
    SpecWriter.duration(n, "for", t.forDuration(), java.time.Duration.ZERO);
  }

  private static ObjectNode alertWindow(AlertWindow w) {
    ObjectNode n = YAML.createObjectNode();
    n.put("severity", w.severity().id());
    SpecWriter.duration(n, "long", w.longWindow(), null);
    SpecWriter.duration(n, "short", w.shortWindow(), null);
    if (w.budgetConsumed() != null) {
      n.set("budgetConsumed", share(w.budgetConsumed()));
    }
    if (w.factor() != null) {
      n.put("factor", w.factor());
    }
    return n;
  }

  /** A budget share as a percentage, {@code 2%} for 0.02; the reader normalises it back. */
  static JsonNode share(BigDecimal share) {
    return TextNode.valueOf(share.movePointRight(2).stripTrailingZeros().toPlainString() + "%");
  }
}
