package dev.nines.live;

import dev.nines.alert.AlertLifecycle;
import dev.nines.alert.AlertMessages;
import dev.nines.alert.AlertState;
import dev.nines.alert.Condition;
import dev.nines.alert.ConditionJson;
import dev.nines.alert.MonitorConditions;
import dev.nines.alert.SloConditions;
import dev.nines.alert.Transition;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.notify.Notifier;
import dev.nines.store.AlertEvent;
import dev.nines.store.AlertQuery;
import dev.nines.store.Store;
import dev.nines.store.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert evaluation: on every cycle it builds the conditions of every SLO and monitor from
 * the live state, moves the open alerts through their lifecycle, commits states and
 * transitions in one transaction, then hands the transitions that tell someone to the outbox
 * (and firing pages to incidents). Handing on is at least once and deduplicated by key, so a
 * crash between the two steps neither loses nor repeats a message. Only the holder of the
 * {@code alerting} lease evaluates, so a second server on the same PostgreSQL stands by.
 */
public final class AlertLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AlertLoop.class);
  /** The lease every evaluating server competes for. */
  static final String LEASE = "alerting";
  private static final int DELIVER_BATCH = 500;

  private final Store store;
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final ProbeRecorder probes;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final Notifier notifier;
  private final Incidents incidents;
  private final Clock clock;
  private final Supplier<String> baseUrl;
  private final String holder;
  private final Consumer<List<Notification>> firingSet;
  private Map<String, AlertState> open;
  private volatile Map<String, AlertState> published = Map.of();

  /** What one cycle did. */
  public record Cycle(boolean leader, int conditions, int transitions, Duration took) {}

  public AlertLoop(Store store, Supplier<Spec> spec, Supplier<LiveSlos> live,
      ProbeRecorder probes, Supplier<MaintenanceCalendar> maintenance, Notifier notifier,
      Incidents incidents, Clock clock, Supplier<String> baseUrl, String holder,
      Consumer<List<Notification>> firingSet) {
    this.store = store;
    this.spec = spec;
    this.live = live;
    this.probes = probes;
    this.maintenance = maintenance;
    this.notifier = notifier;
    this.incidents = incidents;
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.holder = holder;
    this.firingSet = firingSet;
  }

  /** An evaluation that tells no Alertmanager the firing set. */
  public AlertLoop(Store store, Supplier<Spec> spec, Supplier<LiveSlos> live,
      ProbeRecorder probes, Supplier<MaintenanceCalendar> maintenance, Notifier notifier,
      Incidents incidents, Clock clock, Supplier<String> baseUrl, String holder) {
    this(store, spec, live, probes, maintenance, notifier, incidents, clock, baseUrl, holder,
        firing -> { });
  }

  /** The open alerts as the last cycle left them, by fingerprint (empty on a standby). */
  public Map<String, AlertState> open() {
    return published;
  }

  /** One evaluation: conditions, lifecycle, and one commit of what changed. */
  public synchronized Cycle evaluate() {
    long start = System.nanoTime();
    Spec s = spec.get();
    Instant now = clock.instant();
    Duration ttl = s.alerting().evaluationInterval().multipliedBy(3);
    if (!store.acquireLease(LEASE, holder, now, ttl)) {
      open = null;
      published = Map.of();
      return new Cycle(false, 0, 0, Duration.ofNanos(System.nanoTime() - start));
    }
    if (open == null) {
      open = load();
    }
    List<Condition> conditions = conditions(s, now);
    MaintenanceCalendar calendar = maintenance.get();
    AlertLifecycle.Step step = AlertLifecycle.step(open, conditions, now,
        s.alerting().repeatInterval(), c -> c.service() != null
            && calendar.at(c.service(), now) != null);
    commit(step);
    open = step.open();
    published = Map.copyOf(open);
    List<Notification> firing = new ArrayList<>();
    for (AlertState a : open.values()) {
      if (a.status() == AlertState.Status.FIRING && a.notified() && !a.silenced()) {
        firing.add(AlertMessages.firing(a, baseUrl.get()));
      }
    }
    firingSet.accept(firing);
    return new Cycle(true, conditions.size(), step.transitions().size(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Every condition that holds now, and those of the open alerts. */
  List<Condition> conditions(Spec s, Instant now) {
    List<Condition> out = new ArrayList<>();
    LiveSlos l = live.get();
    Map<String, String> clientOf = new java.util.HashMap<>();
    s.services().forEach(x -> clientOf.put(x.name(), x.client()));
    for (LiveSlos.View v : l.views()) {
      SloConditions.evaluate(new SloConditions.Input(v.spec(), clientOf.get(v.spec().service()),
          v.status(), d -> l.counts(v.spec().name(), d)), s.alerting(), open, out);
    }
    List<MonitorConditions.Input> monitors = MonitorInputs.of(s, probes, now, clientOf);
    Map<String, List<MonitorConditions.Input>> byRegion = new LinkedHashMap<>();
    s.regions().forEach(r -> byRegion.put(r, new ArrayList<>()));
    for (MonitorConditions.Input in : monitors) {
      MonitorConditions.evaluate(in, s.alerting().certificateDays(), s.timeZone(), open, out);
      if (!in.monitor().kind().probed()) {
        continue;            // an external feed's sources are not probe regions: its page says
      }
      for (String r : s.regionsOf(in.monitor())) {
        byRegion.computeIfAbsent(r, k -> new ArrayList<>()).add(in);
      }
    }
    MonitorConditions.silentRegions(byRegion, s.timeZone(), open, out);
    return out;
  }

  /**
   * Hands the transitions not handed on yet to the outbox, oldest first, and opens or joins
   * incidents for firing pages; stops at the first failure (the store or the outbox down) and
   * goes on from there next time.
   *
   * @return how many were handed on
   */
  public synchronized int deliver() {
    List<AlertEvent> todo = store.alertHistory(AlertQuery.undeliveredOnly(), 0, DELIVER_BATCH)
        .items();
    List<Long> done = new ArrayList<>();
    try {
      for (AlertEvent e : todo) {
        Condition c = ConditionJson.read(e.conditionJson());
        Transition t = new Transition(e.instance(), Transition.Type.valueOf(e.transition()
            .toUpperCase(Locale.ROOT)), e.at(), c, e.notified(), e.silenced());
        if (t.type() == Transition.Type.FIRING && c.severity().equals("page")
            && c.service() != null) {
          incidents.alertFired(c.service(), t.instance(), c.title(), c.slo(), t.at());
        }
        notifier.send(AlertMessages.of(t, activeSince(t.instance()), baseUrl.get()));
        done.add(e.id());
      }
    } catch (RuntimeException failure) {
      LOG.warn("handing alert notifications on failed after {} of {}; going on next cycle: {}",
          done.size(), todo.size(), failure.getMessage());
    } finally {
      store.markAlertEventsDelivered(done);
    }
    return done.size();
  }

  /** Gives up the lease, so a standby takes over at once. */
  public synchronized void release() {
    store.releaseLease(LEASE, holder);
    open = null;
  }

  private Map<String, AlertState> load() {
    Map<String, AlertState> out = new LinkedHashMap<>();
    store.openAlerts().forEach((fp, a) -> {
      try {
        out.put(fp, new AlertState(a.instance(), ConditionJson.read(a.conditionJson()),
            AlertState.Status.valueOf(a.status().toUpperCase(Locale.ROOT)), a.activeSince(),
            a.firingSince(), a.lastNotifiedAt(), a.notified(), a.silenced()));
      } catch (IllegalArgumentException e) {
        LOG.warn("open alert {} cannot be read back and is dropped: {}", fp, e.getMessage());
      }
    });
    return out;
  }

  /**
   * Writes what the step changed. An open alert is written when its lifecycle changes (state,
   * what was told, silence), not for every new figure: the next cycle after a restart computes
   * the figures again, and 10,000 SLOs must not cost a write each per cycle.
   */
  private void commit(AlertLifecycle.Step step) {
    List<StoredAlert> upserts = new ArrayList<>();
    step.open().forEach((fp, a) -> {
      if (!sameLifecycle(a, open.get(fp))) {
        upserts.add(new StoredAlert(fp, a.instance(), a.status().name().toLowerCase(Locale.ROOT),
            a.activeSince(), a.firingSince(), a.lastNotifiedAt(), a.notified(), a.silenced(),
            ConditionJson.write(a.condition())));
      }
    });
    List<String> closed = open.keySet().stream().filter(fp -> !step.open().containsKey(fp))
        .toList();
    List<AlertEvent> history = new ArrayList<>(step.transitions().size());
    for (Transition t : step.transitions()) {
      Condition c = t.condition();
      history.add(new AlertEvent(0, t.instance(), c.fingerprint(), c.kind().id(), c.severity(),
          c.audience().name().toLowerCase(Locale.ROOT), c.service(), c.client(), c.subject(),
          c.region(), t.type().id(), t.at(), t.notifies(), t.silenced(), c.title(),
          ConditionJson.write(c), !t.notifies()));
    }
    store.commitAlerts(upserts, closed, history);
  }

  private static boolean sameLifecycle(AlertState a, AlertState b) {
    return b != null && a.instance().equals(b.instance()) && a.status() == b.status()
        && Objects.equals(a.firingSince(), b.firingSince())
        && Objects.equals(a.lastNotifiedAt(), b.lastNotifiedAt())
        && a.notified() == b.notified() && a.silenced() == b.silenced();
  }

  private static Instant activeSince(String instance) {
    int at = instance.lastIndexOf('@');
    return Instant.ofEpochMilli(Long.parseLong(instance.substring(at + 1)));
  }

  @Override public String toString() {
    return "AlertLoop[" + Objects.requireNonNullElse(holder, "") + "]";
  }
}
