package dev.nines.live;

import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.slo.Counts;
import dev.nines.slo.SloEngine;
import dev.nines.slo.SloStatus;
import dev.nines.slo.TimeSlices;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live state of every SLO of a spec: an {@link SloEngine} rebuilt from the stored minute
 * buckets at start, then fed each committed batch and moved on every minute. Thread-safe:
 * writers and readers synchronise on this object.
 */
public final class LiveSlos {
  private final List<SloSpec> slos;
  private final Map<String, Integer> index = new HashMap<>();
  private final SloEngine engine;
  private final long[] totals;
  private final long firstMinute;

  /**
   * A live SLO with its current status, and for an uptime SLO the exact uptime figures over
   * its window (from its companion buckets, see {@link UptimeBuckets}), else null.
   */
  public record View(SloSpec spec, SloStatus status, UptimeSnapshot uptime) {}

  /** Builds the engine at {@code now} and loads every stored bucket it can hold. */
  public LiveSlos(Spec spec, Store store, Instant now) {
    this(spec, now);
    try (Store.BucketCursor cursor = store.openMinuteBucketsSince(firstMinute, names())) {
      load(cursor);
    }
  }

  /**
   * Empty windows at {@code now}, to be filled with {@link #load} from a snapshot of the
   * minute buckets from {@link #firstMinute()} on.
   */
  public LiveSlos(Spec spec, Instant now) {
    this.slos = spec.slos();
    List<SloEngine.Definition> defs = new ArrayList<>();
    long longestMinutes = 3 * 24 * 60;
    for (int i = 0; i < slos.size(); i++) {
      SloSpec s = slos.get(i);
      index.put(s.name(), i);
      defs.add(new SloEngine.Definition(s.target(), s.window(), s.alerting().enabledWindows(),
          TimeSlices.of(s.budgeting())));
      longestMinutes = Math.max(longestMinutes, s.window().nominalLength().toMinutes() * 32 / 30);
    }
    for (SloSpec s : slos) {
      if (s.sli().kind() == SliKind.UPTIME) {
        // Companion buckets share the SLO's window; they have no alerts of their own.
        for (String key : List.of(UptimeBuckets.unknownKey(s.name()),
            UptimeBuckets.uncertainKey(s.name()))) {
          index.put(key, defs.size());
          defs.add(new SloEngine.Definition(s.target(), s.window(), List.of()));
        }
      }
    }
    long nowMinute = now.getEpochSecond() / 60;
    this.engine = new SloEngine(defs, nowMinute);
    this.totals = new long[2 * defs.size()];
    this.firstMinute = nowMinute - longestMinutes;
  }

  /**
   * The bucket keys the windows hold: every SLO's name, and the companion keys (unknown and
   * uncertain time) of uptime SLOs.
   */
  public List<String> names() {
    return List.copyOf(index.keySet());
  }

  /** The oldest epoch minute the windows hold: stored buckets from here on are loaded. */
  public long firstMinute() {
    return firstMinute;
  }

  /** Adds every bucket of a store snapshot (taken from {@link #firstMinute()} on). */
  public synchronized void load(Store.BucketCursor cursor) {
    cursor.forEach(this::record);
  }

  private void record(String sli, long minute, long good, long valid) {
    Integer i = index.get(sli);
    if (i != null) {
      engine.record(i, minute, good, valid);
    }
  }

  /**
   * Takes over the since-start totals of the SLOs {@code old} shares with these windows (the
   * companion buckets of uptime SLOs too), when these replace it: {@code /metrics} counters go
   * on instead of starting again at zero.
   */
  public void carryTotalsFrom(LiveSlos old) {
    Map<String, long[]> theirs = old.totalsByKey();
    synchronized (this) {
      for (Map.Entry<String, Integer> e : index.entrySet()) {
        long[] t = theirs.get(e.getKey());
        if (t != null) {
          totals[2 * e.getValue()] = t[0];
          totals[2 * e.getValue() + 1] = t[1];
        }
      }
    }
  }

  private synchronized Map<String, long[]> totalsByKey() {
    Map<String, long[]> out = new HashMap<>();
    index.forEach((key, i) -> out.put(key, new long[] {totals[2 * i], totals[2 * i + 1]}));
    return out;
  }

  /** Adds committed batches to the live windows. */
  public synchronized void apply(List<IngestBatch> batches) {
    for (IngestBatch b : batches) {
      for (BucketDelta d : b.buckets()) {
        Integer i = index.get(d.sli());
        if (i != null) {
          engine.record(i, d.minute(), d.good(), d.valid());
          totals[2 * i] += d.good();
          totals[2 * i + 1] += d.valid();
        }
      }
    }
  }

  /** Moves the windows on to {@code now}. */
  public synchronized void tick(Instant now) {
    engine.advance(now.getEpochSecond() / 60);
  }

  /** Every SLO with its status now, in spec order. */
  public synchronized List<View> views() {
    List<View> out = new ArrayList<>(slos.size());
    for (int i = 0; i < slos.size(); i++) {
      out.add(view(i));
    }
    return out;
  }

  /** One SLO's view, or null. */
  public synchronized View view(String name) {
    Integer i = index.get(name);
    return i == null || i >= slos.size() ? null : view(i);
  }

  private View view(int i) {
    SloSpec s = slos.get(i);
    SloStatus status = engine.status(i);
    if (s.sli().kind() != SliKind.UPTIME) {
      return new View(s, status, null);
    }
    Counts unknown = engine.status(index.get(UptimeBuckets.unknownKey(s.name()))).window();
    Counts uncertain = engine.status(index.get(UptimeBuckets.uncertainKey(s.name()))).window();
    return new View(s, status, UptimeBuckets.snapshot(status.window().good(),
        status.window().valid(), unknown.valid(), uncertain.good(), uncertain.valid()));
  }

  /**
   * Up, down and unknown time of an uptime SLO committed since this process started (what
   * {@code /metrics} counts), or null for an unknown SLO or one of another kind.
   */
  public synchronized UptimeSnapshot uptimeSinceStart(String name) {
    Integer i = index.get(name);
    if (i == null || i >= slos.size() || slos.get(i).sli().kind() != SliKind.UPTIME) {
      return null;
    }
    int u = index.get(UptimeBuckets.unknownKey(name));
    int c = index.get(UptimeBuckets.uncertainKey(name));
    return UptimeBuckets.snapshot(totals[2 * i], totals[2 * i + 1], totals[2 * u + 1],
        totals[2 * c], totals[2 * c + 1]);
  }

  /**
   * Counts of one SLO over the last {@code lookback}, which must be one of its look-backs
   * (its alert windows, 1h, 6h, 1d, and a rolling window's length); null for an unknown SLO.
   */
  public synchronized Counts counts(String name, Duration lookback) {
    Integer i = index.get(name);
    return i == null || i >= slos.size() ? null : engine.counts(i, lookback);
  }

  /**
   * Good and valid units (events, or milliseconds for uptime SLIs) committed for one SLO
   * since this process started, as {@code [good, valid]}; null for an unknown SLO.
   */
  public synchronized long[] totalsSinceStart(String name) {
    Integer i = index.get(name);
    return i == null || i >= slos.size() ? null : new long[] {totals[2 * i], totals[2 * i + 1]};
  }
}
