package dev.nines.demo.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event shipper of one hop: queues its request events and posts them to Nines
 * ({@code POST /api/v1/events}, bearer token) in one batch about every {@code interval}. Each
 * batch has its own {@code Idempotency-Key}; a batch answered 429, 503 (or any 5xx) or lost
 * on the way is sent again with the same key after {@code Retry-After} or a growing back-off,
 * so it counts once, and the next batch waits for it. The queue holds at most
 * {@link #MAX_QUEUED} events; beyond that new events are dropped and counted.
 */
public final class EventReporter implements EventSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventReporter.class);
  /** Events in one batch at most. */
  static final int MAX_BATCH = 5_000;
  /** Events waiting at most; more are dropped (and counted) while Nines is unreachable. */
  static final int MAX_QUEUED = 200_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final String name;
  private final String service;
  private final HttpClient http;
  private final Duration interval;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentLinkedQueue<HopEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final ScheduledExecutorService timer;
  private long sequence;
  private Batch pending;
  private Duration backoff = Duration.ZERO;
  private volatile URI endpoint;
  private volatile String token;
  private volatile boolean closed;

  /** A batch on its way, kept with its key until Nines has acknowledged it. */
  private record Batch(String key, byte[] body, int size) {}

  /**
   * @param name names the hop in idempotency keys and logs, e.g. {@code cdn}
   * @param service the Nines service every event belongs to
   */
  public EventReporter(String name, String service, HttpClient http, Duration interval) {
    this.name = name;
    this.service = service;
    this.http = http;
    this.interval = interval;
    this.timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("demo-events-" + name).daemon(true).factory());
  }

  /** Starts shipping to the Nines server at {@code server}; events queue until then. */
  public void connect(URI server, String bearerToken) {
    this.endpoint = server.resolve("/api/v1/events");
    this.token = bearerToken;
    timer.schedule(this::tick, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override public void report(HopEvent event) {
    if (closed || queued.get() >= MAX_QUEUED) {
      dropped.incrementAndGet();
      return;
    }
    queue.add(event);
    queued.incrementAndGet();
  }

  /** Events Nines acknowledged. */
  public long delivered() {
    return delivered.get();
  }

  /** Events dropped: the queue was full, or Nines refused a batch for good. */
  public long dropped() {
    return dropped.get();
  }

  /** Batches sent again after a 429, a 5xx or a lost connection. */
  public long retries() {
    return retries.get();
  }

  /** Events not yet acknowledged. */
  public int waiting() {
    Batch b = pending;
    return queued.get() + (b == null ? 0 : b.size());
  }

  private void tick() {
    if (closed) {
      return;
    }
    Duration next;
    synchronized (this) {
      next = sendOnce() ? interval : nextBackoff();
    }
    if (!closed) {
      timer.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Duration nextBackoff() {
    backoff = backoff.isZero() ? Duration.ofMillis(500)
        : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    return backoff;
  }

  /**
   * Sends the pending batch, or the next one from the queue. Returns false when it must be
   * tried again (then {@link #backoff} holds the wait, possibly from Retry-After).
   */
  private boolean sendOnce() {
    if (pending == null) {
      pending = nextBatch();
      if (pending == null) {
        return true;
      }
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint)
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", pending.key())
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofByteArray(pending.body())).build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = r.statusCode();
      if (status == 202) {
        delivered.addAndGet(pending.size());
      } else if (status == 429 || status >= 500) {
        retries.incrementAndGet();
        backoff = retryAfter(r).orElse(backoff);
        return false;
      } else if (status == 400) {
        LOG.warn("{}: Nines refused some events of a batch: {}", name, r.body());
      } else {
        dropped.addAndGet(pending.size());
        LOG.error("{}: Nines answered {} to a batch of {} events; dropped: {}", name, status,
            pending.size(), r.body());
      }
      pending = null;
      backoff = Duration.ZERO;
      return true;
    } catch (IOException e) {
      retries.incrementAndGet();
      LOG.debug("{}: Nines unreachable ({}); will send the batch again", name, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static java.util.Optional<Duration> retryAfter(HttpResponse<?> r) {
    return r.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        // The back-off doubles from here: halve it so the next wait is what the server asked.
        return java.util.Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(v.strip())))
            .dividedBy(2));
      } catch (NumberFormatException e) {
        return java.util.Optional.empty();
      }
    });
  }

  private Batch nextBatch() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (HopEvent e; items.size() < MAX_BATCH && (e = queue.poll()) != null; ) {
      queued.decrementAndGet();
      items.add(json(e));
    }
    if (items.isEmpty()) {
      return null;
    }
    try {
      return new Batch(name + "-" + run + "-" + (++sequence), Http.JSON.writeValueAsBytes(items),
          items.size());
    } catch (IOException e) {
      throw new IllegalStateException("events: cannot write JSON", e);
    }
  }

  private Map<String, Object> json(HopEvent e) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("service", service);
    o.put("endpoint", e.endpoint());
    if (e.failed()) {
      o.put("failed", true);
    } else {
      o.put("status", e.status());
    }
    o.put("durationMs", e.durationMillis());
    o.put("time", e.time().toString());
    if (e.processedTime() != null) {
      o.put("processedTime", e.processedTime().toString());
    }
    o.put("layer", e.layer());
    return o;
  }

  /**
   * Sends what is queued now, retrying until it is acknowledged or {@code timeout} has passed
   * (for a clean stop while Nines still runs).
   */
  public void flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      if (endpoint == null) {
        return;
      }
      while (System.nanoTime() < deadline && (pending != null || queued.get() > 0)) {
        if (!sendOnce()) {
          try {
            Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Stops shipping; what is still queued is dropped (call {@link #flush} first to send it). */
  @Override public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
