package dev.nines.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.ChannelSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Alertmanager, through its v2 API: {@code POST {url}/api/v2/alerts} with one alert whose
 * labels always include {@code alertname}, {@code severity}, {@code slo} and {@code service}
 * (and the {@code sloth_*} labels of the generated rules, see {@code RuleNames.alertLabels}); annotations
 * {@code summary} (the title), {@code description} (the summary and the figures) and
 * {@code link}; {@code startsAt}; {@code endsAt} when resolved (or when an info message
 * ends); {@code generatorURL} the link. A firing alert is sent, as Prometheus sends it, with
 * {@code endsAt} a few evaluation intervals ahead, and sent again every evaluation while it
 * fires ({@link AlertmanagerSync}): if Nines stops, Alertmanager resolves it by itself.
 */
final class AlertmanagerChannel implements Channel {
  static final String PATH = "/api/v2/alerts";

  private final ChannelSpec spec;
  private final Secrets secrets;
  private final HttpPost http;
  private final java.time.Clock clock;
  private final java.util.function.Supplier<java.time.Duration> validity;

  /**
   * @param validity how long a firing alert holds without being sent again (Prometheus uses
   *     four evaluation intervals)
   */
  AlertmanagerChannel(ChannelSpec spec, Secrets secrets, HttpPost http, java.time.Clock clock,
      java.util.function.Supplier<java.time.Duration> validity) {
    this.spec = spec;
    this.secrets = secrets;
    this.http = http;
    this.clock = clock;
    this.validity = validity;
  }

  @Override public String name() {
    return spec.name();
  }

  @Override public String kind() {
    return "alertmanager";
  }

  @Override public Delivery send(Notification n) throws DeliveryException {
    return post(List.of(n));
  }

  /** Sends several alerts in one request, as {@code POST /api/v2/alerts} takes them. */
  Delivery post(List<Notification> ns) throws DeliveryException {
    String what = "alertmanager " + spec.name();
    String base = secrets.resolve(what + ": url", spec.settings().get("url")).strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String url = base.endsWith(PATH) ? base : base + PATH;
    try {
      ArrayNode list = NotificationJson.MAPPER.createArrayNode();
      java.time.Instant until = clock.instant().plus(validity.get());
      for (Notification n : ns) {
        list.addAll(alerts(n, until));
      }
      byte[] body = NotificationJson.MAPPER.writeValueAsBytes(list);
      return http.post(what, url, body, Map.of("Content-Type", "application/json"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an Alertmanager alert", e);
    }
  }

  /** The body: an array of one alert; a firing one without an end holds until {@code until}. */
  static ArrayNode alerts(Notification n, java.time.Instant until) {
    ArrayNode list = NotificationJson.MAPPER.createArrayNode();
    ObjectNode a = list.addObject();
    ObjectNode labels = a.putObject("labels");
    labels(n).forEach(labels::put);
    ObjectNode annotations = a.putObject("annotations");
    annotations.put("summary", n.title());
    annotations.put("description", description(n));
    if (n.link() != null) {
      annotations.put("link", n.link());
    }
    a.put("startsAt", n.startsAt().toString());
    if (n.endsAt() != null) {
      a.put("endsAt", n.endsAt().toString());
    } else if (n.status() == Notification.Status.FIRING && until != null) {
      a.put("endsAt", until.toString());
    }
    if (n.link() != null) {
      a.put("generatorURL", n.link());
    }
    return list;
  }

  /** The alert's labels: the message's (names made valid), completed as the class says. */
  static Map<String, String> labels(Notification n) {
    Map<String, String> out = new TreeMap<>();
    n.labels().forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(labelName(k), v);
      }
    });
    out.putIfAbsent("alertname", "Nines" + camel(n.kind().id()));
    out.putIfAbsent("severity", n.severity());
    copy(out, "sloth_slo", "slo");
    copy(out, "sloth_service", "service");
    copy(out, "slo", "sloth_slo");
    copy(out, "service", "sloth_service");
    if (out.containsKey("slo") && out.containsKey("service")) {
      out.putIfAbsent("sloth_id", out.get("service") + "-" + out.get("slo"));
    }
    out.putIfAbsent("sloth_severity", out.get("severity"));
    if (n.client() != null) {
      out.putIfAbsent("client", n.client());
    }
    return out;
  }

  private static void copy(Map<String, String> labels, String from, String to) {
    if (labels.containsKey(from)) {
      labels.putIfAbsent(to, labels.get(from));
    }
  }

  static String description(Notification n) {
    StringBuilder b = new StringBuilder(n.summary().strip());
    for (Notification.Field f : n.fields()) {
      b.append(b.isEmpty() ? "" : "\n").append(f.name()).append(": ").append(f.value());
    }
    return b.toString();
  }

  /** A Prometheus label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}, other characters as {@code _}. */
  static String labelName(String name) {
    String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static String camel(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("_")) {
      b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return b.toString();
  }
}
