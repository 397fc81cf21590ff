package dev.nines.demo;

import dev.nines.demo.platform.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The faults in force: which are active until when, what starting and ending one does to the
 * platform ({@link Action}s for app-down, region-network and cert-expiry), and the
 * {@link Conditions} the platform reads for the others. Triggering an active fault extends it.
 * Actions run on {@code actions} in the order faults start and end; {@link #tick()} ends the
 * faults whose time is up.
 */
public final class Faults implements Conditions {
  /**
   * What a fault does to the platform when it starts and when it ends; {@code target} is the
   * part it hits (the region of region-network), or null for faults without targets.
   */
  public interface Action {
    void start(String target) throws Exception;

    void end(String target) throws Exception;
  }

  /**
   * A fault's state now.
   *
   * @param since when it last started, or null if never
   * @param until when it ends (active) or ended, or null if never started
   * @param times how often it started
   * @param target the part it hits or last hit (a region), or null
   * @param unavailable why it cannot be played here, or null
   */
  public record State(Fault fault, boolean active, Instant since, Instant until, int times,
      String target, String unavailable) {}

  /** The share of failing courier calls at 5 %, rising to this at the fault's end. */
  static final double COURIER_WORST_RATIO = 0.20;
  private static final double COURIER_RATIO = 0.05;

  private final Clock clock;
  private final DemoTime time;
  private final Executor actions;
  private final Consumer<String> log;
  private final Map<Fault, Action> effects = new EnumMap<>(Fault.class);
  private final Map<Fault, String> unavailable = new EnumMap<>(Fault.class);
  private final Map<Fault, List<String>> targets = new EnumMap<>(Fault.class);
  private final Map<Fault, State> states = new EnumMap<>(Fault.class);

  /**
   * @param actions runs start and end actions in order (one thread; a direct executor in tests)
   * @param log takes one line per fault start and end, for the console
   */
  public Faults(Clock clock, DemoTime time, Executor actions, Consumer<String> log) {
    this.clock = clock;
    this.time = time;
    this.actions = actions;
    this.log = log;
    for (Fault f : Fault.values()) {
      states.put(f, new State(f, false, null, null, 0, null, null));
    }
  }

  /** Sets what {@code fault} does when it starts and ends. */
  public synchronized void onFault(Fault fault, Action action) {
    effects.put(fault, action);
  }

  /** Marks {@code fault} as impossible here, with the reason shown to whoever triggers it. */
  public synchronized void unavailable(Fault fault, String reason) {
    unavailable.put(fault, reason);
    states.put(fault, withUnavailable(states.get(fault), reason));
  }

  private static State withUnavailable(State s, String reason) {
    return new State(s.fault(), s.active(), s.since(), s.until(), s.times(), s.target(), reason);
  }

  /** The parts {@code fault} may hit; the last one is the default target. */
  public synchronized void targets(Fault fault, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException(fault.id() + ": no targets. Expected at least one");
    }
    targets.put(fault, List.copyOf(names));
  }

  /** The parts {@code fault} may hit, empty for a fault without targets. */
  public synchronized List<String> targetsOf(Fault fault) {
    return targets.getOrDefault(fault, List.of());
  }

  /** {@link #trigger(Fault, Duration, String)} on the fault's default target. */
  public State trigger(Fault fault, Duration realDuration) {
    return trigger(fault, realDuration, null);
  }

  /**
   * Starts {@code fault} on {@code target} for {@code realDuration} (null: its simulated
   * duration at this speed), or extends it when it is active on that target.
   *
   * @param target one of {@link #targetsOf}, or null for the default (the last one)
   * @throws IllegalStateException when the fault is unavailable here, or active on another
   *     target
   * @throws IllegalArgumentException for a target the fault cannot hit
   */
  public synchronized State trigger(Fault fault, Duration realDuration, String target) {
    String why = unavailable.get(fault);
    if (why != null) {
      throw new IllegalStateException(fault.id() + ": cannot be played here: " + why);
    }
    String on = target(fault, target);
    Duration d = realDuration != null ? realDuration : time.real(fault.duration());
    Instant now = clock.instant();
    State s = states.get(fault);
    if (s.active()) {
      if (on != null && !on.equals(s.target())) {
        throw new IllegalStateException(fault.id() + ": active on " + s.target() + " until "
            + s.until() + ". Expected it to end before it hits " + on);
      }
      Instant until = now.plus(d).isAfter(s.until()) ? now.plus(d) : s.until();
      State extended = new State(fault, true, s.since(), until, s.times(), on, null);
      states.put(fault, extended);
      log.accept("fault " + fault.id() + ": extended until " + until);
      return extended;
    }
    State started = new State(fault, true, now, now.plus(d), s.times() + 1, on, null);
    states.put(fault, started);
    log.accept("fault " + fault.id() + (on == null ? "" : " on " + on) + ": started for "
        + dev.nines.model.Durations.format(d.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
        + ": " + fault.description());
    run(fault, true, on);
    return started;
  }

  private String target(Fault fault, String target) {
    List<String> names = targets.get(fault);
    if (names == null) {
      if (target != null) {
        throw new IllegalArgumentException(fault.id() + ": '" + target + "' given. Expected "
            + "no target for this fault");
      }
      return null;
    }
    if (target == null) {
      return names.get(names.size() - 1);
    }
    if (!names.contains(target)) {
      throw new IllegalArgumentException(fault.id() + ": '" + target + "' is not a target. "
          + "Expected one of " + String.join(", ", names));
    }
    return target;
  }

  /** Ends every fault whose time is up. */
  public synchronized void tick() {
    Instant now = clock.instant();
    for (Fault f : Fault.values()) {
      State s = states.get(f);
      if (s.active() && !now.isBefore(s.until())) {
        states.put(f, new State(f, false, s.since(), s.until(), s.times(), s.target(),
            s.unavailable()));
        log.accept("fault " + f.id() + (s.target() == null ? "" : " on " + s.target())
            + ": ended");
        run(f, false, s.target());
      }
    }
  }

  private void run(Fault fault, boolean start, String target) {
    Action a = effects.get(fault);
    if (a == null) {
      return;
    }
    actions.execute(() -> {
      try {
        if (start) {
          a.start(target);
        } else {
          a.end(target);
        }
      } catch (Exception e) {
        log.accept("fault " + fault.id() + ": could not " + (start ? "start" : "end") + ": " + e);
      }
    });
  }

  /** Every fault's state, in catalogue order. */
  public synchronized List<State> states() {
    return new ArrayList<>(states.values());
  }

  public synchronized State state(Fault fault) {
    return states.get(fault);
  }

  public synchronized boolean active(Fault fault) {
    State s = states.get(fault);
    return s.active() && clock.instant().isBefore(s.until());
  }

  /** How far an active fault has run, 0 to 1; 0 when it is not active. */
  synchronized double progress(Fault fault) {
    State s = states.get(fault);
    if (!active(fault)) {
      return 0;
    }
    double total = Duration.between(s.since(), s.until()).toMillis();
    return total <= 0 ? 1 : Math.min(1, Duration.between(s.since(), clock.instant()).toMillis()
        / total);
  }

  /**
   * The share of failing courier calls at {@code progress} (0 to 1) of the courier-errors
   * fault: 5 % for the first 60 %, then rising linearly to {@link #COURIER_WORST_RATIO}.
   */
  static double courierErrorRatio(double progress) {
    if (progress <= 0.6) {
      return COURIER_RATIO;
    }
    return COURIER_RATIO + (COURIER_WORST_RATIO - COURIER_RATIO) * (progress - 0.6) / 0.4;
  }

  @Override public double courierErrorRatio() {
    return active(Fault.COURIER_ERRORS) ? courierErrorRatio(progress(Fault.COURIER_ERRORS)) : 0;
  }

  @Override public boolean shopSlow() {
    return active(Fault.SLOW_SHOP);
  }

  @Override public boolean trackingLagging() {
    return active(Fault.TRACKING_LAG);
  }
}
