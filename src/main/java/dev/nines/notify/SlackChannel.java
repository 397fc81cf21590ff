package dev.nines.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.ChannelSpec;
import java.util.List;
import java.util.Map;

/**
 * A Slack-compatible incoming webhook: a {@code text} fallback and Block Kit {@code blocks}
 * (a header with the title, a section with the summary, sections of fields with the figures,
 * a button to the link), plus an attachment coloured by status (red firing, green resolved,
 * blue info) carrying the status line. Texts are cut to Slack's limits.
 */
final class SlackChannel implements Channel {
  static final Map<Notification.Status, String> COLOURS = Map.of(
      Notification.Status.FIRING, "#d0312d", Notification.Status.RESOLVED, "#2eb67d",
      Notification.Status.INFO, "#1d72b8");
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;
  private static final int FIELD_MAX = 2000;
  private static final int FIELDS_PER_SECTION = 10;

  private final ChannelSpec spec;
  private final Secrets secrets;
  private final HttpPost http;

  SlackChannel(ChannelSpec spec, Secrets secrets, HttpPost http) {
    this.spec = spec;
    this.secrets = secrets;
    this.http = http;
  }

  @Override public String name() {
    return spec.name();
  }

  @Override public String kind() {
    return "slack";
  }

  @Override public Delivery send(Notification n) throws DeliveryException {
    String what = "slack " + spec.name();
    String url = secrets.resolve(what + ": url", spec.settings().get("url"));
    try {
      byte[] body = NotificationJson.MAPPER.writeValueAsBytes(payload(n));
      return http.post(what, url, body, Map.of("Content-Type", "application/json"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Slack message", e);
    }
  }

  /** The message Slack is sent. */
  static ObjectNode payload(Notification n) {
    if (n.group()) {
      return groupPayload(n);
    }
    ObjectNode o = headed(n);
    ArrayNode blocks = (ArrayNode) o.get("blocks");
    if (!n.summary().isBlank()) {
      section(blocks).putObject("text").put("type", "mrkdwn")
          .put("text", cut(escape(n.summary().strip()), SECTION_MAX));
    }
    List<Notification.Field> fields = n.fields();
    for (int i = 0; i < fields.size(); i += FIELDS_PER_SECTION) {
      ArrayNode row = section(blocks).putArray("fields");
      for (Notification.Field f : fields.subList(i, Math.min(fields.size(), i + FIELDS_PER_SECTION))) {
        row.addObject().put("type", "mrkdwn")
            .put("text", cut("*" + escape(f.name()) + "*\n" + escape(f.value()), FIELD_MAX));
      }
    }
    if (n.link() != null) {
      ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements")
          .addObject().put("type", "button").put("url", n.link());
      button.putObject("text").put("type", "plain_text").put("text", "Open in Nines");
    }
    ObjectNode attachment = o.putArray("attachments").addObject()
        .put("color", COLOURS.get(n.status())).put("fallback", NotificationText.statusLine(n));
    attachment.putArray("blocks").addObject().put("type", "context").putArray("elements")
        .addObject().put("type", "mrkdwn").put("text", escape(NotificationText.statusLine(n)));
    return o;
  }

  /** A message with the notification's subject as its text and its title as the header block. */
  private static ObjectNode headed(Notification n) {
    ObjectNode o = NotificationJson.MAPPER.createObjectNode();
    o.put("text", NotificationText.subject(n));
    ObjectNode header = o.putArray("blocks").addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(n.title(), HEADER_MAX))
        .put("emoji", true);
    return o;
  }

  /** Alerts of a group shown with their own sections; Slack takes at most 50 blocks. */
  static final int GROUP_ALERTS_MAX = 20;

  /**
   * The message of a group: a header with the group's title, then a "Firing" and a
   * "Resolved" part, each alert a section with its status, title and link and a section of its
   * figures, divided; alerts past {@value #GROUP_ALERTS_MAX} are counted, not shown.
   */
  static ObjectNode groupPayload(Notification n) {
    ObjectNode o = headed(n);
    ArrayNode blocks = (ArrayNode) o.get("blocks");
    int shown = 0;
    Notification.Status part = null;
    for (Notification a : n.alerts()) {
      if (shown == GROUP_ALERTS_MAX) {
        blocks.addObject().put("type", "context").putArray("elements").addObject()
            .put("type", "mrkdwn").put("text", "and " + (n.alerts().size() - shown)
                + " more alerts");
        break;
      }
      if (a.status() != part) {
        part = a.status();
        blocks.addObject().put("type", "divider");
        section(blocks).putObject("text").put("type", "mrkdwn").put("text",
            "*" + (part == Notification.Status.FIRING ? "Firing" : "Resolved") + "*");
      }
      String line = "*[" + a.status().name() + "] " + escape(a.title()) + "*"
          + (a.link() == null ? "" : "  <" + a.link() + "|Open in Nines>") + "\n"
          + escape(NotificationText.statusLine(a));
      section(blocks).putObject("text").put("type", "mrkdwn").put("text", cut(line, SECTION_MAX));
      List<Notification.Field> fields = a.fields();
      if (!fields.isEmpty()) {
        ArrayNode row = section(blocks).putArray("fields");
        for (Notification.Field f : fields.subList(0, Math.min(fields.size(),
            FIELDS_PER_SECTION))) {
          row.addObject().put("type", "mrkdwn")
              .put("text", cut("*" + escape(f.name()) + "*\n" + escape(f.value()), FIELD_MAX));
        }
      }
      shown++;
    }
    ObjectNode attachment = o.putArray("attachments").addObject()
        .put("color", COLOURS.get(n.status())).put("fallback", NotificationText.statusLine(n));
    attachment.putArray("blocks").addObject().put("type", "context").putArray("elements")
        .addObject().put("type", "mrkdwn").put("text", escape(NotificationText.statusLine(n)));
    return o;
  }

  private static ObjectNode section(ArrayNode blocks) {
    return blocks.addObject().put("type", "section");
  }

  /** Slack's mrkdwn escapes: {@code & < >}. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
