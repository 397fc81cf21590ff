package dev.nines.notify;

import dev.nines.model.AlertingSettings;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.StoredAlertGroup;
import dev.nines.store.StoredAlertGroupMember;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grouping of internal alerts per service for the team's human channels, as Alertmanager does
 * with {@code group_by: [service]}: the alerts of one service (and client) that fire or
 * resolve close together reach each webhook, Slack and email channel as one message. A new
 * group waits {@code groupWait} for more alerts, later changes are sent on a grid of
 * {@code groupInterval} from the group's last message, and a group still firing is sent again
 * every {@code repeatInterval}. Alertmanager channels still get every alert by itself (they
 * group themselves), and client notices, reports and tests pass through unchanged.
 *
 * <p>A group's state is stored ({@link Store#saveAlertGroup}), each alert a row of its own; a
 * message and the state after it commit in one transaction, under a key made of the group, its start and its message
 * number, and every write is guarded by the group's version: a restart neither loses a
 * pending group nor sends one twice, and two servers on one database never both send it.
 */
public final class AlertGroups implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(AlertGroups.class);
  private static final int ATTEMPTS = 5;

  private final Store store;
  private final Supplier<Spec> spec;
  private final Clock clock;
  private final Outbox outbox;

  public AlertGroups(Store store, Supplier<Spec> spec, Clock clock, Outbox outbox) {
    this.store = store;
    this.spec = spec;
    this.clock = clock;
    this.outbox = outbox;
  }

  /** Whether a channel takes alerts by group: every kind but Alertmanager. */
  static boolean grouped(ChannelSpec c) {
    return !"alertmanager".equals(c.kind());
  }

  /**
   * Takes a notification: an internal alert goes to the Alertmanager channels by itself and
   * joins its group for the others; anything else goes to the outbox as it is. Durable when
   * this returns.
   */
  @Override public void send(Notification n) {
    if (n.kind() != Notification.Kind.ALERT || n.group()) {
      outbox.enqueue(n);
      return;
    }
    List<ChannelSpec> channels = spec.get().channels();
    Outbox.Enqueued single = outbox.enqueueAll(List.of(n), c -> !grouped(c)).get(0);
    boolean humans = channels.stream().anyMatch(c -> grouped(c) && Routing.receives(c, n));
    if (single.unrouted() == null && humans) {
      join(n);
    }
  }

  /** The group labels of an alert: its service and, when it has one, its client. */
  static Map<String, String> groupLabels(Notification n) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("service", n.labels().getOrDefault("service", ""));
    if (n.client() != null) {
      labels.put("client", n.client());
    }
    return labels;
  }

  /**
   * Alertmanager's spelling of a group's key, labels by name:
   * {@code {}:{client="acme", service="checkout"}}.
   */
  static String groupKey(Map<String, String> groupLabels) {
    return "{}:{" + new TreeMap<>(groupLabels).entrySet().stream().map(e -> e.getKey() + "=\""
        + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ")) + "}";
  }

  /**
   * The occurrence an alert message is about: its key without the transition and time that
   * {@code dev.nines.alert.Transition#notificationKey} appends, so a firing, its repeats and
   * its resolution are one member.
   */
  static String occurrence(String key) {
    String[] parts = key.split(":");
    if (parts.length >= 3 && parts[parts.length - 1].matches("-?\\d+")
        && parts[parts.length - 2].matches("[a-z]+")) {
      return key.substring(0, key.length() - parts[parts.length - 1].length()
          - parts[parts.length - 2].length() - 2);
    }
    return key;
  }

  /**
   * Adds or updates the alert in its group, scheduling the group's next look: one member row
   * and the group's row written, however large the group.
   */
  void join(Notification n) {
    Map<String, String> labels = groupLabels(n);
    String key = groupKey(labels);
    String id = occurrence(n.key());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      AlertingSettings s = spec.get().alerting();
      Instant now = clock.instant();
      List<StoredAlertGroup> stored = store.alertGroups(key, null);
      StoredAlertGroup row = stored.isEmpty() ? null : stored.get(0);
      AlertGroup g = row == null ? AlertGroup.start(key, labels, now)
          : AlertGroup.read(row.state(), List.of());
      Instant next = row == null ? now.plus(s.groupWait()) : row.nextFlushAt();
      List<StoredAlertGroupMember> found = row == null ? List.of()
          : store.alertGroupMembers(key, id);
      AlertGroup.Member m = found.isEmpty() ? null : AlertGroup.member(found.get(0));
      if (m == null && n.status() != Notification.Status.FIRING) {
        return;                 // the resolution of an alert nobody was told of
      }
      Notification latest = m == null ? n : asBefore(n, m.latest());
      if (m != null && m.latest().equals(latest)) {
        return;                 // handed on again after a restart
      }
      if ((m == null || m.latest().status() != n.status()) && g.lastFlushAt() != null) {
        Instant tick = g.nextTick(now, s.groupInterval());
        next = tick.isBefore(next) ? tick : next;
      }
      AlertGroup.Member member = new AlertGroup.Member(id, latest, m == null ? null : m.told());
      if (store.saveAlertGroup(new StoredAlertGroup(key, g.json(), next,
          row == null ? 0 : row.version()), false, List.of(AlertGroup.stored(member)),
          List.of(), List.of())) {
        return;
      }
    }
    throw new IllegalStateException("alert group " + key + ": " + ATTEMPTS + " writes in a row "
        + "lost to others. Expected the group to settle");
  }

  /**
   * The latest message of a member: {@code n}, under the title it had if {@code n} is a
   * repeat ("Still firing: ..."), since the group says itself whether it repeats.
   */
  private static Notification asBefore(Notification n, Notification before) {
    if (!n.title().startsWith(REPEAT) || !n.title().substring(REPEAT.length())
        .equals(before.title())) {
      return n;
    }
    return new Notification(n.key(), n.kind(), n.audience(), n.client(), n.status(),
        n.severity(), before.title(), n.summary(), n.fields(), n.labels(), n.link(),
        n.startsAt(), n.endsAt(), n.attachments());
  }

  private static final String REPEAT = "Still firing: ";

  /**
   * Looks at every group due now: sends its message when it has one, and stores what
   * remains, in one transaction per group.
   *
   * @return the group messages handed to the outbox
   */
  public synchronized int flushDue() {
    Instant now = clock.instant();
    int messages = 0;
    for (StoredAlertGroup row : store.alertGroups(null, now)) {
      try {
        messages += flush(row, now) ? 1 : 0;
      } catch (RuntimeException e) {
        LOG.warn("alert group {} could not be sent; trying again: {}", row.key(),
            e.getMessage());
      }
    }
    return messages;
  }

  private boolean flush(StoredAlertGroup row, Instant now) {
    Spec s = spec.get();
    List<AlertGroup.Member> members = new ArrayList<>();
    for (StoredAlertGroupMember m : store.alertGroupMembers(row.key(), null)) {
      try {
        members.add(AlertGroup.member(m));
      } catch (IllegalArgumentException e) {
        LOG.warn("alert {} of group {} cannot be read back and is dropped: {}", m.id(),
            row.key(), e.getMessage());
      }
    }
    AlertGroup g = AlertGroup.read(row.state(), members);
    AlertGroup.Flush f = g.flush(now, s.alerting().repeatInterval());
    List<OutboxMessage> rows = f.message() == null ? List.of() : Outbox.rows(f.message(),
        Outbox.route(f.message(), s.channels(), AlertGroups::grouped), now);
    boolean saved;
    if (f.next() == null) {
      saved = store.saveAlertGroup(row, true, List.of(), List.of(), rows);
    } else {
      Set<String> remain = new HashSet<>();
      List<StoredAlertGroupMember> told = new ArrayList<>();
      for (AlertGroup.Member m : f.next().members()) {
        remain.add(m.id());
        if (!m.equals(g.member(m.id()))) {
          told.add(AlertGroup.stored(m));
        }
      }
      List<String> gone = members.stream().map(AlertGroup.Member::id)
          .filter(id -> !remain.contains(id)).toList();
      saved = store.saveAlertGroup(new StoredAlertGroup(row.key(), f.next().json(),
          f.nextFlushAt(), row.version()), false, told, gone, rows);
    }
    if (!saved) {
      return false;             // another server, or an alert joining, came first
    }
    if (!rows.isEmpty()) {
      outbox.woken();
    }
    return f.message() != null;
  }
}
