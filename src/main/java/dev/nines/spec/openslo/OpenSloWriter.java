package dev.nines.spec.openslo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nines.model.Audience;
import dev.nines.model.Budgeting;
import dev.nines.model.ChannelSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports a Nines spec as OpenSLO v1: a multi-document stream of Services, one
 * AlertNotificationTarget per channel, and one SLO per Nines SLO with its indicator and alert
 * policies inline. What OpenSLO cannot say goes into {@code nines.dev/} annotations (see
 * {@link NinesAnnotations}). The parts OpenSLO has no object for (time zone, regions, clients,
 * services in full, monitors, channels, maintenance and alerting settings) travel as a native
 * spec without SLOs in the {@value NinesSpecAnnotation#KEY} annotation of the first Service,
 * which {@link OpenSloReader} reads back.
 */
public final class OpenSloWriter {
  /** The start of every calendar period: a Monday, the first of a month, quarter and year. */
  static final String CALENDAR_START = "2024-01-01 00:00:00";

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private OpenSloWriter() {}

  /**
   * Writes {@code spec} as OpenSLO v1 YAML.
   *
   * @throws IllegalArgumentException for a duration OpenSLO cannot write (not whole minutes)
   */
  public static String write(Spec spec) {
    List<Map<String, Object>> docs = new ArrayList<>();
    String ninesOnly = NinesSpecAnnotation.of(spec);
    for (ServiceSpec s : spec.services()) {
      docs.add(service(s, docs.isEmpty() && ninesOnly != null
          ? Map.of(NinesSpecAnnotation.KEY, ninesOnly) : Map.of()));
    }
    spec.channels().forEach(c -> docs.add(target(c)));
    List<String> internal = spec.channels().stream()
        .filter(c -> c.audience() == Audience.INTERNAL).map(ChannelSpec::name).toList();
    spec.slos().forEach(s -> docs.add(slo(s, internal)));
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> doc : docs) {
      out.append("---\n").append(yaml(doc));
    }
    return out.toString();
  }

  private static String yaml(Object doc) {
    try {
      return YAML.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> object(String kind, Map<String, Object> metadata,
      Map<String, Object> spec) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", OpenSloIndex.V1);
    o.put("kind", kind);
    o.put("metadata", metadata);
    o.put("spec", spec);
    return o;
  }

  static Map<String, Object> metadata(String name, Map<String, String> labels,
      Map<String, String> annotations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    if (!labels.isEmpty()) {
      m.put("labels", new TreeMap<>(labels));
    }
    if (!annotations.isEmpty()) {
      m.put("annotations", annotations);
    }
    return m;
  }

  private static Map<String, Object> service(ServiceSpec s, Map<String, String> annotations) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (s.description() != null) {
      spec.put("description", s.description());
    }
    return object("Service", metadata(s.name(), Map.of(), annotations), spec);
  }

  private static Map<String, Object> target(ChannelSpec c) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("target", c.kind());
    spec.putAll(new TreeMap<>(c.settings()));
    String audience = NinesAnnotations.audienceOf(c.audience());
    Map<String, String> annotations = audience == null ? Map.of()
        : Map.of(NinesAnnotations.AUDIENCE, audience);
    return object("AlertNotificationTarget", metadata(c.name(), Map.of(), annotations), spec);
  }

  private static Map<String, Object> slo(SloSpec s, List<String> channels) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (s.description() != null) {
      spec.put("description", s.description());
    }
    spec.put("service", s.service());
    Map<String, Object> indicator = new LinkedHashMap<>();
    indicator.put("metadata", Map.of("name", s.name() + "-sli"));
    indicator.put("spec", IndicatorWriter.indicator(s.sli().source()));
    spec.put("indicator", indicator);
    spec.put("timeWindow", List.of(window(s.window())));
    spec.put("budgetingMethod", method(s.budgeting().method()));
    spec.put("objectives", List.of(objective(s)));
    if (s.alerting() != null && !s.alerting().windows().isEmpty()) {
      spec.put("alertPolicies", AlertPolicyWriter.policies(s, channels));
    }
    return object("SLO", metadata(s.name(), s.labels(), NinesAnnotations.of(s)), spec);
  }

  private static Map<String, Object> window(SloWindow w) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (w) {
      case SloWindow.Rolling r -> {
        out.put("duration", OpenSloDurations.format(r.length()));
        out.put("isRolling", true);
      }
      case SloWindow.Calendar c -> {
        out.put("duration", OpenSloDurations.of(c.unit()));
        out.put("isRolling", false);
        out.put("calendar", Map.of("startTime", CALENDAR_START, "timeZone", c.zone().getId()));
      }
    }
    return out;
  }

  private static String method(Budgeting.Method m) {
    return switch (m) {
      case OCCURRENCES -> "Occurrences";
      case TIMESLICES -> "Timeslices";
      case RATIO_TIMESLICES -> "RatioTimeslices";
    };
  }

  private static Map<String, Object> objective(SloSpec s) {
    Map<String, Object> o = new LinkedHashMap<>();
    if (s.sli().source() instanceof SliSource.Threshold t) {
      o.put("op", t.op());
      o.put("value", BigDecimal.valueOf(t.value()).stripTrailingZeros());
    }
    o.put("target", s.target().percent().movePointLeft(2));
    Budgeting b = s.budgeting();
    if (b.timeSliceTarget() != null) {
      o.put("timeSliceTarget", b.timeSliceTarget());
    }
    if (b.timeSliceWindow() != null) {
      o.put("timeSliceWindow", OpenSloDurations.format(b.timeSliceWindow()));
    }
    return o;
  }
}
