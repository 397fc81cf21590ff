package dev.nines.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load generator for {@code POST /api/v1/events}, meant to run in its own process: C senders
 * post pre-serialised batches, each under a new {@code Idempotency-Key}, retry a batch with
 * the same key after 429, 503 or a broken connection (waiting {@code Retry-After}), and count
 * only events answered 202. Reports sustained events per second and request latency.
 */
public final class IngestBenchmark {
  /** Attempts per batch before it counts as an error; no retry starts after the duration. */
  static final int MAX_ATTEMPTS = 20;

  /**
   * What to run.
   *
   * @param maxEvents stop once this many events are acknowledged (or the duration is over)
   */
  public record Options(URI url, String token, List<byte[]> bodies, int eventsPerBatch,
      int connections, Duration duration, long maxEvents) {
    public Options {
      bodies = List.copyOf(bodies);
      if (connections < 1 || eventsPerBatch < 1 || bodies.isEmpty()) {
        throw new IllegalArgumentException("connections " + connections + ", batch "
            + eventsPerBatch + ", bodies " + bodies.size() + ". Expected each at least 1");
      }
    }
  }

  private final Options options;
  private final HttpClient http;
  private final String runId = Long.toString(System.nanoTime(), 36);
  private final AtomicLong nextBatch = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLongArray perSecond;
  private final IngestResult.Counters counters = new IngestResult.Counters();
  private long startNanos;
  private long deadlineNanos;

  public IngestBenchmark(Options options) {
    this.options = options;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.perSecond = new AtomicLongArray((int) options.duration().toSeconds() + 120);
  }

  /** Runs the load until the duration is over or the event count reached. */
  public IngestResult run() throws InterruptedException {
    startNanos = System.nanoTime();
    deadlineNanos = startNanos + options.duration().toNanos();
    CountDownLatch done = new CountDownLatch(options.connections());
    long[][] latencies = new long[options.connections()][];
    for (int c = 0; c < options.connections(); c++) {
      int id = c;
      Thread.ofPlatform().name("ingest-load-" + c).daemon(true).start(() -> {
        try {
          latencies[id] = send();
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return IngestResult.of(acknowledged.get(), seconds, perSecond, latencies, counters);
  }

  private boolean more() {
    return System.nanoTime() < deadlineNanos && acknowledged.get() < options.maxEvents();
  }

  private long[] send() {
    LongList latencies = new LongList();
    while (more()) {
      long n = nextBatch.getAndIncrement();
      byte[] body = options.bodies().get((int) (n % options.bodies().size()));
      HttpRequest request = HttpRequest.newBuilder(options.url())
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + options.token())
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", "bench-" + runId + "-" + n)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      deliver(request, latencies);
    }
    return latencies.toArray();
  }

  /** Sends one batch until it is answered 202 or fails for good. */
  private void deliver(HttpRequest request, LongList latencies) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      long t0 = System.nanoTime();
      int status;
      String retryAfter = null;
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      } catch (IOException e) {
        status = -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = System.nanoTime();
      latencies.add(now - t0);
      if (status == 202) {
        acknowledged.addAndGet(options.eventsPerBatch());
        int second = (int) Math.min((now - startNanos) / 1_000_000_000L, perSecond.length() - 1);
        perSecond.addAndGet(second, options.eventsPerBatch());
        return;
      }
      if (now > deadlineNanos || !counters.retryable(status)) {
        counters.failed(status);                   // refused, or refused when time is up
        return;
      }
      if (!pause(retryAfter)) {
        return;
      }
    }
    counters.failed(-2);
  }

  private static boolean pause(String retryAfter) {
    long seconds = 1;
    if (retryAfter != null) {
      try {
        seconds = Math.max(0, Math.min(60, Long.parseLong(retryAfter.strip())));
      } catch (NumberFormatException e) {
        seconds = 1;
      }
    }
    try {
      Thread.sleep(seconds * 1000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A growable list of longs, to keep latencies without boxing. */
  static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  /** Prints the options a run uses. */
  public void describe(PrintWriter out) {
    out.printf("ingest: %s, batches of %,d events, %d connections, %d s, %d distinct bodies%n",
        options.url(), options.eventsPerBatch(), options.connections(),
        options.duration().toSeconds(), options.bodies().size());
    out.flush();
  }
}
