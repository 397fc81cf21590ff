package dev.nines.live;

import dev.nines.maintenance.AppliedHistory;
import dev.nines.maintenance.AppliedHistory.How;
import dev.nines.maintenance.AppliedHistory.SloEffect;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.store.BucketReplacement;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.uptime.UptimeInputs;
import dev.nines.uptime.UptimeReport;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rewrite of the stored history for {@link MaintenanceHistory}: plans, window by window,
 * the buckets each SLO of the window's service gets over the window's past part, then commits
 * every replacement in one store transaction. Used once, on one thread.
 */
final class HistoryRewrite {
  /** Minute buckets of {@code keys} replaced over epoch minutes [fromMinute, toMinute). */
  record Range(List<String> keys, long fromMinute, long toMinute) {}

  /** An SLO's effect before the commit says how many minutes of a replacement changed. */
  record Draft(String slo, How how, long minutes, long changed, int replacement, String note) {}

  private final Spec spec;
  private final Store store;
  private final MonitorUptimes uptimes;
  private final Instant now;
  private final Instant horizon;
  private final List<BucketReplacement> replacements = new ArrayList<>();
  private final List<Range> uptimeRanges = new ArrayList<>();
  private long[] changed = new long[0];

  /**
   * @param calendar the maintenance windows in force after the change
   * @param horizon the oldest instant whose observations are surely still stored
   */
  HistoryRewrite(Spec spec, Store store, MaintenanceCalendar calendar, Instant now,
      Instant horizon) {
    this.spec = spec;
    this.store = store;
    this.uptimes = new MonitorUptimes(() -> spec, store, () -> calendar);
    this.now = now;
    this.horizon = horizon;
  }

  /**
   * What one window's change does to each SLO of its service.
   *
   * @param positions where each uptime SLO's attribution stands: later minutes are not stored
   *     yet, and get the new calendar when they are attributed
   */
  List<Draft> plan(MaintenanceWindow w, AppliedHistory.Change change,
      Map<String, Long> positions) {
    List<Draft> out = new ArrayList<>();
    for (SloSpec slo : spec.slos()) {
      if (!slo.service().equals(w.service())) {
        continue;
      }
      out.add(switch (MaintenanceHistory.howOf(slo)) {
        case RECOMPUTED -> uptime(slo, w, positions.get(slo.name()));
        case EXCLUDED -> change == AppliedHistory.Change.ADDED ? excluded(slo, w)
            : unchanged(slo, "its events inside the window were not kept: deleting the window "
                + "cannot bring them back, so its minutes stay as they are");
        case UNCHANGED -> unchanged(slo, slo.sli().source() instanceof SliSource.Events
            ? "counts its events in maintenance as always"
            : slo.sli().source() instanceof SliSource.Monitors
                ? "counts checks as they were stored; not recomputed"
                : "pulled from Prometheus; not recomputed");
      });
    }
    return out;
  }

  private static Draft unchanged(SloSpec slo, String note) {
    return new Draft(slo.name(), How.UNCHANGED, 0, 0, -1, note);
  }

  /** An uptime SLO: its stored minutes of the window recomputed from the observations. */
  private Draft uptime(SloSpec slo, MaintenanceWindow w, Long position) {
    List<MonitorSpec> monitors = UptimeInputs.monitorsOf(spec, slo);
    if (position == null || monitors.isEmpty()) {
      return unchanged(slo, "not attributed by this server yet");
    }
    if (!w.end().isAfter(horizon)) {
      return unchanged(slo, "left as stored: the window is older than the raw retention, whose "
          + "observations are gone");
    }
    long from = minute(w.start().isBefore(horizon) ? horizon : w.start());
    long pastEnd = ceilMinute(w.end().isAfter(now) ? now : w.end());
    long to = Math.min(pastEnd, position);
    if (from >= to) {
      return unchanged(slo, "no minute of the window is stored yet: they are attributed with "
          + "the window as they settle");
    }
    Instant toAt = Instant.ofEpochSecond(to * 60);
    Instant settled = MonitorUptimes.settledAt(monitors, now);
    UptimeReport r = uptimes.slo(slo, Instant.ofEpochSecond(from * 60), toAt,
        settled.isAfter(toAt) ? settled : toAt);
    to = Math.min(to, minute(r.attributedUntil()));
    List<String> keys = List.of(slo.name(), UptimeBuckets.unknownKey(slo.name()),
        UptimeBuckets.uncertainKey(slo.name()));
    Map<String, List<MinuteBucket>> fresh = new HashMap<>();
    keys.forEach(k -> fresh.put(k, new ArrayList<>()));
    for (Map.Entry<Long, UptimeSnapshot> e : r.settledMinutes().entrySet()) {
      if (e.getKey() >= from && e.getKey() < to) {
        for (BucketDelta d : UptimeBuckets.deltas(slo.name(), e.getKey(), e.getValue())) {
          fresh.get(d.sli()).add(new MinuteBucket(d.minute(), d.good(), d.valid()));
        }
      }
    }
    long changedMinutes = differing(keys, fresh, from, to);
    for (String k : keys) {
      replacements.add(new BucketReplacement(k, from, to, fresh.get(k)));
    }
    uptimeRanges.add(new Range(keys, from, to));
    List<String> notes = new ArrayList<>();
    if (w.start().isBefore(horizon)) {
      notes.add("minutes before " + Instant.ofEpochSecond(from * 60) + " left as stored: their "
          + "observations are past the raw retention");
    }
    if (to < pastEnd) {
      notes.add("minutes from " + Instant.ofEpochSecond(to * 60) + " on are attributed with "
          + "the window as they settle");
    }
    return new Draft(slo.name(), How.RECOMPUTED, to - from, changedMinutes, -1,
        notes.isEmpty() ? null : String.join("; ", notes));
  }

