package dev.nines.uptime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Multi-region quorum: combines the state timelines of several probe regions into one
 * service timeline, so that one failing or silent region is a regional incident, not
 * downtime.
 */
public final class RegionQuorum {
  private RegionQuorum() {}

  /**
   * The service timeline decided by a quorum of regions, with the regional incidents.
   *
   * <p>At instant t a region's state is its latest observation at or before t while that is
   * fresh, {@code t - time < 2 x interval}; a stale region (exactly 2 x interval old
   * included) or one with no observation yet counts as UNKNOWN. The service is ERROR when at
   * least {@code quorum} regions say ERROR; otherwise OK when at least {@code quorum} fresh
   * regions say OK or ERROR; otherwise UNKNOWN. The rule is evaluated at every observation
   * time and at every staleness expiry ({@code time + 2 x interval}) up to the last observation
   * time, which is the data's horizon as in {@link UptimeCalculator}. The timeline keeps the
   * first and the last evaluated point of each run of one service state: every change point,
   * and enough for {@link UptimeCalculator} to attribute exactly what it would from all the
   * points. A regional incident is a span in which a region says ERROR while the service is
   * not ERROR; one still going on at the horizon has no end. No observations give an empty
   * timeline and no incidents.
   *
   * @throws IllegalArgumentException for no regions, a blank region name, an interval that is
   *     not positive, or a quorum outside {@code 1..regions}
   */
  public static QuorumResult combine(Map<String, List<Observation>> byRegion, Duration interval,
      int quorum) {
    validate(byRegion, interval, quorum);
    Duration staleAfter = interval.multipliedBy(2);
    Map<String, Cursor> cursors = new TreeMap<>();
    byRegion.forEach((region, observations) ->
        cursors.put(region, new Cursor(observations, staleAfter)));
    Timeline timeline = new Timeline();
    for (Instant t : evaluationTimes(byRegion.values(), staleAfter)) {
      Map<String, State> states = new TreeMap<>();
      cursors.forEach((region, cursor) -> states.put(region, cursor.stateAt(t)));
      timeline.record(t, decide(states.values(), quorum), states);
    }
    return timeline.result();
  }

  private static void validate(Map<String, List<Observation>> byRegion, Duration interval,
      int quorum) {
    if (byRegion.isEmpty()) {
      throw new IllegalArgumentException("regions: none. Expected at least one region");
    }
    for (String region : byRegion.keySet()) {
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException("region '" + region + "': blank name. "
            + "Expected a region name such as eu-west");
      }
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval " + interval + " is not positive. "
          + "Expected a check interval > 0");
    }
    if (quorum < 1 || quorum > byRegion.size()) {
      throw new IllegalArgumentException("quorum " + quorum + " is out of range. "
          + "Expected 1 <= quorum <= " + byRegion.size() + " (the number of regions)");
    }
  }

  private static NavigableSet<Instant> evaluationTimes(
      Iterable<List<Observation>> timelines, Duration staleAfter) {
    TreeSet<Instant> times = new TreeSet<>();
    timelines.forEach(observations -> observations.forEach(o -> times.add(o.time())));
    if (times.isEmpty()) {
      return times;
    }
    Instant horizon = times.last();
    List<Instant> expiries = times.stream().map(t -> t.plus(staleAfter)).toList();
    expiries.stream().filter(expiry -> !expiry.isAfter(horizon)).forEach(times::add);
    return times;
  }

  /**
   * The service state at {@code t} from each region's latest observation (null when a region
   * has none), by the same rule as {@link #combine}: a region is UNKNOWN once its latest
   * observation is {@code 2 x interval} old.
   */
  public static State stateAt(Map<String, Observation> latestByRegion, Instant t,
      Duration interval, int quorum) {
    Duration staleAfter = interval.multipliedBy(2);
    List<State> states = new ArrayList<>(latestByRegion.size());
    for (Observation o : latestByRegion.values()) {
      states.add(o == null || o.time().isAfter(t) || !t.isBefore(o.time().plus(staleAfter))
          ? State.UNKNOWN : o.state());
    }
    return decide(states, quorum);
  }

  private static State decide(Iterable<State> regionStates, int quorum) {
    int errors = 0;
    int decided = 0;
    for (State state : regionStates) {
      errors += state == State.ERROR ? 1 : 0;
      decided += state == State.UNKNOWN ? 0 : 1;
    }
    if (errors >= quorum) {
      return State.ERROR;
    }
    return decided >= quorum ? State.OK : State.UNKNOWN;
  }

  /** One region's observations, walked forward in time. */
  private static final class Cursor {
    private final List<Observation> observations;
    private final Duration staleAfter;
    private int latest = -1;

    Cursor(List<Observation> observations, Duration staleAfter) {
      this.observations = new ArrayList<>(observations);
      this.observations.sort(Comparator.comparing(Observation::time));
      this.staleAfter = staleAfter;
    }

    /** The region's state at {@code t}; calls must come in increasing {@code t}. */
    State stateAt(Instant t) {
      while (latest + 1 < observations.size()
          && !observations.get(latest + 1).time().isAfter(t)) {
        latest++;
      }
      if (latest < 0) {
        return State.UNKNOWN;
      }
      Observation last = observations.get(latest);
      return t.isBefore(last.time().plus(staleAfter)) ? last.state() : State.UNKNOWN;
    }
  }

  /**
   * The service timeline as the first and last point of each run of one state, and the
   * regional incidents, built in time order.
   */
  private static final class Timeline {
    private final List<Observation> points = new ArrayList<>();
    private final List<RegionalIncident> incidents = new ArrayList<>();
    private final Map<String, Instant> openSince = new HashMap<>();

    void record(Instant t, State service, Map<String, State> regionStates) {
      int n = points.size();
      boolean runGoesOn = n >= 2 && points.get(n - 1).state() == service
          && points.get(n - 2).state() == service;
      if (runGoesOn) {
        points.set(n - 1, new Observation(t, service));
      } else {
        points.add(new Observation(t, service));
      }
      regionStates.forEach((region, state) -> {
        boolean regional = state == State.ERROR && service != State.ERROR;
        Instant since = openSince.get(region);
        if (regional && since == null) {
          openSince.put(region, t);
        } else if (!regional && since != null) {
          incidents.add(new RegionalIncident(region, since, t));
          openSince.remove(region);
        }
      });
    }

    QuorumResult result() {
      openSince.forEach((region, since) ->
          incidents.add(new RegionalIncident(region, since, null)));
      incidents.sort(Comparator.comparing(RegionalIncident::start)
          .thenComparing(RegionalIncident::region));
      return new QuorumResult(points, incidents);
    }
  }
}
