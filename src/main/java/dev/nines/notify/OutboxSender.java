package dev.nines.notify;

import dev.nines.store.OutboxMessage;
import dev.nines.store.OutboxResult;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background sender of the outbox: claims due rows under a lease, sends them on a bounded
 * pool, and records each outcome. A failure is retried after an exponential backoff with
 * jitter: the n-th retry waits between 80 % and 100 % of min(maxRetry, firstRetry × 2^(n−1)),
 * by default 5 s doubling to at most 2 min. A permanent failure (see
 * {@link DeliveryException}), a channel no longer in the spec, or a row older than
 * {@code maxAge} (default 24 h) at a failure is given up and marked failed. Delivery is at
 * least once: a sender that dies mid-send leaves its rows to be claimed again when the lease
 * ends, by this process after a restart or by another one on the same database.
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

  /**
   * How the sender works.
   *
   * @param batchSize rows claimed at once; their outcomes are recorded in one transaction
   * @param concurrency sends at the same time
   * @param lease how long a claim holds its rows; longer than a batch takes to send
   * @param pollInterval how often the store is asked for due rows when nothing wakes the sender
   */
  public record Options(int batchSize, int concurrency, Duration lease, Duration firstRetry,
      Duration maxRetry, Duration maxAge, Duration pollInterval) {
    public Options {
      if (batchSize < 1 || concurrency < 1) {
        throw new IllegalArgumentException("batchSize and concurrency: " + batchSize + ", "
            + concurrency + ". Expected at least 1");
      }
    }

    /** 100 rows a claim, 16 sends at once, a 5 min lease, 5 s to 2 min backoff, 24 h age. */
    public static Options defaults() {
      return new Options(100, 16, Duration.ofMinutes(5), Duration.ofSeconds(5),
          Duration.ofMinutes(2), Duration.ofHours(24), Duration.ofSeconds(1));
    }

    public Options withMaxAge(Duration maxAge) {
      return new Options(batchSize, concurrency, lease, firstRetry, maxRetry, maxAge,
          pollInterval);
    }

    public Options withConcurrency(int concurrency, int batchSize) {
      return new Options(batchSize, concurrency, lease, firstRetry, maxRetry, maxAge,
          pollInterval);
    }
  }

  private final Store store;
  private final Function<String, Channel> channels;
  private final Clock clock;
  private final Options options;
  private final SendCounters counters;
  private final DoubleSupplier jitter;
  private final String id = UUID.randomUUID().toString();
  private final AtomicLong claims = new AtomicLong();
  private final ExecutorService pool;
  private final Semaphore wakeups = new Semaphore(0);
  private volatile boolean running;
  private Thread loop;

  /**
   * @param channels the channel of a name in the spec in force, or null
   * @param jitter values in [0, 1) spreading retries ({@code ThreadLocalRandom} by default)
   */
  public OutboxSender(Store store, Function<String, Channel> channels, Clock clock,
      Options options, SendCounters counters, DoubleSupplier jitter) {
    this.store = store;
    this.channels = channels;
    this.clock = clock;
    this.options = options;
    this.counters = counters;
    this.jitter = jitter;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(options.concurrency(), r -> Thread.ofPlatform()
        .name("nines-notify-" + n.incrementAndGet()).daemon(true).unstarted(r));
  }

  /** A sender with random jitter. */
  public OutboxSender(Store store, Function<String, Channel> channels, Clock clock,
      Options options, SendCounters counters) {
    this(store, channels, clock, options, counters, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Claims the rows due now, sends them and records the outcomes.
   *
   * @return rows claimed (0 when nothing was due)
   */
  public int runOnce() {
    Instant now = clock.instant();
    String claim = id + ":" + claims.incrementAndGet();
    List<OutboxMessage> rows = store.claimOutbox(claim, now, now.plus(options.lease()),
        options.batchSize());
    if (rows.isEmpty()) {
      return 0;
    }
    List<Future<OutboxResult>> sends = new ArrayList<>();
    for (OutboxMessage row : rows) {
      sends.add(pool.submit(() -> attempt(row)));
    }
    List<OutboxResult> results = new ArrayList<>();
    for (Future<OutboxResult> f : sends) {
      try {
        results.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // attempt() catches everything; a row without an outcome is claimed again later.
        LOG.error("a send failed unexpectedly", e.getCause());
      }
    }
    store.completeOutbox(claim, results, clock.instant());
    return rows.size();
  }

  private OutboxResult attempt(OutboxMessage row) {
    Channel channel = channels.apply(row.channel());
    if (channel == null) {
      return failure(row, "channel '" + row.channel() + "' is not in the spec in force", true);
    }
    Notification n;
    try {
      n = NotificationJson.read(row.payload());
    } catch (RuntimeException e) {
      return failure(row, "the stored notification cannot be read: " + e.getMessage(), true);
    }
    try {
      channel.send(n);
      counters.add(row.channel(), "delivered");
      return OutboxResult.delivered(row.id());
    } catch (DeliveryException e) {
      return failure(row, e.getMessage(), e.permanent());
    } catch (RuntimeException e) {
      LOG.error("sending {} to {} failed unexpectedly", row.key(), row.channel(), e);
      return failure(row, channel.kind() + " " + row.channel() + ": unexpected "
          + e.getClass().getSimpleName() + ": " + e.getMessage(), false);
    }
  }

  private OutboxResult failure(OutboxMessage row, String error, boolean permanent) {
    int attempts = row.attempts() + 1;
    Instant now = clock.instant();
    if (permanent) {
      return givenUp(row, error);
    }
    if (!now.isBefore(row.createdAt().plus(options.maxAge()))) {
      return givenUp(row, "gave up after " + attempts + " attempts over "
          + dev.nines.model.Durations.format(options.maxAge()) + ": " + error);
    }
    counters.add(row.channel(), "retry");
    return new OutboxResult(row.id(), error, now.plus(backoff(attempts, options,
        jitter.getAsDouble())));
  }

  private OutboxResult givenUp(OutboxMessage row, String error) {
    counters.add(row.channel(), "failed");
    LOG.warn("notification {} to {} failed: {}", row.key(), row.channel(), error);
    return new OutboxResult(row.id(), error, null);
  }

  /**
   * The wait before the next try after {@code failures} failed ones: between 80 % and 100 %
   * of min(maxRetry, firstRetry × 2^(failures−1)), by {@code jitter} in [0, 1).
   */
  static Duration backoff(int failures, Options o, double jitter) {
    long first = o.firstRetry().toMillis();
    long cap = o.maxRetry().toMillis();
    // 30 doublings of anything below 49 days of milliseconds stay within a long.
    int doublings = Math.min(Math.max(0, failures - 1), 30);
    long base = Math.min(cap, first << doublings);
    return Duration.ofMillis(Math.round(base * (1 - 0.2 * jitter)));
  }

  /** Starts the background loop. */
  public synchronized void start() {
    if (loop != null) {
      return;
    }
    running = true;
    loop = Thread.ofPlatform().name("nines-outbox").daemon(true).start(this::loop);
  }

  private void loop() {
    while (running) {
      int n;
      try {
        n = runOnce();
      } catch (RuntimeException e) {
        LOG.warn("outbox pass failed: {}", e.getMessage());
        n = 0;
      }
      if (n < options.batchSize() && running) {
        try {
          wakeups.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeups.drainPermits();
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Looks for due rows now rather than at the next poll, e.g. after an enqueue. */
  public void wake() {
    wakeups.release();
  }

  /** Stops the loop after its current pass (its sends finish and are recorded). */
  @Override public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = loop;
    }
    wakeups.release();
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdown();
    try {
      pool.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
