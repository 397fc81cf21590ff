package dev.nines.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The webhook body of a group message, in the shape of Alertmanager's webhook payload so
 * that receivers written for Alertmanager read it: {@code receiver, status, groupKey,
 * truncatedAlerts, groupLabels, commonLabels, commonAnnotations, externalURL, alerts[]}, each
 * alert with {@code status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint};
 * alongside, Nines' own keys of {@link NotificationJson} (the group's {@code key}, {@code title},
 * ..., and each alert's {@code key}, {@code severity}, {@code title}, {@code fields},
 * {@code link}). {@code version} stays Nines' 1, not Alertmanager's "4"; a firing alert's
 * {@code endsAt} is null. A channel's {@code maxAlerts} keeps the first that many alerts and
 * counts the rest in {@code truncatedAlerts}, as Alertmanager's {@code max_alerts} does.
 */
final class GroupWebhookJson {
  private GroupWebhookJson() {}

  /** The body with at most {@code maxAlerts} of the group's alerts (0: all). */
  static ObjectNode tree(Notification n, String receiver, int maxAlerts) {
    java.util.List<Notification> shown = maxAlerts > 0 && n.alerts().size() > maxAlerts
        ? n.alerts().subList(0, maxAlerts) : n.alerts();
    ObjectNode o = NotificationJson.MAPPER.createObjectNode();
    o.put("version", NotificationJson.VERSION);
    o.put("receiver", receiver);
    o.put("status", n.status().id());
    Map<String, String> groupLabels = AlertGroups.groupLabels(n);
    o.put("groupKey", AlertGroups.groupKey(groupLabels));
    o.put("truncatedAlerts", n.alerts().size() - shown.size());
    labels(o.putObject("groupLabels"), groupLabels);
    labels(o.putObject("commonLabels"), n.labels());
    ObjectNode common = o.putObject("commonAnnotations");
    common.put("summary", n.title());
    o.put("externalURL", n.link());
    ObjectNode own = NotificationJson.fill(NotificationJson.MAPPER.createObjectNode(), n);
    own.remove("status");
    own.remove("labels");
    own.fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue()));
    ArrayNode alerts = o.putArray("alerts");
    for (Notification a : shown) {
      ObjectNode x = alerts.addObject();
      x.put("status", a.status().id());
      labels(x.putObject("labels"), AlertmanagerChannel.labels(a));
      ObjectNode annotations = x.putObject("annotations");
      annotations.put("summary", a.title());
      annotations.put("description", AlertmanagerChannel.description(a));
      if (a.link() != null) {
        annotations.put("link", a.link());
      }
      x.put("startsAt", a.startsAt().toString());
      x.put("endsAt", a.endsAt() == null ? null : a.endsAt().toString());
      x.put("generatorURL", a.link());
      x.put("fingerprint", fingerprint(a));
      x.put("key", a.key());
      x.put("severity", a.severity());
      x.put("title", a.title());
      x.put("summary", a.summary());
      ArrayNode fields = x.putArray("fields");
      a.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value()));
      x.put("link", a.link());
    }
    return o;
  }

  /** The alert's occurrence without its start: the condition's fingerprint. */
  private static String fingerprint(Notification a) {
    String occurrence = AlertGroups.occurrence(a.key());
    int at = occurrence.lastIndexOf('@');
    return at > 0 ? occurrence.substring(0, at) : occurrence;
  }

  private static void labels(ObjectNode into, Map<String, String> labels) {
    new TreeMap<>(labels).forEach(into::put);
  }
}