  /** Minutes of [from, to) where any key's stored bucket differs from the fresh one. */
  private long differing(List<String> keys, Map<String, List<MinuteBucket>> fresh, long from,
      long to) {
    Set<Long> differ = new HashSet<>();
    for (String k : keys) {
      Map<Long, MinuteBucket> now = new HashMap<>();
      fresh.get(k).forEach(b -> now.put(b.period(), b));
      for (MinuteBucket old : store.minuteBuckets(k, from, to)) {
        MinuteBucket b = now.remove(old.period());
        if (!java.util.Objects.equals(old.valid() == 0 ? null : old, b)) {
          differ.add(old.period());
        }
      }
      now.values().forEach(b -> differ.add(b.period()));
    }
    return differ.size();
  }

  /**
   * An event SLO that excludes maintenance, for an added window: the minutes wholly inside its
   * past part are emptied; a partly covered minute keeps its events (they are not kept one by
   * one, so which of them fell inside cannot be told).
   */
  private Draft excluded(SloSpec slo, MaintenanceWindow w) {
    Instant end = w.end().isAfter(now) ? now : w.end();
    long from = ceilMinute(w.start());
    long to = minute(end);
    Set<String> partly = new java.util.TreeSet<>();
    if (!onMinute(w.start())) {
      partly.add(Instant.ofEpochSecond(minute(w.start()) * 60).toString());
    }
    if (!onMinute(end)) {
      partly.add(Instant.ofEpochSecond(minute(end) * 60).toString());
    }
    String note = partly.isEmpty() ? null : "the partly covered minute" + (partly.size() > 1
        ? "s " : " ") + String.join(" and ", partly) + (partly.size() > 1 ? " keep their"
        : " keeps its") + " events";
    if (from >= to) {
      return new Draft(slo.name(), How.EXCLUDED, 0, 0, -1, note);
    }
    replacements.add(new BucketReplacement(slo.name(), from, to, List.of()));
    return new Draft(slo.name(), How.EXCLUDED, to - from, 0, replacements.size() - 1, note);
  }

  /** The uptime ranges replaced: buckets of them still waiting for the writer are stale. */
  List<Range> uptimeRanges() {
    return List.copyOf(uptimeRanges);
  }

  /** Writes every planned replacement in one transaction (call between two commits). */
  void commit() {
    changed = store.replaceMinuteBuckets(replacements);
  }

  /** Whether the commit changed any stored minute. */
  boolean wroteAnything() {
    for (long c : changed) {
      if (c > 0) {
        return true;
      }
    }
    return false;
  }

  /** The effects of one window, with the changed minutes the commit counted. */
  List<SloEffect> finish(List<Draft> drafts) {
    List<SloEffect> out = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      long c = d.replacement() >= 0 ? changed[d.replacement()] : d.changed();
      out.add(new SloEffect(d.slo(), d.how(), d.minutes(), Math.min(c, d.minutes()), d.note()));
    }
    return out;
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }

  private static long ceilMinute(Instant t) {
    return onMinute(t) ? minute(t) : minute(t) + 1;
  }

  private static boolean onMinute(Instant t) {
    return t.getEpochSecond() % 60 == 0 && t.getNano() == 0;
  }
}
