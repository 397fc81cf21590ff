package dev.nines.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.store.StoredAlertGroupMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One group of internal alerts as {@link AlertGroups} keeps it between messages: its members
 * (each alert's latest message and the status last sent of it), how many messages it sent,
 * when it was last looked at and last sent. Pure: the flush decision and the group message
 * are computed here; the store keeps the group's JSON and a row per member.
 *
 * @param startedAt when the group's first alert arrived: with {@code sent} it makes the outbox
 *     key of each message, {@code group:KEY:STARTED:SEQ}, the same after any restart
 * @param sent messages sent so far
 * @param lastFlushAt when the group was last looked at, or null before its first message
 * @param lastSentAt when its last message was sent, or null
 */
record AlertGroup(String key, Map<String, String> groupLabels, Instant startedAt, long sent,
    Instant lastFlushAt, Instant lastSentAt, List<Member> members) {

  /**
   * One alert of the group.
   *
   * @param id the alert's occurrence (the same for its firing, repeats and resolution)
   * @param told the status last sent of it, or null when it was never sent
   */
  record Member(String id, Notification latest, Notification.Status told) {
    Member {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(latest, "latest");
    }

    boolean firing() {
      return latest.status() == Notification.Status.FIRING;
    }
  }

  AlertGroup {
    groupLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(groupLabels));
    members = List.copyOf(members);
  }

  /** An empty group started at {@code at}. */
  static AlertGroup start(String key, Map<String, String> groupLabels, Instant at) {
    return new AlertGroup(key, groupLabels, at, 0, null, null, List.of());
  }

  Member member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
  }

  /** This group with {@code m} in place of the member of its id, or added last. */
  AlertGroup with(Member m) {
    List<Member> next = new ArrayList<>(members);
    int at = -1;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).id().equals(m.id())) {
        at = i;
      }
    }
    if (at >= 0) {
      next.set(at, m);
    } else {
      next.add(m);
    }
    return new AlertGroup(key, groupLabels, startedAt, sent, lastFlushAt, lastSentAt, next);
  }

  /**
   * The first tick of this group's interval grid, anchored at its last flush, at or after
   * {@code at}: a change waits for it, so changes are sent at most every {@code interval}.
   */
  Instant nextTick(Instant at, Duration interval) {
    long gap = Duration.between(lastFlushAt, at).toMillis();
    long step = interval.toMillis();
    long ticks = Math.max(1, Math.floorDiv(gap + step - 1, step));
    return lastFlushAt.plusMillis(ticks * step);
  }

  /** What one look at the group decides: the message to send (or null) and what remains. */
  record Flush(Notification message, AlertGroup next, Instant nextFlushAt) {}

  /**
   * Looks at the group at {@code now}: a message when an alert fired or resolved since the
   * last one (alerts that resolved before anybody was told of them are dropped silently), or
   * when the group still fires a repeat interval after its last message. The firing alerts
   * remain, each told as firing; {@code next} is null when nothing remains.
   */
  Flush flush(Instant now, Duration repeatInterval) {
    List<Member> firing = members.stream().filter(Member::firing).toList();
    List<Member> resolved = members.stream().filter(m -> !m.firing()
        && m.told() == Notification.Status.FIRING).toList();
    boolean changed = !resolved.isEmpty()
        || firing.stream().anyMatch(m -> m.told() != Notification.Status.FIRING);
    boolean repeat = !firing.isEmpty() && lastSentAt != null
        && !now.isBefore(lastSentAt.plus(repeatInterval));
    boolean send = changed || repeat;
    Notification message = send ? message(firing, resolved, now) : null;
    List<Member> remain = firing.stream().map(m -> new Member(m.id(), m.latest(),
        Notification.Status.FIRING)).toList();
    if (remain.isEmpty()) {
      return new Flush(message, null, null);
    }
    Instant sentAt = send || lastSentAt == null ? now : lastSentAt;
    AlertGroup next = new AlertGroup(key, groupLabels, startedAt, sent + (send ? 1 : 0), now,
        sentAt, remain);
    return new Flush(message, next, sentAt.plus(repeatInterval));
  }

  /** The outbox key of the group's message number {@code seq}. */
  String messageKey(long seq) {
    String base = "group:" + key + ":" + startedAt.toEpochMilli() + ":" + seq;
    return base.length() <= Notification.MAX_KEY_LENGTH ? base
        : "group:" + Integer.toHexString(key.hashCode()) + ":" + startedAt.toEpochMilli() + ":"
            + seq;
  }

  private static final Comparator<Member> ORDER = Comparator
      .comparingInt((Member m) -> rank(m.latest().severity()))
      .thenComparing(m -> m.latest().title()).thenComparing(Member::id);

  /** page before ticket before anything else. */
  static int rank(String severity) {
    return switch (severity) {
      case "page" -> 0;
      case "ticket" -> 1;
      default -> 2;
    };
  }

  private Notification message(List<Member> firing, List<Member> resolved, Instant now) {
    List<Notification> alerts = new ArrayList<>();
    firing.stream().sorted(ORDER).forEach(m -> alerts.add(m.latest()));
    resolved.stream().sorted(ORDER).forEach(m -> alerts.add(m.latest()));
    boolean fires = !firing.isEmpty();
    Notification first = alerts.get(0);
    String severity = fires ? first.severity() : resolved.stream().sorted(ORDER).findFirst()
        .orElseThrow().latest().severity();
    Instant starts = alerts.stream().map(Notification::startsAt).min(Comparator.naturalOrder())
        .orElseThrow();
    Instant ends = fires ? null : alerts.stream().map(Notification::endsAt)
        .max(Comparator.naturalOrder()).orElseThrow();
    String link = alerts.stream().map(Notification::link).distinct().count() == 1
        ? first.link() : null;
    return new Notification(messageKey(sent), Notification.Kind.ALERT, first.audience(),
        first.client(), fires ? Notification.Status.FIRING : Notification.Status.RESOLVED,
        severity, title(firing, resolved), summary(firing, resolved), List.of(),
        commonLabels(alerts), link, starts, ends, List.of(), alerts);
  }

  /** {@code checkout: 3 alerts firing (2 page, 1 ticket), 1 resolved}. */
  String title(List<Member> firing, List<Member> resolved) {
    StringBuilder b = new StringBuilder(name()).append(": ");
    if (!firing.isEmpty()) {
      Map<String, Integer> bySeverity = new LinkedHashMap<>();
      firing.stream().sorted(ORDER).forEach(m -> bySeverity.merge(m.latest().severity(), 1,
          Integer::sum));
      List<String> parts = new ArrayList<>();
      bySeverity.forEach((s, n) -> parts.add(n + " " + s));
      b.append(count(firing.size())).append(" firing (").append(String.join(", ", parts))
          .append(")");
      if (!resolved.isEmpty()) {
        b.append(", ").append(resolved.size()).append(" resolved");
      }
    } else {
      b.append(count(resolved.size())).append(" resolved");
    }
    return b.toString();
  }

  private static String count(int n) {
    return n + (n == 1 ? " alert" : " alerts");
  }

  private String summary(List<Member> firing, List<Member> resolved) {
    StringBuilder b = new StringBuilder();
    if (!firing.isEmpty()) {
      b.append("Firing:\n");
      firing.stream().sorted(ORDER).forEach(m -> b.append("- ").append(m.latest().title())
          .append("\n"));
    }
    if (!resolved.isEmpty()) {
      b.append(b.isEmpty() ? "" : "\n").append("Resolved:\n");
      resolved.stream().sorted(ORDER).forEach(m -> b.append("- ").append(m.latest().title())
          .append("\n"));
    }
    return b.toString().strip();
  }

  /** The group's name in titles: its service, or what stands in for none. */
  String name() {
    String service = groupLabels.get("service");
    return service == null || service.isEmpty() ? "alerts without a service" : service;
  }

  /** The labels every alert has with the same value, and the group labels. */
  private Map<String, String> commonLabels(List<Notification> alerts) {
    Map<String, String> common = new TreeMap<>(alerts.get(0).labels());
    for (Notification a : alerts) {
      common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
    }
    common.putAll(groupLabels);
    return common;
  }

  // The stored form: the group's own bookkeeping as JSON, each member a row of its own.

  /** The group without its members, as stored. */
  String json() {
    ObjectNode o = NotificationJson.MAPPER.createObjectNode();
    o.put("key", key);
    ObjectNode labels = o.putObject("groupLabels");
    groupLabels.forEach(labels::put);
    o.put("startedAt", startedAt.toEpochMilli());
    o.put("sent", sent);
    o.put("lastFlushAt", lastFlushAt == null ? null : lastFlushAt.toEpochMilli());
    o.put("lastSentAt", lastSentAt == null ? null : lastSentAt.toEpochMilli());
    try {
      return NotificationJson.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert group", e);
    }
  }

  /** A member as stored. */
  static StoredAlertGroupMember stored(Member m) {
    return new StoredAlertGroupMember(m.id(), NotificationJson.write(m.latest()),
        m.told() == null ? null : m.told().id());
  }

  /**
   * A member as read back.
   *
   * @throws IllegalArgumentException when its notification cannot be read
   */
  static Member member(StoredAlertGroupMember m) {
    return new Member(m.id(), NotificationJson.read(m.notification()),
        m.told() == null ? null : Notification.Status.of(m.told()));
  }

  /**
   * Reads what {@link #json} wrote, with these members.
   *
   * @throws IllegalArgumentException when the text is not a group
   */
  static AlertGroup read(String json, List<Member> members) {
    JsonNode o;
    try {
      o = NotificationJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("alert group: not JSON (" + e.getOriginalMessage()
          + "). Expected what AlertGroup.json wrote");
    }
    Map<String, String> labels = new TreeMap<>();
    o.path("groupLabels").properties().forEach(e -> labels.put(e.getKey(),
        e.getValue().asText()));
    return new AlertGroup(o.path("key").asText(), labels,
        Instant.ofEpochMilli(o.path("startedAt").asLong()), o.path("sent").asLong(),
        instant(o.get("lastFlushAt")), instant(o.get("lastSentAt")), members);
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.ofEpochMilli(n.asLong());
  }
}
