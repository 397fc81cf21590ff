package dev.nines.ingest.prometheus;

import dev.nines.ingest.IngestWriter;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live Prometheus source: every few seconds it pulls each minute that has ended (and
 * settled for {@link #SETTLE}) for every Prometheus SLO, and submits one batch per SLO-minute
 * to the {@link IngestWriter} under the key {@code prom:SLO:MINUTE}, so that a retry, a
 * restart or a backfill never counts a minute twice. After a start or an outage it catches up
 * at most {@link #CATCH_UP_MINUTES}; older gaps are left to {@code nines backfill}.
 */
public final class PrometheusPuller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusPuller.class);

  /** How many ended minutes a pull reaches back, after a start or an outage. */
  public static final int CATCH_UP_MINUTES = 60;
  /** How long after a minute ends it is pulled, so that its last scrapes have landed. */
  public static final Duration SETTLE = Duration.ofSeconds(30);
  /** How often the puller looks for minutes to pull. */
  public static final Duration POLL = Duration.ofSeconds(10);
  private static final long COMMIT_WAIT_SECONDS = 60;

  /**
   * What one pull did.
   *
   * @param written SLO-minutes newly stored
   * @param repeated SLO-minutes pulled again whose key was already stored (nothing added)
   * @param failures one message per SLO that could not be pulled; it is retried next time
   */
  public record Pull(long written, long repeated, List<String> failures) {
    public Pull {
      failures = List.copyOf(failures);
    }
  }

  private final MinuteFetcher fetcher;
  private final List<PrometheusSli> slis;
  private final IngestWriter writer;
  private final Clock clock;
  private final Map<String, Long> nextMinute = new HashMap<>();
  private final Map<String, String> lastFailure = new HashMap<>();
  private ScheduledExecutorService scheduler;

  public PrometheusPuller(PrometheusClient client, List<PrometheusSli> slis, IngestWriter writer,
      Clock clock) {
    this.fetcher = new MinuteFetcher(client);
    this.slis = List.copyOf(slis);
    this.writer = writer;
    this.clock = clock;
  }

  /** Pulls what is due now, then every {@link #POLL}, on a daemon thread. */
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("nines-prometheus-puller").daemon(true).factory());
    scheduler.scheduleWithFixedDelay(this::pullQuietly, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pullQuietly() {
    try {
      pullDue();
    } catch (RuntimeException e) {
      LOG.error("pulling from Prometheus failed", e);
    }
  }

  /**
   * Pulls, for every SLO, the ended minutes not yet pulled: those in
   * [max(next, end − {@value #CATCH_UP_MINUTES}), end), where end is the minute that holds
   * {@code now − SETTLE}. A failed SLO keeps its place and is tried again on the next pull.
   */
  public synchronized Pull pullDue() {
    long end = Math.floorDiv(clock.instant().minus(SETTLE).getEpochSecond(), 60);
    long written = 0;
    long repeated = 0;
    List<String> failures = new ArrayList<>();
    for (PrometheusSli sli : slis) {
      long from = from(sli.slo(), end);
      if (from >= end) {
        continue;
      }
      try {
        long[] counts = submit(fetcher.fetch(sli, from, end));
        written += counts[0];
        repeated += counts[1];
        nextMinute.put(sli.slo(), end);
        recovered(sli.slo());
      } catch (PrometheusException | IngestWriter.SaturatedException | ExecutionException
          | TimeoutException e) {
        if (Thread.currentThread().isInterrupted()) {
          break; // closing: not a failure worth a warning
        }
        failures.add(failed(sli.slo(), e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Pull(written, repeated, failures);
  }

  private long from(String slo, long end) {
    long oldest = end - CATCH_UP_MINUTES;
    Long next = nextMinute.get(slo);
    if (next != null && next < oldest) {
      LOG.warn("slo '{}': minutes from {} to {} were not pulled in time and are left to "
          + "nines backfill", slo, Instant.ofEpochSecond(next * 60),
          Instant.ofEpochSecond(oldest * 60));
      nextMinute.put(slo, oldest);
    }
    return next == null ? oldest : Math.max(next, oldest);
  }

  /** Submits one batch per minute and waits until each is durable; returns {written, repeated}. */
  private long[] submit(List<BucketDelta> buckets) throws IngestWriter.SaturatedException,
      ExecutionException, TimeoutException, InterruptedException {
    List<CompletableFuture<Boolean>> pending = new ArrayList<>();
    long[] counts = new long[2];
    for (BucketDelta d : buckets) {
      IngestBatch batch = MinuteCounts.batch(d);
      try {
        pending.add(writer.submit(batch));
      } catch (IngestWriter.SaturatedException e) {
        await(pending, counts); // let the queue drain, then try once more
        pending.clear();
        pending.add(writer.submit(batch));
      }
    }
    await(pending, counts);
    return counts;
  }

  private static void await(List<CompletableFuture<Boolean>> pending, long[] counts)
      throws ExecutionException, TimeoutException, InterruptedException {
    for (CompletableFuture<Boolean> f : pending) {
      counts[f.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS) ? 0 : 1]++;
    }
  }

  private String failed(String slo, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String message = "slo '" + slo + "': " + (cause.getMessage() == null
        ? cause.getClass().getSimpleName() : cause.getMessage());
    if (!Objects.equals(lastFailure.put(slo, message), message)) {
      LOG.warn("{}; retrying every {} s", message, POLL.toSeconds());
    }
    return message;
  }

  private void recovered(String slo) {
    if (lastFailure.remove(slo) != null) {
      LOG.info("slo '{}': pulling from Prometheus again", slo);
    }
  }

  /** Stops pulling; a pull under way ends first. */
  @Override public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
