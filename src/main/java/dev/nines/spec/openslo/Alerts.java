package dev.nines.spec.openslo;

import dev.nines.model.AlertWindow;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Durations;
import dev.nines.model.Severity;
import dev.nines.spec.Fields;
import dev.nines.spec.YamlNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads OpenSLO alert policies into Nines burn-rate windows and notification targets into
 * channels. Each burnrate condition becomes one single-window {@link AlertWindow} whose factor
 * is the threshold; a policy's link to its targets is not kept (Nines routes alerts itself).
 */
final class Alerts {
  private final OpenSloIndex index;
  private final Map<String, ChannelSpec> channels = new LinkedHashMap<>();
  private final Map<OpenSloObject, List<AlertWindow>> policies = new IdentityHashMap<>();
  private final Map<OpenSloObject, AlertWindow> conditions = new IdentityHashMap<>();
  /** The {@code alertAfter} of each condition's window that has one. */
  private final Map<AlertWindow, Duration> alertAfter = new IdentityHashMap<>();
  private final Set<OpenSloObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  Alerts(OpenSloIndex index) {
    this.index = index;
    index.all("AlertNotificationTarget").forEach(this::target);
  }

  /** Every notification target seen, top-level or inline, as a channel. */
  List<ChannelSpec> channels() {
    return List.copyOf(channels.values());
  }

  /** Checks top-level policies and conditions no SLO used, so their problems are reported too. */
  void readUnused() {
    index.all("AlertPolicy").forEach(this::policy);
    index.all("AlertCondition").forEach(this::condition);
  }

  /** The windows of every policy of an SLO spec, inline or by {@code alertPolicyRef}. */
  List<AlertWindow> ofSlo(Fields sloSpec) {
    List<AlertWindow> out = new ArrayList<>();
    forEachItem(sloSpec, "alertPolicies", "AlertPolicy", "alertPolicyRef",
        p -> out.addAll(policy(p)));
    return out;
  }

  /**
   * A list item that is either a reference ({@code refKey: name}) or an inline object of
   * {@code kind}; null when reported.
   */
  private OpenSloObject item(YamlNode node, String path, String kind, String refKey) {
    Fields f = Fields.of(node, path, index.problems());
    if (f == null) {
      return null;
    }
    if (f.has(refKey)) {
      f.allowOnly(refKey);
      return index.resolve(kind, f, refKey);
    }
    boolean named = kind.equals("AlertNotificationTarget");
    return OpenSloObject.inline(f, OpenSloIndex.V1, kind, named);
  }

  private List<AlertWindow> policy(OpenSloObject p) {
    if (policies.containsKey(p)) {
      return policies.get(p);
    }
    List<AlertWindow> windows = new ArrayList<>();
    policies.put(p, windows);
    Fields spec = p.spec();
    if (spec == null) {
      return windows;
    }
    spec.allowOnly("description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching",
        "conditions", "notificationTargets");
    for (String flag : List.of("alertWhenNoData", "alertWhenResolved", "alertWhenBreaching")) {
      spec.bool(flag, false);
    }
    forEachItem(spec, "conditions", "AlertCondition", "conditionRef", c -> {
      AlertWindow w = condition(c);
      if (w != null) {
        windows.add(w);
      }
    });
    if (!spec.has("conditions")) {
      OpenSloObject.required(spec, "conditions", "one burnrate AlertCondition");
    }
    forEachItem(spec, "notificationTargets", "AlertNotificationTarget", "targetRef", this::target);
    return windows;
  }

  private void forEachItem(Fields spec, String key, String kind, String refKey,
      Consumer<OpenSloObject> action) {
    if (!(spec.raw(key) instanceof YamlNode.ListNode list)) {
      spec.maps(key);
      return;
    }
    for (int i = 0; i < list.items().size(); i++) {
      OpenSloObject o = item(list.items().get(i), spec.pathOf(key) + "[" + i + "]", kind, refKey);
      if (o != null) {
        action.accept(o);
      }
    }
  }

  private AlertWindow condition(OpenSloObject c) {
    if (conditions.containsKey(c)) {
      return conditions.get(c);
    }
    conditions.put(c, null);
    AlertWindow w = c.spec() == null ? null : readCondition(c.spec(), c.meta());
    conditions.put(c, w);
    return w;
  }

