package dev.nines.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.Audience;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link Notification}: the outbox payload and the body of a webhook.
 * Version 1, keys in this order: {@code version, key, kind, audience, client, status,
 * severity, title, summary, fields [{name, value}], labels {}, link, startsAt, endsAt,
 * attachments [{name, contentType, size, data}]}, and for a group message {@code alerts},
 * each alert in the same form without {@code version}; enums in lower case
 * ({@code client_notice}), times ISO-8601 UTC, attachment data base64. A webhook body adds
 * {@code sentAt}.
 */
public final class NotificationJson {
  /** The format version written and the only one read. */
  public static final int VERSION = 1;
  static final ObjectMapper MAPPER = new ObjectMapper();

  private NotificationJson() {}

  /** The notification as a JSON tree, for a body that adds fields of its own. */
  public static ObjectNode tree(Notification n) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", VERSION);
    fill(o, n);
    if (n.group()) {
      ArrayNode alerts = o.putArray("alerts");
      n.alerts().forEach(a -> fill(alerts.addObject(), a));
    }
    return o;
  }

  /** One message's keys, after {@code version}. */
  static ObjectNode fill(ObjectNode o, Notification n) {
    o.put("key", n.key());
    o.put("kind", n.kind().id());
    o.put("audience", n.audience().name().toLowerCase(Locale.ROOT));
    o.put("client", n.client());
    o.put("status", n.status().id());
    o.put("severity", n.severity());
    o.put("title", n.title());
    o.put("summary", n.summary());
    ArrayNode fields = o.putArray("fields");
    n.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value()));
    ObjectNode labels = o.putObject("labels");
    n.labels().forEach(labels::put);
    o.put("link", n.link());
    o.put("startsAt", n.startsAt().toString());
    o.put("endsAt", n.endsAt() == null ? null : n.endsAt().toString());
    ArrayNode files = o.putArray("attachments");
    for (Notification.Attachment a : n.attachments()) {
      byte[] bytes = a.bytes();
      files.addObject().put("name", a.name()).put("contentType", a.contentType())
          .put("size", bytes.length).put("data", Base64.getEncoder().encodeToString(bytes));
    }
    return o;
  }

  /** The notification as JSON text. */
  public static String write(Notification n) {
    try {
      return MAPPER.writeValueAsString(tree(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification as JSON", e);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException naming the field when the text is not a version-1
   *     notification
   */
  public static Notification read(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("notification: not JSON (" + e.getOriginalMessage()
          + "). Expected a version " + VERSION + " notification");
    }
    if (o == null || !o.isObject() || o.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("version: " + (o == null ? null : o.get("version"))
          + " is not supported. Expected " + VERSION);
    }
    List<Notification> alerts = new ArrayList<>();
    for (JsonNode a : o.path("alerts")) {
      alerts.add(read(a, List.of()));
    }
    return read(o, alerts);
  }

  private static Notification read(JsonNode o, List<Notification> alerts) {
    List<Notification.Field> fields = new ArrayList<>();
    o.path("fields").forEach(f -> fields.add(new Notification.Field(text(f, "name"),
        text(f, "value"))));
    Map<String, String> labels = new LinkedHashMap<>();
    o.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<Notification.Attachment> files = new ArrayList<>();
    for (JsonNode a : o.path("attachments")) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text(a, "data"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("attachments.data: not base64. Expected the file's "
            + "bytes in base64");
      }
      files.add(new Notification.Attachment(text(a, "name"), text(a, "contentType"), bytes));
    }
    return new Notification(text(o, "key"), Notification.Kind.of(text(o, "kind")),
        Audience.valueOf(text(o, "audience").toUpperCase(Locale.ROOT)), text(o, "client"),
        Notification.Status.of(text(o, "status")), text(o, "severity"), text(o, "title"),
        text(o, "summary"), fields, labels, text(o, "link"), instant(o, "startsAt"),
        instant(o, "endsAt"), files, alerts);
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode o, String key) {
    String v = text(o, key);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a time. Expected ISO-8601 "
          + "UTC, e.g. 2026-11-18T10:30:00Z");
    }
  }
}
