package dev.nines.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.AlertingSettings;
import dev.nines.model.ClientSpec;
import dev.nines.model.ComponentSpec;
import dev.nines.model.Contact;
import dev.nines.model.Durations;
import dev.nines.model.EndpointSpec;
import dev.nines.model.LayerSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writer of native Nines specs ({@code apiVersion: nines/v1}): the inverse of
 * {@link SpecReader}, whose output reads back into an equal {@link Spec}. Values the reader
 * restores by default are left out, and maps are written in key order.
 */
public final class SpecWriter {
  static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();
  /** Top-level sections preceded by a blank line. */
  private static final Set<String> SECTIONS = Set.of("clients", "services", "slos", "monitors",
      "channels", "maintenance", "alerting");
  /** Sections whose items are separated by blank lines. */
  private static final Set<String> SPACED_ITEMS = Set.of("slos", "monitors");

  private SpecWriter() {}

  /**
   * Writes {@code spec} as native YAML.
   *
   * @throws IllegalArgumentException naming the SLO or channel when part of the spec has no
   *     native form: a threshold metric, a query other than a plain Prometheus query, or a
   *     channel kind or setting the reader does not know
   */
  public static String write(Spec spec) {
    ZoneId zone = spec.timeZone() == null ? ZoneOffset.UTC : spec.timeZone();
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", SpecReader.API_VERSION);
    if (!zone.equals(ZoneOffset.UTC)) {
      root.put("timeZone", zone.getId());
    }
    if (!spec.regions().equals(List.of("local"))) {
      strings(root, "regions", spec.regions());
    }
    list(root, "clients", spec.clients(), SpecWriter::client);
    list(root, "services", spec.services(), SpecWriter::service);
    list(root, "slos", spec.slos(), new SloWriter(zone)::slo);
    list(root, "monitors", spec.monitors(), MonitorWriter::monitor);
    list(root, "channels", spec.channels(), c -> channel(c, spec));
    list(root, "maintenance", spec.maintenance(), m -> {
      ObjectNode n = YAML.createObjectNode();
      n.put("service", m.service());
      n.put("start", m.start().toString());
      n.put("end", m.end().toString());
      text(n, "rrule", m.rrule());
      text(n, "reason", m.reason());
      return n;
    });
    if (!spec.alerting().equals(AlertingSettings.DEFAULTS)) {
      AlertingSettings a = spec.alerting();
      AlertingSettings d = AlertingSettings.DEFAULTS;
      ObjectNode n = root.putObject("alerting");
      duration(n, "evaluationInterval", a.evaluationInterval(), d.evaluationInterval());
      duration(n, "repeatInterval", a.repeatInterval(), d.repeatInterval());
      if (a.minEvents() != d.minEvents()) {
        n.put("minEvents", a.minEvents());
      }
      if (a.certificateDays() != d.certificateDays()) {
        n.put("certificateDays", a.certificateDays());
      }
      duration(n, "groupWait", a.groupWait(), d.groupWait());
      duration(n, "groupInterval", a.groupInterval(), d.groupInterval());
    }
    try {
      return spaced(YAML.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a YAML tree in memory failed", e);
    }
  }

  private static ObjectNode client(ClientSpec c) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", c.name());
    if (c.displayName() != null && !c.displayName().equals(c.name())) {
      n.put("displayName", c.displayName());
    }
    if (c.statusPage()) {
      n.put("statusPage", true);
    }
    if (c.timeZone() != null) {
      n.put("timeZone", c.timeZone().getId());
    }
    list(n, "contacts", c.contacts(), SpecWriter::contact);
    list(n, "components", c.components(), SpecWriter::component);
    return n;
  }