  private AlertWindow readCondition(Fields spec, Meta meta) {
    spec.allowOnly("description", "severity", "condition");
    Severity severity = spec.parsed("severity", Alerts::severity, true);
    Fields c = spec.map("condition");
    if (c == null) {
      if (!spec.has("condition")) {
        OpenSloObject.required(spec, "condition", "kind burnrate, op, threshold and lookbackWindow");
      }
      return null;
    }
    c.allowOnly("kind", "op", "threshold", "lookbackWindow", "alertAfter");
    c.parsed("kind", Alerts::burnRateKind, false);
    c.parsed("op", Alerts::burnRateOp, true);
    BigDecimal threshold = c.decimal("threshold", true);
    Duration lookback = OpenSloDurations.read(c, "lookbackWindow", true);
    Duration after = OpenSloDurations.read(c, "alertAfter", false);
    if (severity == null || threshold == null || lookback == null) {
      return null;
    }
    AlertWindow w = window(c, severity, lookback, threshold.stripTrailingZeros(), meta);
    if (w != null && after != null && !after.isZero()) {
      alertAfter.put(w, after);
    }
    return w;
  }

  /**
   * How long each severity's alert waits before it fires: the longest {@code alertAfter} of
   * its conditions among {@code windows} (Nines keeps one {@code for} per alert, as Prometheus).
   */
  Map<Severity, Duration> alertAfter(List<AlertWindow> windows) {
    Map<Severity, Duration> out = new java.util.EnumMap<>(Severity.class);
    for (AlertWindow w : windows) {
      Duration d = alertAfter.get(w);
      if (d != null) {
        out.merge(w.severity(), d, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    return out;
  }

  /** A window from a condition; Nines' own annotations restore a short window and budget share. */
  private static AlertWindow window(Fields c, Severity severity, Duration lookback,
      BigDecimal threshold, Meta meta) {
    Fields a = meta.annotationFields();
    Duration shortWindow = a == null ? null
        : a.parsed(NinesAnnotations.SHORT_WINDOW, Durations::parse, false);
    BigDecimal budget = a == null ? null : a.decimal(NinesAnnotations.BUDGET_CONSUMED, false);
    try {
      return budget != null
          ? new AlertWindow(severity, lookback, shortWindow, budget, null)
          : new AlertWindow(severity, lookback, shortWindow, null, threshold);
    } catch (IllegalArgumentException e) {
      c.error("threshold", e.getMessage());
      return null;
    }
  }

  private void target(OpenSloObject t) {
    if (t.spec() == null || t.name() == null || !seen.add(t)) {
      return;
    }
    if (channels.containsKey(t.name())) {
      index.problems().error(t.location(), "", t.name() + " is already a notification target. "
          + "Expected a targetRef to it, or another name");
      return;
    }
    ChannelSpec channel = channel(t);
    if (channel != null) {
      channels.put(t.name(), channel);
    }
  }

  private static ChannelSpec channel(OpenSloObject t) {
    String kind = t.spec().requireString("target");
    Map<String, String> settings = new LinkedHashMap<>();
    if (t.specNode() instanceof YamlNode.MapNode spec) {
      spec.entries().forEach((k, v) -> {
        if (!k.equals("target")) {
          Indicators.flatten(v, k, settings);
        }
      });
    }
    Fields ann = t.meta().annotationFields();
    Audience audience = ann == null ? null
        : ann.parsed(NinesAnnotations.AUDIENCE, NinesAnnotations::audience, false);
    return kind == null ? null : new ChannelSpec(t.name(), kind.toLowerCase(Locale.ROOT),
        audience == null ? Audience.INTERNAL : audience, settings);
  }

  static Severity severity(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "page", "critical", "high" -> Severity.PAGE;
      case "ticket", "warning", "medium", "low", "info" -> Severity.TICKET;
      default -> throw new IllegalArgumentException(text + " is not a known severity. Expected "
          + "page or ticket (critical and high mean page; warning, medium, low and info mean ticket)");
    };
  }

  private static String burnRateKind(String text) {
    if (!text.strip().equals("burnrate")) {
      throw new IllegalArgumentException(text + " is not supported. Expected burnrate");
    }
    return text;
  }

  private static String burnRateOp(String text) {
    if (!text.strip().equals("gt") && !text.strip().equals("gte")) {
      throw new IllegalArgumentException(text + " would alert while the burn rate is low. "
          + "Expected gt (or gte): Nines alerts when the burn rate exceeds the threshold");
    }
    return text;
  }
}
