package dev.nines.spec.openslo;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Audience;
import dev.nines.model.Durations;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.spec.Fields;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The SLO fields OpenSLO has no place for, carried in {@code metadata.annotations} under the
 * {@code nines.dev/} prefix so that a Nines spec survives export and import: endpoint, owner,
 * approver, reason, audience, SLI kind and threshold, extra bad statuses, and the alert name,
 * labels and annotations of Sloth-style alerting.
 */
record NinesAnnotations(String endpoint, String owner, String approver, String reason,
    Audience audience, SliKind kind, Duration threshold, Set<Integer> badStatuses,
    Alerting alerting) {

  static final String PREFIX = "nines.dev/";
  static final String SHORT_WINDOW = PREFIX + "short-window";
  static final String BUDGET_CONSUMED = PREFIX + "budget-consumed";
  static final String AUDIENCE = PREFIX + "audience";
  private static final String ENDPOINT = PREFIX + "endpoint";
  private static final String OWNER = PREFIX + "owner";
  private static final String APPROVER = PREFIX + "approver";
  private static final String REASON = PREFIX + "reason";
  private static final String SLI_KIND = PREFIX + "sli-kind";
  private static final String SLI_THRESHOLD = PREFIX + "sli-threshold";
  private static final String BAD_STATUSES = PREFIX + "bad-statuses";
  private static final String ALERT_NAME = PREFIX + "alert-name";
  private static final List<String> GROUPS = List.of("alert", "page", "ticket");

  /**
   * Alerting fields of a Sloth-style alert: name, shared labels and annotations, and the page
   * and ticket alerts; {@code declared} tells whether any was written.
   */
  record Alerting(boolean declared, String name, Map<String, String> labels,
      Map<String, String> annotations, AlertTarget page, AlertTarget ticket) {}

  /** Reads the {@code nines.dev/} annotations of an SLO, reporting malformed values. */
  static NinesAnnotations read(Meta meta) {
    Fields f = meta.annotationFields();
    Map<String, String> a = meta.annotations();
    if (f == null) {
      return new NinesAnnotations(null, null, null, null, Audience.INTERNAL, null, null, Set.of(),
          new Alerting(false, null, Map.of(), Map.of(), AlertTarget.ENABLED, AlertTarget.ENABLED));
    }
    warnUnknown(f, a);
    Audience audience = f.parsed(AUDIENCE, NinesAnnotations::audience, false);
    Set<Integer> bad = f.parsed(BAD_STATUSES, NinesAnnotations::statuses, false);
    return new NinesAnnotations(a.get(ENDPOINT), a.get(OWNER), a.get(APPROVER), a.get(REASON),
        audience == null ? Audience.INTERNAL : audience, f.parsed(SLI_KIND, SliKind::parse, false),
        f.parsed(SLI_THRESHOLD, Durations::parse, false), bad == null ? Set.of() : bad,
        alerting(f, a));
  }

  static Audience audience(String text) {
    return switch (text.strip()) {
      case "client" -> Audience.CLIENT;
      case "internal" -> Audience.INTERNAL;
      default -> throw new IllegalArgumentException(text + " is not an audience. Expected "
          + "client or internal");
    };
  }

  private static Set<Integer> statuses(String text) {
    try {
      return Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf)
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + " is not a list of HTTP statuses. Expected "
          + "comma-separated numbers, e.g. 429,503");
    }
  }

  private static Alerting alerting(Fields f, Map<String, String> a) {
    boolean declared = a.keySet().stream().anyMatch(k -> GROUPS.stream()
        .anyMatch(g -> k.startsWith(PREFIX + g)));
    return new Alerting(declared, a.get(ALERT_NAME), prefixed(a, "alert-label."),
        prefixed(a, "alert-annotation."), target(f, a, "page"), target(f, a, "ticket"));
  }

  private static AlertTarget target(Fields f, Map<String, String> a, String which) {
    Boolean enabled = f.parsed(PREFIX + which, s -> switch (s.strip()) {
      case "enabled" -> true;
      case "disabled" -> false;
      default -> throw new IllegalArgumentException(s + " is not a switch. Expected enabled or "
          + "disabled");
    }, false);
    return new AlertTarget(enabled == null || enabled, prefixed(a, which + "-label."),
        prefixed(a, which + "-annotation."));
  }

  private static Map<String, String> prefixed(Map<String, String> a, String group) {
    Map<String, String> out = new LinkedHashMap<>();
    a.forEach((k, v) -> {
      if (k.startsWith(PREFIX + group)) {
        out.put(k.substring((PREFIX + group).length()), v);
      }
    });
    return out;
  }

  private static void warnUnknown(Fields f, Map<String, String> a) {
    Set<String> plain = Set.of(ENDPOINT, OWNER, APPROVER, REASON, AUDIENCE, SLI_KIND,
        SLI_THRESHOLD, BAD_STATUSES, ALERT_NAME, PREFIX + "page", PREFIX + "ticket");
    for (String k : a.keySet()) {
      boolean grouped = GROUPS.stream().anyMatch(g -> k.startsWith(PREFIX + g + "-label.")
          || k.startsWith(PREFIX + g + "-annotation."));
      if (k.startsWith(PREFIX) && !plain.contains(k) && !grouped) {
        f.warning(k, "is not a Nines annotation of an SLO, so it is ignored. Expected one of "
            + String.join(", ", new TreeSet<>(plain)) + " or an alert, page or ticket "
            + "-label. or -annotation. key");
      }
    }
  }

  /** The {@code nines.dev/} annotations that carry what OpenSLO cannot say about {@code slo}. */
  static Map<String, String> of(SloSpec slo) {
    Map<String, String> out = new LinkedHashMap<>();
    putIf(out, ENDPOINT, slo.endpoint());
    putIf(out, OWNER, slo.owner());
    putIf(out, APPROVER, slo.approver());
    putIf(out, REASON, slo.reason());
    if (slo.audience() == Audience.CLIENT) {
      out.put(AUDIENCE, "client");
    }
    if (slo.sli().kind() != Indicators.defaultKind(slo.sli().source())) {
      out.put(SLI_KIND, slo.sli().kind().id());
    }
    if (slo.sli().threshold() != null) {
      out.put(SLI_THRESHOLD, Durations.format(slo.sli().threshold()));
    }
    if (!slo.sli().badStatuses().isEmpty()) {
      out.put(BAD_STATUSES, new TreeSet<>(slo.sli().badStatuses()).stream()
          .map(String::valueOf).collect(Collectors.joining(",")));
    }
    if (slo.alerting() != null) {
      putAlerting(out, slo.alerting());
    }
    return out;
  }

  private static void putAlerting(Map<String, String> out, AlertingSpec a) {
    putIf(out, ALERT_NAME, a.name());
    putAll(out, "alert-label.", a.labels());
    putAll(out, "alert-annotation.", a.annotations());
    putTarget(out, "page", a.page());
    putTarget(out, "ticket", a.ticket());
  }

  private static void putTarget(Map<String, String> out, String which, AlertTarget t) {
    if (!t.enabled()) {
      out.put(PREFIX + which, "disabled");
    }
    putAll(out, which + "-label.", t.labels());
    putAll(out, which + "-annotation.", t.annotations());
  }

  private static void putAll(Map<String, String> out, String group, Map<String, String> values) {
    new TreeSet<>(values.keySet()).forEach(k -> out.put(PREFIX + group + k, values.get(k)));
  }

  private static void putIf(Map<String, String> out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  /** The audience annotation value of a channel, or null for the default (internal). */
  static String audienceOf(Audience audience) {
    return audience == Audience.CLIENT ? audience.name().toLowerCase(Locale.ROOT) : null;
  }
}
