package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of one region's monitors. A new monitor is checked at once (spread over the
 * first {@link #FIRST_CHECK_SPREAD} so that thousands do not start in the same instant), then
 * on its {@link Slots} grid; a failed
 * attempt makes it UNKNOWN and is retried after {@code retryInterval}; when retries run out it
 * is ERROR backdated to the first failure, and is re-checked every
 * {@link MonitorSpec#recheckInterval} until a pass returns it to OK and to its grid. A check
 * that needs no thread while it waits (plain HTTP, see {@link Checker#start}) is started from
 * the timer; other attempts run concurrently on the executor (virtual threads by default). A
 * check still running {@link #WATCHDOG_GRACE} after its timeout is stopped (its thread
 * interrupted) and reported as failed. The
 * watchdog is one timer for all checks in flight, set for the earliest of their limits, not a
 * timer per check.
 *
 * <p>Slots missed, watchdog timeouts and results the sink refused are counted in
 * {@link #stats()} and logged once per burst: at the first of a run of them (per monitor for
 * the first two), and again only after a check on time, a check within its timeout or a
 * result recorded has ended the run.
 */
public final class ProbeEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeEngine.class);
  /** How long past its timeout a check may run before the watchdog ends it. */
  public static final Duration WATCHDOG_GRACE = Duration.ofMillis(500);
  /** New monitors get their first check within this much of being added. */
  public static final Duration FIRST_CHECK_SPREAD = Duration.ofSeconds(1);
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final String region;
  private final ProbeClock clock;
  private final Checker checker;
  private final Executor executor;
  private final ProbeSink sink;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Map<String, MonitorRun> runs = new ConcurrentHashMap<>();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder missed = new LongAdder();
  private final LongAdder watchdogTimeouts = new LongAdder();
  private final LongAdder sinkFailures = new LongAdder();
  private final AtomicInteger running = new AtomicInteger();
  /** Monitors in a run of missed slots, or of checks the watchdog ended. */
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private final Set<String> overrunning = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean attemptsFailing = new AtomicBoolean();
  private final AtomicBoolean statesFailing = new AtomicBoolean();
  private final java.util.Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
  private final Object watchdogLock = new Object();
  private Instant watchdogAt;
  private ProbeClock.Cancellable watchdog;
  private volatile boolean closed;

  /**
   * A check running now: when it must have ended, how to stop it, and whether it runs without
   * a thread of its own ({@link Checker#start}).
   */
  private record InFlight(MonitorRun run, Instant planned, int retry, Instant start,
      Instant limit, Runnable stop, boolean started, AtomicBoolean finished) {}

  /** An engine on the given collaborators, which the caller owns and closes. */
  public ProbeEngine(String region, ProbeClock clock, Checker checker, Executor executor,
      ProbeSink sink) {
    this.region = region;
    this.clock = clock;
    this.checker = checker;
    this.executor = executor;
    this.sink = sink;
  }

  /**
   * An engine on the default {@link Checkers}, whose loop keeps the schedule and runs the
   * plain-HTTP checks, with a virtual thread for each other attempt, all closed with it.
   */
  public static ProbeEngine start(String region, ProbeSink sink) {
    Checkers checkers = new Checkers();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    ProbeEngine engine = new ProbeEngine(region, checkers.clock(), checkers, threads, sink);
    engine.owned.addAll(List.of(threads, checkers));
    return engine;
  }

  /**
   * Makes {@code monitors} the engine's set: new ones are checked at once (within
   * {@link #FIRST_CHECK_SPREAD}), then on their grid, removed ones
   * stop (an attempt in flight is dropped), changed ones start afresh, and unchanged ones keep
   * their state and schedule. The engine runs every monitor it is given: choosing the monitors
   * of this region (from {@link MonitorSpec#regions()}) is the caller's job.
   *
   * @throws IllegalArgumentException naming a duplicate monitor name; nothing is changed
   */
  public synchronized void update(List<MonitorSpec> monitors) {
    Map<String, MonitorSpec> wanted = new LinkedHashMap<>();
    for (MonitorSpec m : monitors) {
      if (wanted.put(m.name(), m) != null) {
        throw new IllegalArgumentException("monitors: duplicate name '" + m.name()
            + "'. Expected unique monitor names");
      }
    }
    if (closed) {
      return;
    }
    runs.values().removeIf(run -> {
      boolean keep = run.spec.equals(wanted.get(run.spec.name()));
      if (!keep) {
        run.stop();
        missing.remove(run.spec.name());
        overrunning.remove(run.spec.name());
      }
      return !keep;
    });
    Instant now = clock.now();
    for (MonitorSpec m : wanted.values()) {
      if (!runs.containsKey(m.name())) {
        MonitorRun run = new MonitorRun(m);
        runs.put(m.name(), run);
        schedule(run, first(m, now), 0);
      }
    }
  }

  /** The names of the monitors scheduled now. */
  public List<String> monitors() {
    return runs.keySet().stream().sorted().toList();
  }

  /** The engine's counters now. */
  public ProbeStats stats() {
    return new ProbeStats(runs.size(), attempts.sum(), missed.sum(), watchdogTimeouts.sum(),
        sinkFailures.sum(), running.get());
  }

  private void schedule(MonitorRun run, Instant planned, int retry) {
    run.arm(() -> clock.schedule(planned, () -> dispatch(run, planned, retry)));
  }

  private void dispatch(MonitorRun run, Instant planned, int retry) {
    if (closed || run.stopped()) {
      return;
    }
    if (!started(run, planned, retry)) {
      execute(() -> attempt(run, planned, retry));
    }
  }

  /**
   * Starts the attempt on the checker without a thread ({@link Checker#start}), here on the
   * timer; false when this check needs a thread of its own.
   */
  private boolean started(MonitorRun run, Instant planned, int retry) {
    Instant start = clock.now();
    AtomicReference<Checker.Started> handle = new AtomicReference<>();
    InFlight f = new InFlight(run, planned, retry, start,
        start.plus(run.spec.timeout()).plus(WATCHDOG_GRACE), () -> {
          Checker.Started h = handle.get();
          if (h != null) {
            h.stop();
          }
        }, true, new AtomicBoolean());
    running.incrementAndGet();
    inFlight.add(f);
    Checker.Started s;
    try {
      s = checker.start(run.spec, result -> finish(f, result));
    } catch (RuntimeException e) {
      s = () -> { };
      finish(f, CheckResult.failed(null, run.spec.name() + ": checker failed (" + e
          + "). Expected failures as results", Phases.NONE));
    }
    if (s == null) {
      inFlight.remove(f);
      running.decrementAndGet();
      return false;
    }
    handle.set(s);
    if (!f.finished().get()) {
      watchBy(f.limit());
    }
    return true;
  }

  /** The end of a started attempt, unless the watchdog ended it first. */
  private void finish(InFlight f, CheckResult result) {
    inFlight.remove(f);
    if (f.finished().compareAndSet(false, true)) {
      running.decrementAndGet();
      if (overrunning.remove(f.run().spec.name())) {
        LOG.info("{}: checks end within their timeout again", f.run().spec.name());
      }
      complete(f.run(), f.planned(), f.retry(), f.start(), result == null
          ? CheckResult.failed(null, f.run().spec.name() + ": no result. Expected the checker "
          + "to return one", Phases.NONE) : result);
    }
  }

  private void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Closing: the executor takes no more work.
    }
  }

  private void attempt(MonitorRun run, Instant planned, int retry) {
    if (closed || run.stopped()) {
      return;
    }
    running.incrementAndGet();
    try {
      Instant start = clock.now();
      InFlight f = new InFlight(run, planned, retry, start,
          start.plus(run.spec.timeout()).plus(WATCHDOG_GRACE), Thread.currentThread()::interrupt,
          false, new AtomicBoolean());
      inFlight.add(f);
      watchBy(f.limit());
      CheckResult result = safeCheck(run.spec);
      inFlight.remove(f);
      if (f.finished().compareAndSet(false, true)) {
        if (overrunning.remove(run.spec.name())) {
          LOG.info("{}: checks end within their timeout again", run.spec.name());
        }
        complete(run, planned, retry, start, result);
      } else {
        Thread.interrupted(); // The watchdog won and may have interrupted us: clear the flag.
      }
    } finally {
      running.decrementAndGet();
    }
  }

  /** Makes sure the watchdog runs by {@code limit}. */
  private void watchBy(Instant limit) {
    synchronized (watchdogLock) {
      if (closed || watchdogAt != null && !limit.isBefore(watchdogAt)) {
        return;
      }
      if (watchdog != null) {
        watchdog.cancel();
      }
      watchdogAt = limit;
      watchdog = clock.schedule(limit, this::sweep);
    }
  }

  /**
   * Ends every check that outlived its limit (interrupts it and reports it failed), then sets
   * the watchdog for the earliest limit of those still running.
   */
  private void sweep() {
    synchronized (watchdogLock) {
      watchdogAt = null;
      watchdog = null;
    }
    Instant now = clock.now();
    Instant next = null;
    for (InFlight f : inFlight) {
      if (now.isBefore(f.limit())) {
        next = next == null || f.limit().isBefore(next) ? f.limit() : next;
      } else if (inFlight.remove(f) && f.finished().compareAndSet(false, true)) {
        watchdogTimeouts.increment();
        Duration limit = Duration.between(f.start(), f.limit());
        MonitorSpec spec = f.run().spec;
        if (overrunning.add(spec.name())) {
          LOG.warn("{}: check still running {} ms after it started, ended by the watchdog "
              + "(counted in nines_probe_watchdog_timeouts_total; logged again after a check "
              + "within its timeout)", spec.name(), limit.toMillis());
        }
        f.stop().run();
        if (f.started()) {
          running.decrementAndGet();
        }
        CheckResult late = CheckResult.failed(null, spec.name() + ": no result after "
            + limit.toMillis() + " ms. Expected the check to end within its "
            + spec.timeout().toMillis() + " ms timeout", Phases.total(limit.toMillis()));
        execute(() -> complete(f.run(), f.planned(), f.retry(), f.start(), late));
      }
    }
    if (next != null) {
      watchBy(next);
    }
  }

  private CheckResult safeCheck(MonitorSpec spec) {
    try {
      CheckResult r = checker.check(spec);
      return r != null ? r : CheckResult.failed(null, spec.name() + ": no result. Expected the "
          + "checker to return one", Phases.NONE);
    } catch (Exception e) { // Checked ones too: Kotlin code throws them undeclared.
      return CheckResult.failed(null, spec.name() + ": checker failed (" + e
          + "). Expected failures as results", Phases.NONE);
    }
  }

  private void complete(MonitorRun run, Instant planned, int retry, Instant start,
      CheckResult result) {
    MonitorSpec m = run.spec;
    RetryState.Transition t = run.apply(start, result);
    if (t == null) {
      return;
    }
    attempts.increment();
    Attempt attempt = new Attempt(m.name(), region, m.kind(), m.depth(), retry, planned, start,
        result);
    emit("attempts", attemptsFailing, () -> sink.attempt(attempt));
    emit("states", statesFailing,
        () -> sink.observation(m.name(), region, t.observation(), t.message()));
    boolean afterFirst = run.firstDone();
    if (!closed) {
      Instant now = clock.now();
      Instant next = switch (t.next()) {
        case SLOT -> nextSlot(m, planned, now, afterFirst);
        case RETRY -> now.plus(m.retryInterval());
        case RECHECK -> now.plus(m.recheckInterval());
      };
      schedule(run, next, t.state().nextRetry());
    }
  }

  /**
   * The first check of a new monitor: now, plus the part of its grid offset that falls in
   * {@link #FIRST_CHECK_SPREAD} (or in its interval, when that is shorter).
   */
  static Instant first(MonitorSpec m, Instant now) {
    long spread = Math.min(FIRST_CHECK_SPREAD.toMillis(), Math.max(1, m.interval().toMillis()));
    return now.plusMillis(Slots.offsetMillis(m.name(), m.interval()) % spread);
  }

  /**
   * The next grid slot after {@code planned}, skipping (and counting) whole slots missed; after
   * a monitor's first check, a slot less than half an interval away is skipped too (not
   * counted), so the first two checks are not bunched.
   */
  private Instant nextSlot(MonitorSpec m, Instant planned, Instant now, boolean afterFirst) {
    Instant next = Slots.after(m.name(), m.interval(), planned);
    if (afterFirst && Duration.between(planned, next).compareTo(m.interval().dividedBy(2)) < 0) {
      next = next.plus(m.interval());
    }
    int skipped = 0;
    while (!next.plus(m.interval()).isAfter(now)) {
      next = next.plus(m.interval());
      missed.increment();
      skipped++;
    }
    if (skipped == 0) {
      missing.remove(m.name());
    } else if (missing.add(m.name())) {
      LOG.warn("{}: {} scheduled checks missed, the check of {} ended at {} (counted in "
          + "nines_probe_missed_checks_total; logged again after a check on time)", m.name(),
          skipped, planned, now);
    }
    return next;
  }

  /** Hands one result ({@code what}: attempts or states) to the sink, counting a failure. */
  private void emit(String what, AtomicBoolean failing, Runnable call) {
    try {
      call.run();
      if (failing.compareAndSet(true, false)) {
        LOG.info("probe {} are recorded again", what);
      }
    } catch (RuntimeException e) {
      sinkFailures.increment();
      if (failing.compareAndSet(false, true)) {
        LOG.warn("probe {} cannot be recorded and are lost (counted in "
            + "nines_probe_sink_failures_total; logged again after one is recorded)", what, e);
      }
    }
  }

  /**
   * Stops scheduling, lets attempts in flight finish and report (up to 10 s), then closes what
   * the engine owns.
   */
  @Override public void close() {
    synchronized (this) {
      closed = true;
      runs.values().forEach(MonitorRun::cancelTimer);
    }
    synchronized (watchdogLock) {
      if (watchdog != null) {
        watchdog.cancel();
        watchdog = null;
      }
    }
    long until = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
    for (AutoCloseable c : owned) {
      if (c instanceof ExecutorService threads) {
        threads.shutdown();
        awaitQuietly(threads);
      }
    }
    awaitStarted(until);
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing is best effort; nothing is left to report to.
      }
    }
  }

  /** Waits (up to {@code until}, a nanoTime) for checks started without a thread to end. */
  private void awaitStarted(long until) {
    while (inFlight.stream().anyMatch(f -> f.started() && !f.finished().get())
        && System.nanoTime() < until) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void awaitQuietly(ExecutorService threads) {
    try {
      if (!threads.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