  private static ObjectNode component(ComponentSpec c) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", c.name());
    text(n, "description", c.description());
    for (var e : List.of(java.util.Map.entry("services", c.services()),
        java.util.Map.entry("monitors", c.monitors()), java.util.Map.entry("slos", c.slos()))) {
      if (!e.getValue().isEmpty()) {
        var a = n.putArray(e.getKey());
        e.getValue().forEach(a::add);
      }
    }
    return n;
  }

  private static ObjectNode contact(Contact c) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", c.name());
    text(n, "email", c.email());
    text(n, "role", c.role());
    return n;
  }

  private static ObjectNode service(ServiceSpec s) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", s.name());
    text(n, "client", s.client());
    text(n, "description", s.description());
    list(n, "layers", s.layers(), SpecWriter::layer);
    list(n, "endpoints", s.endpoints(), SpecWriter::endpoint);
    textMap(n, "attribution", s.attribution());
    if (s.quorum() != 0) {
      n.put("quorum", s.quorum());
    }
    return n;
  }

  private static ObjectNode layer(LayerSpec l) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", l.name());
    text(n, "kind", l.kind());
    return n;
  }

  private static ObjectNode endpoint(EndpointSpec e) {
    ObjectNode n = YAML.createObjectNode();
    text(n, "path", e.path());
    if (e.method() != null && !e.method().equals("GET")) {
      n.put("method", e.method());
    }
    if (e.critical()) {
      n.put("critical", true);
    }
    text(n, "note", e.note());
    return n;
  }

  private static ObjectNode channel(ChannelSpec c, Spec spec) {
    List<String> allowed = ChannelReader.SETTINGS.get(c.kind() == null ? "" : c.kind());
    if (allowed == null) {
      throw new IllegalArgumentException("channel '" + c.name() + "': kind '"
          + c.kind() + "' cannot be written in the native format. Expected "
          + ChannelReader.KINDS);
    }
    for (String key : new TreeSet<>(c.settings().keySet())) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("channel '" + c.name() + "': setting '" + key
            + "' cannot be written in the native format. Expected only "
            + String.join(", ", allowed) + " for " + c.kind() + " channels");
      }
    }
    ObjectNode n = YAML.createObjectNode();
    text(n, "name", c.name());
    n.put("kind", c.kind());
    audience(n, c.audience());
    boolean onlyClient = c.audience() == Audience.CLIENT && spec.clients().size() == 1
        && spec.clients().get(0).name().equals(c.client());
    if (!onlyClient) {
      text(n, "client", c.client());
    }
    ObjectNode smtp = YAML.createObjectNode();
    for (String key : allowed) {
      String value = c.settings().get(key);
      if (value == null) {
        continue;
      }
      if (key.equals("to")) {
        strings(n, "to", value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1)));
      } else if (key.equals("smtp.port")) {
        smtp.put("port", Integer.parseInt(value));
      } else if (key.equals("maxAlerts")) {
        n.put(key, Integer.parseInt(value));
      } else if (key.startsWith("smtp.")) {
        smtp.put(key.substring(5), value);
      } else {
        text(n, key, value);
      }
    }
    if (!smtp.isEmpty()) {
      n.set("smtp", smtp);
    }
    return n;
  }

  /** Writes the audience unless it is the reader's default, internal. */
  static void audience(ObjectNode n, Audience audience) {
    if (audience != null && audience != Audience.INTERNAL) {
      n.put("audience", audience.name().toLowerCase(Locale.ROOT));
    }
  }

  static void text(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  /** Writes a duration unless it is null or equals the reader's default for the key. */
  static void duration(ObjectNode n, String key, Duration value, Duration readerDefault) {
    if (value != null && !value.equals(readerDefault)) {
      n.put(key, Durations.format(value));
    }
  }

  static void strings(ObjectNode n, String key, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = n.putArray(key);
      values.forEach(a::add);
    }
  }

  /** Writes numbers in ascending order: the model keeps them in a set. */
  static void integers(ObjectNode n, String key, Set<Integer> values) {
    if (!values.isEmpty()) {
      ArrayNode a = n.putArray(key);
      new TreeSet<>(values).forEach(a::add);
    }
  }

  /** Writes a map in key order: the model keeps it unordered. */
  static void textMap(ObjectNode n, String key, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode m = n.putObject(key);
      new TreeMap<>(map).forEach(m::put);
    }
  }

  static <T> void list(ObjectNode n, String key, List<T> items, Function<T, JsonNode> write) {
    if (!items.isEmpty()) {
      ArrayNode a = n.putArray(key);
      items.forEach(item -> a.add(write.apply(item)));
    }
  }

  /**
   * Adds a blank line before each section and between SLOs and between monitors, as in the
   * examples. Only top-level keys start at column 0 and only top-level items at "  - ".
   */
  static String spaced(String yaml) {
    StringBuilder out = new StringBuilder();
    String section = "";
    boolean first = true;
    for (String line : yaml.lines().toList()) {
      if (!line.startsWith(" ")) {
        section = line.substring(0, Math.max(0, line.indexOf(':')));
        first = true;
        if (SECTIONS.contains(section)) {
          out.append('\n');
        }
      } else if (line.startsWith("  - ") && SPACED_ITEMS.contains(section)) {
        if (!first) {
          out.append('\n');
        }
        first = false;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }
}
