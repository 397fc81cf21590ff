package dev.nines.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a server runs every second (store probe results, move the SLO windows on, reload a
 * changed spec), each on its own: a step that throws is logged (at most once a
 * {@link #LOG_EVERY} while it keeps failing, and once when it recovers) and the other steps
 * still run, so one bad item cannot freeze the windows or stop hot reload.
 */
final class PeriodicUpdate implements Runnable {
  /** A failing step is logged again after this long. */
  static final Duration LOG_EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicUpdate.class);

  /** Where failures go; the server logs them. */
  interface Failures {
    void failed(String step, RuntimeException e, boolean first);

    void recovered(String step);
  }

  private final Map<String, Runnable> steps = new LinkedHashMap<>();
  private final Map<String, Instant> failingSince = new LinkedHashMap<>();
  private final Map<String, Instant> loggedAt = new LinkedHashMap<>();
  private final Clock clock;
  private final Failures failures;

  PeriodicUpdate(Clock clock) {
    this(clock, new Failures() {
      @Override public void failed(String step, RuntimeException e, boolean first) {
        LOG.error("periodic update: {} failed{}; the other steps go on", step,
            first ? "" : " again", e);
      }

      @Override public void recovered(String step) {
        LOG.info("periodic update: {} works again", step);
      }
    });
  }

  PeriodicUpdate(Clock clock, Failures failures) {
    this.clock = clock;
    this.failures = failures;
  }

  /** Adds a step, run after those added before it. */
  PeriodicUpdate step(String name, Runnable step) {
    steps.put(name, step);
    return this;
  }

  /** Runs every step once. */
  @Override public synchronized void run() {
    steps.forEach((name, step) -> {
      try {
        step.run();
        if (failingSince.remove(name) != null) {
          loggedAt.remove(name);
          failures.recovered(name);
        }
      } catch (RuntimeException e) {
        Instant now = clock.instant();
        boolean first = failingSince.putIfAbsent(name, now) == null;
        Instant logged = loggedAt.get(name);
        if (first || logged == null || !now.isBefore(logged.plus(LOG_EVERY))) {
          loggedAt.put(name, now);
          failures.failed(name, e, first);
        }
      }
    });
  }
}
