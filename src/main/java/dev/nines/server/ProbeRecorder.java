package dev.nines.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.ingest.IngestWriter;
import dev.nines.model.Spec;
import dev.nines.probe.Attempt;
import dev.nines.probe.Phases;
import dev.nines.probe.ProbeSink;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The latest state of one monitor in one region. */
  public record Latest(Observation observation, String message) {}

  private record Seen(String monitor, String region, Observation o, String message) {}

  private final Store store;
  private final IngestWriter writer;
  private final Clock clock;
  private final MonitorSlis slis;
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final Map<String, List<Seen>> pending = new HashMap<>();
  private final Map<String, Map<String, Latest>> latest = new ConcurrentHashMap<>();
  private final ProbeCounters counters = new ProbeCounters();

  ProbeRecorder(Spec spec, Store store, IngestWriter writer, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.clock = clock;
    this.slis = new MonitorSlis(spec);
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
    seen.add(new Seen(monitor, region, o, message));
    latest.computeIfAbsent(monitor, k -> new ConcurrentHashMap<>())
        .put(region, new Latest(o, message));
  }

  /** The latest state of every region of a monitor (empty if none yet). */
  public Map<String, Latest> latest(String monitor) {
    return Map.copyOf(latest.getOrDefault(monitor, Map.of()));
  }

  /** Stores what arrived and updates the SLIs; called once a second from one thread. */
  void flush() {
    List<StoredAttempt> storedAttempts = new ArrayList<>();
    List<BucketDelta> deltas = new ArrayList<>();
    for (Attempt a; (a = attempts.poll()) != null; ) {
      storedAttempts.add(stored(a));
      deltas.addAll(slis.attempt(a.monitor(), a.start(), a.ok()));
    }
    List<StoredObservation> resolved = new ArrayList<>();
    for (Seen s; (s = seen.poll()) != null; ) {
      for (Seen r : resolve(s)) {
        resolved.add(new StoredObservation(r.monitor(), r.region(), r.o().time(), r.o().state(),
            r.message(), "probe"));
        deltas.addAll(slis.observation(r.monitor(), r.region(), r.o()));
      }
    }
    deltas.addAll(slis.advance(clock.instant().minus(slis.lag())));
    try {
      store.appendAttempts(storedAttempts);
      store.appendObservations(resolved);
    } catch (RuntimeException e) {
      LOG.warn("storing {} attempts and {} observations failed: {}", storedAttempts.size(),
          resolved.size(), e.getMessage());
    }
    if (!deltas.isEmpty()) {
      try {
        writer.submit(new IngestBatch(null, deltas, List.of(), deltas.size()));
      } catch (IngestWriter.SaturatedException e) {
        LOG.warn("monitor SLI buckets dropped: {}", e.getMessage());
      }
    }
  }

  /** The observations that {@code s} makes final, in time order. */
  private List<Seen> resolve(Seen s) {
    String key = s.monitor() + "\u0000" + s.region();
    List<Seen> waiting = pending.computeIfAbsent(key, k -> new ArrayList<>());
    if (s.o().state() == State.UNKNOWN) {
      waiting.add(s);
      return List.of();
    }
    List<Seen> out = new ArrayList<>();
    for (Seen w : waiting) {
      // A backdated ERROR replaces the pending UNKNOWNs from its time on.
      if (s.o().state() != State.ERROR || w.o().time().isBefore(s.o().time())) {
        out.add(w);
      }
    }
    waiting.clear();
    out.add(s);
    return out;
  }

  private static StoredAttempt stored(Attempt a) {
    Phases p = a.phases();
    String steps = null;
    if (!a.steps().isEmpty()) {
      try {
        steps = JSON.writeValueAsString(a.steps().stream().map(st -> Map.of(
            "name", st.name(), "ok", st.ok(), "status", st.status() == null ? -1 : st.status(),
            "error", st.error() == null ? "" : st.error(),
            "totalMillis", st.phases().totalMillis())).toList());
      } catch (JsonProcessingException e) {
        steps = null;
      }
    }
    return new StoredAttempt(a.monitor(), a.region(), a.start(), a.ok(), a.status(), a.error(),
        phase(p.dnsMillis()), phase(p.connectMillis()), phase(p.tlsMillis()),
        phase(p.firstByteMillis()), phase(p.totalMillis()), steps);
  }

  private static Double phase(double millis) {
    return millis < 0 ? null : millis;
  }
}
