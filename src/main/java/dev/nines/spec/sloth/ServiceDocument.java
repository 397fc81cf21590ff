package dev.nines.spec.sloth;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Audience;
import dev.nines.model.Budgeting;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import dev.nines.spec.Fields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Sloth {@code prometheus/v1} document: a service, its labels and its SLOs. Every SLO
 * gets the service labels merged under its own (its own win, as in Sloth), an availability SLI
 * from the events or raw queries, and Sloth's alerting with the SRE Workbook windows.
 */
final class ServiceDocument {
  static final String VERSION = "prometheus/v1";

  private ServiceDocument() {}

  /** The SLOs of a document; empty when nothing could be read (reported). */
  static List<SloSpec> read(Fields doc, SloWindow window) {
    doc.allowOnly("version", "service", "labels", "slos");
    String version = doc.string("version");
    if (version == null) {
      AlertWindowsDocument.required(doc, "version", VERSION);
    } else if (!version.equals(VERSION)) {
      doc.error("version", version + " is not supported. Expected " + VERSION);
    }
    String service = doc.requireString("service");
    Map<String, String> labels = doc.stringMap("labels");
    List<SloSpec> out = new ArrayList<>();
    for (Fields slo : doc.maps("slos")) {
      SloSpec s = slo(slo, service, labels, window);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static SloSpec slo(Fields f, String service, Map<String, String> serviceLabels,
      SloWindow window) {
    f.allowOnly("name", "objective", "description", "labels", "sli", "alerting");
    String name = f.requireString("name");
    Target target = f.parsed("objective", ServiceDocument::objective, true);
    Map<String, String> labels = new LinkedHashMap<>(serviceLabels);
    labels.putAll(f.stringMap("labels"));
    SliSource source = sli(f);
    AlertingSpec alerting = alerting(f);
    if (name == null || service == null || target == null || source == null || alerting == null) {
      return null;
    }
    return new SloSpec(name, service, null, f.string("description"),
        new SliSpec(SliKind.AVAILABILITY, null, source, Set.of()), target, window, null, null,
        null, Audience.INTERNAL, Budgeting.OCCURRENCES, alerting, labels);
  }

  private static Target objective(String text) {
    BigDecimal p;
    try {
      p = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + " is not a number. Expected a percentage "
          + "such as 99.9");
    }
    if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) >= 0) {
      throw new IllegalArgumentException(text.strip() + " is out of range. Expected "
          + "0 < objective < 100 (100 leaves no error budget)");
    }
    return new Target(p.stripTrailingZeros());
  }

  private static SliSource sli(Fields slo) {
    Fields sli = slo.map("sli");
    if (sli == null) {
      if (!slo.has("sli")) {
        AlertWindowsDocument.required(slo, "sli", "events or raw");
      }
      return null;
    }
    sli.allowOnly("events", "raw", "plugin");
    Fields plugin = sli.map("plugin");
    if (plugin != null) {
      String id = plugin.string("id");
      sli.error("plugin", (id == null ? "An SLI plugin" : id + " is an SLI plugin, which")
          + " Nines does not support: plugins are Go code that Sloth runs. Expected sli.events "
          + "or sli.raw with the plugin's queries written out");
      return null;
    }
    int given = (sli.has("events") ? 1 : 0) + (sli.has("raw") ? 1 : 0);
    if (given != 1) {
      sli.problems().error(sli.location(), sli.path(), (given == 0 ? "is empty" : "has both "
          + "events and raw") + ". Expected exactly one of events and raw");
      return null;
    }
    return sli.has("events") ? events(sli.map("events")) : raw(sli.map("raw"));
  }

  private static SliSource events(Fields e) {
    if (e == null) {
      return null;
    }
    e.allowOnly("error_query", "total_query");
    String error = e.requireString("error_query");
    String total = e.requireString("total_query");
    return error == null || total == null ? null : new SliSource.Ratio(null,
        MetricQuery.prometheus(error), MetricQuery.prometheus(total));
  }

  private static SliSource raw(Fields r) {
    if (r == null) {
      return null;
    }
    r.allowOnly("error_ratio_query");
    String query = r.requireString("error_ratio_query");
    return query == null ? null : new SliSource.RawErrorRatio(MetricQuery.prometheus(query));
  }

  /** Sloth alerting with the SRE Workbook windows; null when reported. */
  private static AlertingSpec alerting(Fields slo) {
    Fields a = slo.map("alerting");
    if (a == null && slo.has("alerting")) {
      return null;
    }
    if (a != null) {
      a.allowOnly("name", "labels", "annotations", "page_alert", "ticket_alert");
    }
    AlertTarget page = target(a, "page_alert");
    AlertTarget ticket = target(a, "ticket_alert");
    String name = a == null ? null : a.string("name");
    if (name == null && (page.enabled() || ticket.enabled())) {
      Fields where = a != null ? a : slo;
      where.problems().error(where.location(), slo.pathOf("alerting") + ".name",
          "is required while page or ticket alerts are enabled. Expected an alert name, "
              + "or disable: true on both");
      return null;
    }
    return new AlertingSpec(name, a == null ? Map.of() : a.stringMap("labels"),
        a == null ? Map.of() : a.stringMap("annotations"), page, ticket,
        AlertWindow.googleDefaults());
  }

  private static AlertTarget target(Fields alerting, String key) {
    Fields t = alerting == null ? null : alerting.map(key);
    if (t == null) {
      return AlertTarget.ENABLED;
    }
    t.allowOnly("disable", "labels", "annotations");
    return new AlertTarget(!t.bool("disable", false), t.stringMap("labels"),
        t.stringMap("annotations"));
  }
}
