package dev.nines.uptime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one computation of state-based uptime. The live uptime SLI buckets, the monitor page and
 * API, the SLO, portal and status pages, {@code /metrics} and {@code nines uptime} all get their
 * figures from {@link #compute}; nothing else derives uptime.
 */
public final class Uptime {
  private Uptime() {}

  /**
   * The timeline and uptime of {@code query}'s monitors over {@code [from, to)}.
   *
   * <p><b>Region state.</b> At instant t a region's state is that of its newest observation at
   * or before t (the last in input order among equal times) while {@code t < time + staleAfter};
   * after that, and before its first observation, the region is silent. An observation inside a
   * maintenance window counts as UNKNOWN.
   *
   * <p><b>Monitor state</b> (quorum q): ERROR when at least q fresh regions say ERROR; else
   * silent UNKNOWN when fewer than q regions are fresh; else OK when at least q fresh regions
   * say OK or ERROR; else UNKNOWN. <b>Service state</b> over several monitors: ERROR when any is
   * ERROR, else UNKNOWN when any is UNKNOWN (silent when any is silent), else OK. Inside a
   * maintenance window the service and each region are UNKNOWN for maintenance.
   *
   * <p><b>Evaluation points</b> are every instant in {@code [from, knownUntil]} where some region
   * of some monitor reported (a check), and every instant where the state or its cause changes:
   * a staleness expiry, a maintenance boundary; {@code from} is always the first. Times are
   * taken to the millisecond.
   *
   * <p><b>Attribution.</b> The interval between two consecutive points counts as the
   * attribution table says for the states at its ends, except that an interval starting in
   * silence is always unknown: silence is never up and never down. An interval is certain when
   * both ends are OK, or both ERROR, and the table does not call it unknown; every other one
   * is uncertain (it touches UNKNOWN, or its two checks disagree, so the change happened
   * somewhere inside it). With {@code excludeMaintenance}, time inside maintenance windows is
   * left out entirely. Intervals are clipped to {@code [from, to)}.
   *
   * <p><b>Pending time.</b> The time after the last point before {@code to} is attributed only
   * when a point at or after {@code to} (up to {@code knownUntil}) says how it ends, or when it
   * is silent; otherwise it waits for the next check and {@code attributedUntil} is that last
   * point. So figures never change once given, and {@code [a, b)} plus {@code [b, c)} is
   * {@code [a, c)} whenever both are attributed.
   *
   * <p>Edge cases: no observations at all is silence (all unknown, no point value); an empty
   * window attributes nothing.
   */
  public static UptimeReport compute(UptimeQuery query) {
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    long known = query.knownUntil().toEpochMilli();
    Windows windows = new Windows(query.maintenance());
    List<MonitorCursor> monitors = new ArrayList<>();
    for (MonitorObservations m : query.monitors()) {
      monitors.add(new MonitorCursor(m, windows, query.monitors().size() > 1));
    }
    Track service = new Track();
    Incidents incidents = new Incidents();
    long[] instants = instants(query, windows, from, known);
    for (long key : instants) {
      long t = key >> 1;
      boolean check = (key & 1) == 1;
      int window = windows.at(t);
      boolean anyError = false;
      boolean anyUnknown = false;
      boolean anySilent = false;
      for (MonitorCursor m : monitors) {
        m.evaluate(t, window, window >= 0 ? windows.reason(window) : null, incidents);
        anyError |= m.state == State.ERROR;
        anyUnknown |= m.state == State.UNKNOWN;
        anySilent |= m.silent;
      }
      if (window >= 0) {
        service.offer(t, State.UNKNOWN, UptimeReport.Cause.MAINTENANCE, windows.reason(window),
            check);
      } else if (anyError) {
        service.offer(t, State.ERROR, UptimeReport.Cause.CHECKED, null, check);
      } else if (anyUnknown) {
        service.offer(t, State.UNKNOWN, anySilent ? UptimeReport.Cause.SILENT
            : UptimeReport.Cause.CHECKED, null, check);
      } else {
        service.offer(t, State.OK, UptimeReport.Cause.CHECKED, null, check);
      }
    }
    Attributed all = service.attribute(query, windows, from, to);
    List<UptimeReport.Region> regions = new ArrayList<>();
    for (MonitorCursor m : monitors) {
      for (RegionCursor r : m.regions) {
        Attributed a = r.track.attribute(query, windows, from, to);
        regions.add(new UptimeReport.Region(m.name, r.name, a.uptime, a.spans, a.runs,
            r.lastObservation(known)));
      }
    }
    return new UptimeReport(query.from(), query.to(), Instant.ofEpochMilli(all.until),
        all.uptime, all.spans, all.runs, regions, incidents.result(from, to));
  }

  /**
   * Every candidate evaluation instant in {@code [from, known]}, sorted and unique, each as
   * {@code t * 2 + 1} when some region reported at t and {@code t * 2} otherwise.
   */
  private static long[] instants(UptimeQuery q, Windows windows, long from, long known) {
    int n = 1 + 2 * windows.size();
    for (MonitorObservations m : q.monitors()) {
      for (List<Observation> list : m.byRegion().values()) {
        n += 2 * list.size();
      }
    }
    long[] keys = new long[n];
    int k = 0;
    keys[k++] = from * 2;
    for (int w = 0; w < windows.size(); w++) {
      keys[k++] = windows.start[w] * 2;
      keys[k++] = windows.end[w] * 2;
    }
    for (MonitorObservations m : q.monitors()) {
      long stale = m.staleAfter().toMillis();
      for (List<Observation> list : m.byRegion().values()) {
        for (Observation o : list) {
          long t = o.time().toEpochMilli();
          keys[k++] = t * 2 + 1;
          keys[k++] = (t + stale) * 2;
        }
      }
    }
    Arrays.sort(keys, 0, k);
    long[] out = new long[k];
    int u = 0;
    for (int i = 0; i < k; i++) {
      long t = keys[i] >> 1;
      if (t < from || t > known) {
        continue;
      }
      if (u > 0 && out[u - 1] >> 1 == t) {
        out[u - 1] |= keys[i] & 1;
      } else {
        out[u++] = keys[i];
      }
    }
    return Arrays.copyOf(out, u);
  }

  /** The maintenance windows as sorted epoch-millisecond arrays. */
  private static final class Windows {
    final long[] start;
    final long[] end;
    final String[] reasons;

    Windows(List<MaintenanceWindow> list) {
      start = new long[list.size()];
      end = new long[list.size()];
      reasons = new String[list.size()];
      for (int i = 0; i < list.size(); i++) {
        start[i] = list.get(i).start().toEpochMilli();
        end[i] = list.get(i).end().toEpochMilli();
        reasons[i] = list.get(i).reason();
      }
    }

    int size() {
      return start.length;
    }

    /** The window covering {@code t} (the latest-starting one), or -1. */
    int at(long t) {
      int found = -1;
      for (int i = 0; i < start.length && start[i] <= t; i++) {
        if (t < end[i]) {
          found = i;
        }
      }
      return found;
    }

    String reason(int window) {
      return reasons[window];
    }

    /** Milliseconds of {@code [a, b)} outside every window, as the pieces left. */
    List<long[]> outside(long a, long b) {
      List<long[]> pieces = new ArrayList<>();
      long cursor = a;
      for (int i = 0; i < start.length && cursor < b; i++) {
        if (end[i] <= cursor || start[i] >= b) {
          continue;
        }
        if (start[i] > cursor) {
          pieces.add(new long[] {cursor, start[i]});
        }
        cursor = Math.max(cursor, end[i]);
      }
      if (cursor < b) {
        pieces.add(new long[] {cursor, b});
      }
      return pieces;
    }
  }

  /** One region's observations walked forward in time, with its own track. */
  private static final class RegionCursor {
    final String name;
    final long[] times;
    final State[] states;
    final long staleMillis;
    final Track track = new Track();
    int latest = -1;

    RegionCursor(String name, List<Observation> observations, long staleMillis, Windows windows) {
      this.name = name;
      this.staleMillis = staleMillis;
      times = new long[observations.size()];
      states = new State[observations.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = observations.get(i).time().toEpochMilli();
        states[i] = windows.at(times[i]) >= 0 ? State.UNKNOWN : observations.get(i).state();
      }
    }

    /** Moves to {@code t}; returns whether the region reported at exactly {@code t}. */
    boolean advance(long t) {
      while (latest + 1 < times.length && times[latest + 1] <= t) {
        latest++;
      }
      return latest >= 0 && times[latest] == t;
    }

    boolean fresh(long t) {
      return latest >= 0 && t < times[latest] + staleMillis;
    }

    State state() {
      return states[latest];
    }

    Instant lastObservation(long known) {
      int i = times.length - 1;
      while (i >= 0 && times[i] > known) {
        i--;
      }
      return i < 0 ? null : Instant.ofEpochMilli(times[i]);
    }
  }

  /**
   * A monitor's state from its regions' counts, the rule of the class comment: ERROR when at
   * least {@code quorum} fresh regions say ERROR; UNKNOWN when fewer than {@code quorum} are
   * fresh or decided (OK or ERROR); else OK.
   */
  static State decide(int errors, int fresh, int decided, int quorum) {
    return errors >= quorum ? State.ERROR : fresh < quorum || decided < quorum ? State.UNKNOWN
        : State.OK;
  }

  /**
   * A monitor's state at {@code t} from the newest observation of each region (null: none),
   * by the same rule as the timeline: a region is fresh while {@code t < time + staleAfter}.
   * Alert conditions read it, so an alert and the monitor page agree.
   */
  public static State stateAt(java.util.Map<String, Observation> latestByRegion, Instant t,
      java.time.Duration staleAfter, int quorum) {
    int errors = 0;
    int fresh = 0;
    int decided = 0;
    for (Observation o : latestByRegion.values()) {
      if (o != null && !o.time().isAfter(t) && t.isBefore(o.time().plus(staleAfter))) {
        fresh++;
        errors += o.state() == State.ERROR ? 1 : 0;
        decided += o.state() == State.UNKNOWN ? 0 : 1;
      }
    }
    return decide(errors, fresh, decided, quorum);
  }

  /** One monitor: its regions and its state at the current instant. */
  private static final class MonitorCursor {
    final String name;
    final int quorum;
    final boolean qualify;
    final List<RegionCursor> regions = new ArrayList<>();
    private boolean[] checks;
    State state;
    boolean silent;

    MonitorCursor(MonitorObservations m, Windows windows, boolean qualify) {
      this.name = m.monitor();
      this.quorum = m.quorum();
      this.qualify = qualify;
      long stale = m.staleAfter().toMillis();
      m.byRegion().forEach((region, list) ->
          regions.add(new RegionCursor(region, list, stale, windows)));
      checks = new boolean[regions.size()];
    }

    void evaluate(long t, int window, String why, Incidents incidents) {
      int errors = 0;
      int fresh = 0;
      int decided = 0;
      for (int i = 0; i < regions.size(); i++) {
        RegionCursor r = regions.get(i);
        checks[i] = r.advance(t);
        if (r.fresh(t)) {
          fresh++;
          errors += r.state() == State.ERROR ? 1 : 0;
          decided += r.state() == State.UNKNOWN ? 0 : 1;
        }
      }
      silent = fresh < quorum;
      state = decide(errors, fresh, decided, quorum);
      for (int i = 0; i < regions.size(); i++) {
        RegionCursor r = regions.get(i);
        boolean fresh1 = r.fresh(t);
        incidents.at(qualify ? name + "/" + r.name : r.name, t,
            fresh1 && r.state() == State.ERROR && state != State.ERROR);
        if (window >= 0) {
          r.track.offer(t, State.UNKNOWN, UptimeReport.Cause.MAINTENANCE, why, checks[i]);
        } else if (fresh1) {
          r.track.offer(t, r.state(), UptimeReport.Cause.CHECKED, null, checks[i]);
        } else {
          r.track.offer(t, State.UNKNOWN, UptimeReport.Cause.SILENT, null, checks[i]);
        }
      }
    }
  }

  /** Regional incidents as they open and close along the evaluation instants. */
  private static final class Incidents {
    private final Map<String, Long> open = new HashMap<>();
    private final List<RegionalIncident> closed = new ArrayList<>();

    void at(String region, long t, boolean regional) {
      Long since = open.get(region);
      if (regional && since == null) {
        open.put(region, t);
      } else if (!regional && since != null) {
        closed.add(new RegionalIncident(region, Instant.ofEpochMilli(since),
            Instant.ofEpochMilli(t)));
        open.remove(region);
      }
    }

    /** The incidents in {@code [from, to]} (one starting at {@code to} too), by start, region. */
    List<RegionalIncident> result(long from, long to) {
      List<RegionalIncident> all = new ArrayList<>(closed);
      open.forEach((region, since) ->
          all.add(new RegionalIncident(region, Instant.ofEpochMilli(since), null)));
      all.removeIf(i -> i.start().isAfter(Instant.ofEpochMilli(to))
          || i.end() != null && !i.end().isAfter(Instant.ofEpochMilli(from)));
      all.sort(java.util.Comparator.comparing(RegionalIncident::start)
          .thenComparing(RegionalIncident::region));
      return all;
    }
  }

  /** What a track attributed over the window. */
  private record Attributed(UptimeSnapshot uptime, List<UptimeReport.Span> spans,
      List<UptimeReport.StateRun> runs, long until) {}

  /**
   * The evaluation points of the service or of one region: every check, and every change of
   * state or cause, in time order.
   */
  private static final class Track {
    private long[] t = new long[16];
    private State[] s = new State[16];
    private UptimeReport.Cause[] c = new UptimeReport.Cause[16];
    private String[] reason = new String[16];
    private boolean[] check = new boolean[16];
    private int n;

    void offer(long time, State state, UptimeReport.Cause cause, String why, boolean isCheck) {
      if (n > 0 && !isCheck && s[n - 1] == state && c[n - 1] == cause
          && Objects.equals(reason[n - 1], why)) {
        return;
      }
      if (n == t.length) {
        int size = 2 * n;
        t = Arrays.copyOf(t, size);
        s = Arrays.copyOf(s, size);
        c = Arrays.copyOf(c, size);
        reason = Arrays.copyOf(reason, size);
        check = Arrays.copyOf(check, size);
      }
      t[n] = time;
      s[n] = state;
      c[n] = cause;
      reason[n] = why;
      check[n] = isCheck;
      n++;
    }

    Attributed attribute(UptimeQuery q, Windows windows, long from, long to) {
      Spans spans = new Spans();
      long until = to;
      for (int i = 0; i < n && t[i] < to; i++) {
        if (i + 1 < n) {
          add(q, windows, spans, i, s[i + 1], t[i], Math.min(t[i + 1], to));
        } else if (c[i] == UptimeReport.Cause.SILENT) {
          add(q, windows, spans, i, State.UNKNOWN, t[i], to);
        } else {
          until = t[i];
        }
      }
      return new Attributed(spans.tally, spans.list, runs(from, to), until);
    }

    private void add(UptimeQuery q, Windows windows, Spans spans, int i, State next, long a,
        long b) {
      Attribution attribution;
      boolean certain;
      if (c[i] == UptimeReport.Cause.SILENT) {
        attribution = Attribution.UNKNOWN;
        certain = false;
      } else {
        attribution = q.table().attribute(s[i], next);
        certain = s[i] == next && s[i] != State.UNKNOWN && attribution != Attribution.UNKNOWN;
      }
      if (!q.excludeMaintenance()) {
        spans.add(a, b, attribution, certain, s[i], next);
        return;
      }
      for (long[] piece : windows.outside(a, b)) {
        spans.add(piece[0], piece[1], attribution, certain, s[i], next);
      }
    }

    private List<UptimeReport.StateRun> runs(long from, long to) {
      List<UptimeReport.StateRun> runs = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= n; i++) {
        boolean ends = i == n || t[i] >= to || s[i] != s[start] || c[i] != c[start]
            || !Objects.equals(reason[i], reason[start]);
        if (!ends) {
          continue;
        }
        long end = i == n || t[i] >= to ? to : t[i];
        if (t[start] < end) {
          runs.add(new UptimeReport.StateRun(Instant.ofEpochMilli(t[start]),
              Instant.ofEpochMilli(end), s[start], c[start], start == 0 && !check[0],
              reason[start]));
        }
        if (i == n || t[i] >= to) {
          break;
        }
        start = i;
      }
      return runs;
    }
  }

  /** Attributed spans, merged while they count the same way, and their tally. */
  private static final class Spans {
    final List<UptimeReport.Span> list = new ArrayList<>();
    UptimeSnapshot tally = UptimeSnapshot.EMPTY;

    void add(long a, long b, Attribution attribution, boolean certain, State fromState,
        State toState) {
      if (a >= b) {
        return;
      }
      tally = tally.plus(attribution, certain, b - a);
      int last = list.size() - 1;
      if (last >= 0) {
        UptimeReport.Span prev = list.get(last);
        if (prev.end().toEpochMilli() == a && prev.attribution() == attribution
            && prev.certain() == certain) {
          list.set(last, new UptimeReport.Span(prev.start(), Instant.ofEpochMilli(b),
              attribution, certain, prev.fromState(), toState));
          return;
        }
      }
      list.add(new UptimeReport.Span(Instant.ofEpochMilli(a), Instant.ofEpochMilli(b),
          attribution, certain, fromState, toState));
    }
  }
}
