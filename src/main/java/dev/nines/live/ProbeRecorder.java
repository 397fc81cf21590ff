package dev.nines.live;

import dev.nines.ingest.IngestWriter;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.probe.Attempt;
import dev.nines.probe.PendingStates;
import dev.nines.probe.Phases;
import dev.nines.probe.ProbeSink;
import dev.nines.probe.StepAttempt;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.StoredAttempt;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where probe results go in the server, from its own engine and from agents: every attempt
 * and every resolved state is stored, monitor SLIs get their minute buckets, and the latest
 * state of every monitor and region (a pending UNKNOWN included) is kept for the API. A
 * pending UNKNOWN is stored once resolved: with the OK that ends it, or replaced by the ERROR
 * backdated to its time when retries run out.
 */
public final class ProbeRecorder implements ProbeSink {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeRecorder.class);

  /**
   * The latest state of one monitor in one region (a pending UNKNOWN included) and since when
   * the region has been in that state: the first of its latest run of equal states.
   */
  public record Latest(Observation observation, String message, java.time.Instant since) {
    /** The state after {@code previous} (may be null): its since carries over an equal state. */
    static Latest after(Latest previous, Observation o, String message) {
      java.time.Instant since = previous != null
          && previous.observation().state() == o.state()
          && !o.time().isBefore(previous.since()) ? previous.since() : o.time();
      return new Latest(o, message, since);
    }
  }

  /** The certificate a monitor's last TLS handshake saw, from any region. */
  public record SeenCertificate(String subject, Instant notAfter) {
    /** Whole days left at {@code now}, {@code floor((notAfter - now) / 1 day)}. */
    public long daysLeft(Instant now) {
      return Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), 86_400L);
    }
  }

  private final Map<String, SeenCertificate> certificates = new ConcurrentHashMap<>();


  private final Store store;
  private final IngestWriter writer;
  private final Clock clock;
  private final Supplier<MaintenanceCalendar> maintenance;
  private MonitorSlis slis;
  private volatile Spec spec;
  private volatile Map<String, String> serviceOf = Map.of();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<PendingStates.Resolved> seen = new ConcurrentLinkedQueue<>();
  private final PendingStates pending = new PendingStates();
  private final Map<String, Map<String, Latest>> latest = new ConcurrentHashMap<>();
  /** Rows of each kind kept while the store is unavailable. */
  static final int MAX_WAITING = 200_000;
  private final List<StoredAttempt> unstoredAttempts = new ArrayList<>();
  private final List<StoredObservation> unstoredStates = new ArrayList<>();
  /** SLI buckets the writer could not take, kept for the next flush (oldest dropped past it). */
  private final WaitingQueue<BucketDelta> unsentDeltas;
  /** Agent results stored and waiting to be counted by the next flush (agents wait past it). */
  private final WaitingQueue<StoredAttempt> agentCounted;
  private final WaitingQueue<PendingStates.Resolved> agentResolved;
  private final int maxWaiting;
  private final Object agentLock = new Object();
  private volatile boolean droppingDeltas;
  /** States posted for external monitors, stored and waiting to be counted by the next flush. */
  private final ConcurrentLinkedQueue<PendingStates.Resolved> externalResolved =
      new ConcurrentLinkedQueue<>();
  private final ProbeCounters counters = new ProbeCounters();

  /** Agent results cannot be taken now: too many wait to be counted. Retry in a moment. */
  public static final class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusyException(String message) {
      super(message);
    }
  }

  public ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock,
      Supplier<MaintenanceCalendar> maintenance) {
    this(spec, store, writer, clock, maintenance, MAX_WAITING);
  }

  /** A recorder whose maintenance windows are the spec's, keeping at most {@code maxWaiting}
   * items in each of its waiting queues. */
  ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock, int maxWaiting) {
    this(spec, store, writer, clock, new SpecMaintenance(spec), maxWaiting);
  }

  private ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock,
      Supplier<MaintenanceCalendar> maintenance, int maxWaiting) {
    this.store = store;
    this.writer = writer;
    this.clock = clock;
    this.maintenance = maintenance;
    this.maxWaiting = maxWaiting;
    this.unsentDeltas = new WaitingQueue<>(maxWaiting);
    this.agentCounted = new WaitingQueue<>(maxWaiting);
    this.agentResolved = new WaitingQueue<>(maxWaiting);
    reconfigure(spec);
    restoreLatest();
  }

  /**
   * The latest state of every monitor and region as stored, so that a restarted server knows
   * at once what it knew before (and a region that reported a minute ago is not silent).
   */
  private void restoreLatest() {
    if (store == null) {
      return;
    }
    try {
      for (StoredObservation o : store.latestObservations(clock.instant().minus(
          java.time.Duration.ofDays(1)))) {
        latest.computeIfAbsent(o.subject(), k -> new ConcurrentHashMap<>()).putIfAbsent(
            o.region(), new Latest(new Observation(o.at(), o.state()), o.message(), o.at()));
      }
    } catch (RuntimeException e) {
      LOG.warn("the latest monitor states could not be read back; they fill in with the next "
          + "checks: {}", e.getMessage());
    }
  }

  /** The maintenance windows this recorder follows: the spec's, and those announced. */
  public Supplier<MaintenanceCalendar> maintenance() {
    return maintenance;
  }

  /** A recorder whose maintenance windows are the spec's. */
  public ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock) {
    this(spec, store, writer, clock, new SpecMaintenance(spec));
  }

  /** The spec's own windows, following {@link #reconfigure}. */
  private static final class SpecMaintenance implements Supplier<MaintenanceCalendar> {
    private volatile MaintenanceCalendar calendar;

    SpecMaintenance(Spec spec) {
      calendar = MaintenanceCalendar.of(spec, List.of());
    }

    @Override public MaintenanceCalendar get() {
      return calendar;
    }
  }

  /**
   * Puts a new spec in force for states and SLIs. Pending states are kept; uptime SLOs that
   * stay go on from the minute they had reached.
   */
  public synchronized void reconfigure(Spec next) {
    Map<String, String> services = new HashMap<>();
    next.monitors().forEach(m -> services.put(m.name(), m.service()));
    this.serviceOf = Map.copyOf(services);
    this.spec = next;
    if (maintenance instanceof SpecMaintenance own) {
      own.calendar = MaintenanceCalendar.of(next, List.of());
    }
    this.slis = new MonitorSlis(next, store, slis == null ? Map.of() : slis.positions(),
        clock.instant(), maintenance);
  }

  /**
   * A final state inside a maintenance window of the monitor's service becomes UNKNOWN, with
   * what the probe saw kept in the message.
   */
  PendingStates.Resolved maintained(PendingStates.Resolved r) {
    MaintenanceWindow m = maintenance.get().at(serviceOf.getOrDefault(r.monitor(), ""),
        r.observation().time());
    if (m == null || r.observation().state() == State.UNKNOWN) {
      return r;
    }
    String saw = r.observation().state() + (r.message() == null ? "" : " (" + r.message() + ")");
    return new PendingStates.Resolved(r.monitor(), r.region(),
        new Observation(r.observation().time(), State.UNKNOWN),
        "maintenance" + (m.reason() == null ? "" : ": " + m.reason()) + "; probe saw " + saw);
  }

  @Override public void attempt(Attempt a) {
    attempts.add(a);
    counters.record(a);
    if (a.result().certificate() != null) {
      certificates.put(a.monitor(), new SeenCertificate(a.result().certificate().subject(),
          a.result().certificate().notAfter()));
    }
  }

  /** The certificate a monitor's last TLS handshake saw, or null. */
  public SeenCertificate certificate(String monitor) {
    return certificates.get(monitor);
  }

  /** Attempts and phase timings counted since start, for {@code /metrics}. */
  public ProbeCounters counters() {
    return counters;
  }

  @Override public void observation(String monitor, String region, Observation o, String message) {
    seen.add(new PendingStates.Resolved(monitor, region, o, message));
    latest.computeIfAbsent(monitor, k -> new ConcurrentHashMap<>())
        .compute(region, (r, old) -> Latest.after(old, o, message));
  }

  /**
   * Takes results an agent pushed: stores them once for {@code key} (durable when this
   * returns), then counts them for monitor SLIs on the next flush and records the latest states.
   *
   * @return false when the key was seen before (nothing stored or counted again)
   * @throws BusyException when more results than the bound wait to be counted: nothing is
   *     stored, the agent keeps them and pushes again
   */
  public boolean acceptAgentResults(String key, String region,
      List<StoredAttempt> agentAttempts, List<PendingStates.Resolved> resolved,
      List<PendingStates.Resolved> live) {
    List<PendingStates.Resolved> final0 = resolved.stream().map(this::maintained).toList();
    boolean fresh;
    synchronized (agentLock) {     // one push at a time: room is checked, then taken
      if (agentCounted.size() > 0 && agentCounted.size() + agentAttempts.size() > maxWaiting
          || agentResolved.size() > 0 && agentResolved.size() + final0.size() > maxWaiting) {
        throw new BusyException(agentCounted.size() + " attempts and " + agentResolved.size()
            + " states of agents wait to be counted");
      }
      fresh = store.appendProbeResults(key, agentAttempts,
          final0.stream().map(r -> stored(r, "agent")).toList());
      if (fresh) {
        agentCounted.offerAll(agentAttempts);
        agentResolved.offerAll(final0);
      }
    }
    for (PendingStates.Resolved l : live) {
      latest.computeIfAbsent(l.monitor(), k -> new ConcurrentHashMap<>())
          .compute(region, (r, old) -> old != null
              && l.observation().time().isBefore(old.observation().time()) ? old
              : Latest.after(old, l.observation(), l.message()));
    }
    return fresh;
  }

  /**
   * Takes observations of external monitors that the observations API has stored: they
   * become the latest states and count for check-counting SLOs on the next flush (uptime SLOs
   * read them from the store).
   */
  public void acceptExternal(List<StoredObservation> stored) {
    for (StoredObservation o : stored) {
      Observation obs = new Observation(o.at(), o.state());
      latest.computeIfAbsent(o.subject(), k -> new ConcurrentHashMap<>())
          .compute(o.region(), (r, old) -> old != null
              && obs.time().isBefore(old.observation().time()) ? old
              : Latest.after(old, obs, o.message()));
      externalResolved.add(new PendingStates.Resolved(o.subject(), o.region(), obs,
          o.message()));
    }
  }

  /** The latest state of every region of a monitor (empty if none yet). */
  public Map<String, Latest> latest(String monitor) {
    return Map.copyOf(latest.getOrDefault(monitor, Map.of()));
  }

  /** Stores what arrived and updates the SLIs; called once a second from one thread. */
  public synchronized void flush() {
    List<StoredAttempt> storedAttempts = new ArrayList<>();
    List<BucketDelta> deltas = new ArrayList<>();
    for (Attempt a; (a = attempts.poll()) != null; ) {
      storedAttempts.add(stored(a));
      deltas.addAll(slis.attempt(a.monitor(), a.start(), a.ok()));
    }
    List<StoredObservation> resolved = new ArrayList<>();
    for (PendingStates.Resolved s; (s = seen.poll()) != null; ) {
      for (PendingStates.Resolved final0 : pending.resolve(s)) {
        PendingStates.Resolved r = maintained(final0);
        resolved.add(stored(r, "probe"));
        deltas.addAll(slis.observation(r.monitor(), r.observation()));
      }
    }
    for (StoredAttempt a; (a = agentCounted.poll()) != null; ) {
      deltas.addAll(slis.attempt(a.monitor(), a.startedAt(), a.ok()));
    }
    for (PendingStates.Resolved r; (r = agentResolved.poll()) != null; ) {
      deltas.addAll(slis.observation(r.monitor(), r.observation()));
    }
    for (PendingStates.Resolved r; (r = externalResolved.poll()) != null; ) {
      deltas.addAll(slis.observation(r.monitor(), r.observation()));
    }
    unstoredAttempts.addAll(storedAttempts);
    unstoredStates.addAll(resolved);
    storeOrKeep();
    if (unstoredStates.isEmpty()) {
      // Uptime reads the stored observations: only once every state seen is stored.
      deltas.addAll(slis.advance(clock.instant()));
    }
    for (BucketDelta d; (d = unsentDeltas.poll()) != null; ) {
      deltas.add(d);
    }
    submitOrKeep(deltas);
  }

  /**
   * Runs {@code task} while no flush runs, so that no monitor SLI bucket is made meanwhile,
   * handing it where each uptime SLO's attribution stands (the first epoch minute not yet
   * written): what {@link MaintenanceHistory} recomputes stops there.
   */
  synchronized <T> T withoutFlushing(java.util.function.Function<Map<String, Long>, T> task) {
    return task.apply(slis.resolvedPositions());
  }

  /**
   * Drops the SLI buckets waiting for the writer (refused before) of {@code keys} in epoch
   * minutes [from, to): recomputed history has replaced them. Call inside
   * {@link #withoutFlushing}.
   */
  int dropWaiting(java.util.Set<String> keys, long fromMinute, long toMinute) {
    return unsentDeltas.removeIf(d -> keys.contains(d.sli()) && d.minute() >= fromMinute
        && d.minute() < toMinute);
  }

  /** Keeps SLI buckets for the next flush, the oldest dropped (and logged once) past the bound. */
  private void keep(List<BucketDelta> deltas) {
    int dropped = unsentDeltas.keepAll(deltas);
    if (dropped == 0) {
      droppingDeltas = false;
    } else if (!droppingDeltas) {
      droppingDeltas = true;
      LOG.error("dropping the oldest {} monitor SLI buckets: the ingest writer has refused them "
          + "for too long (at most {} wait; logged again after they fit)", dropped, maxWaiting);
    }
  }

  /** How many items wait in each queue: SLI buckets, agent attempts, agent states. */
  int[] waiting() {
    return new int[] {unsentDeltas.size(), agentCounted.size(), agentResolved.size()};
  }

  /** Monitor SLI buckets dropped because the writer refused them too long. */
  public long droppedDeltas() {
    return unsentDeltas.dropped();
  }

  /**
   * Stores what is waiting; when the store is unavailable it stays waiting for the next
   * flush (up to {@link #MAX_WAITING} rows of each kind, the oldest dropped beyond that).
   */
  private void storeOrKeep() {
    try {
      store.appendAttempts(unstoredAttempts);
      unstoredAttempts.clear();
      store.appendObservations(unstoredStates);
      unstoredStates.clear();
    } catch (RuntimeException e) {
      LOG.warn("storing {} attempts and {} states failed, kept for the next try: {}",
          unstoredAttempts.size(), unstoredStates.size(), e.getMessage());
      trim(unstoredAttempts);
      trim(unstoredStates);
    }
  }

  private static void trim(List<?> waiting) {
    if (waiting.size() > MAX_WAITING) {
      LOG.error("dropping {} probe results: the store has been unavailable too long",
          waiting.size() - MAX_WAITING);
      waiting.subList(0, waiting.size() - MAX_WAITING).clear();
    }
  }

  /** Submits SLI buckets; a failed or refused submission is tried again on the next flush. */
  private void submitOrKeep(List<BucketDelta> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    try {
      writer.submit(new IngestBatch(null, deltas, List.of(), deltas.size()))
          .whenComplete((ok, failure) -> {
            if (failure != null) {
              keep(deltas);
            }
          });
    } catch (IngestWriter.SaturatedException e) {
      keep(deltas);
    }
  }

  static StoredObservation stored(PendingStates.Resolved r, String source) {
    return new StoredObservation(r.monitor(), r.region(), r.observation().time(),
        r.observation().state(), r.message(), source);
  }

  static StoredAttempt stored(Attempt a) {
    Phases p = a.phases();
    String steps = StepAttempt.json(a.steps());
    return new StoredAttempt(a.monitor(), a.region(), a.start(), a.ok(), a.status(), a.error(),
        phase(p.dnsMillis()), phase(p.connectMillis()), phase(p.tlsMillis()),
        phase(p.firstByteMillis()), phase(p.totalMillis()), steps,
        a.result().certificate() == null ? null : a.result().certificate().notAfter());
  }

  private static Double phase(double millis) {
    return millis < 0 ? null : millis;
  }
}
