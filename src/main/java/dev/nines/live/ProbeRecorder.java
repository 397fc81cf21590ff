package dev.nines.live;

import dev.nines.ingest.IngestWriter;
import dev.nines.model.MaintenanceSpec;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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


  private final Store store;
  private final IngestWriter writer;
  private final Clock clock;
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
  private final ConcurrentLinkedQueue<BucketDelta> unsentDeltas = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<StoredAttempt> agentCounted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<PendingStates.Resolved> agentResolved =
      new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<PendingStates.Resolved> externalResolved =
      new ConcurrentLinkedQueue<>();
  private final ProbeCounters counters = new ProbeCounters();

  public ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.clock = clock;
    reconfigure(spec);
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
    this.slis = new MonitorSlis(next, store, slis == null ? Map.of() : slis.positions(),
        clock.instant());
  }

  /**
   * A final state inside a maintenance window of the monitor's service becomes UNKNOWN, with
   * what the probe saw kept in the message.
   */
  PendingStates.Resolved maintained(PendingStates.Resolved r) {
    MaintenanceSpec m = spec.maintenanceAt(serviceOf.getOrDefault(r.monitor(), ""),
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
   */
  public boolean acceptAgentResults(String key, String region, List<StoredAttempt> agentAttempts,
      List<PendingStates.Resolved> resolved, List<PendingStates.Resolved> live) {
    resolved = resolved.stream().map(this::maintained).toList();
    boolean fresh = store.appendProbeResults(key, agentAttempts,
        resolved.stream().map(r -> stored(r, "agent")).toList());
    if (fresh) {
      agentCounted.addAll(agentAttempts);
      agentResolved.addAll(resolved);
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
              unsentDeltas.addAll(deltas);
            }
          });
    } catch (IngestWriter.SaturatedException e) {
      unsentDeltas.addAll(deltas);
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
