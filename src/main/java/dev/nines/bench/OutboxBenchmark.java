package dev.nines.bench;

import com.sun.net.httpserver.HttpServer;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Channel;
import dev.nines.notify.Channels;
import dev.nines.notify.DeliveryException;
import dev.nines.notify.Notification;
import dev.nines.notify.Outbox;
import dev.nines.notify.OutboxSender;
import dev.nines.notify.Secrets;
import dev.nines.notify.SendCounters;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the outbox: N alerts enqueued into a fresh SQLite store, then delivered by the
 * background {@link OutboxSender} to a webhook receiver in this JVM (JDK HTTP server,
 * keep-alive) with signed bodies, timed from the sender's start until every row is recorded
 * delivered. The baseline is the same N signed webhook POSTs sent straight from as many
 * threads, without the store.
 */
public final class OutboxBenchmark {
  private static final byte[] OK = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final int notifications;
  private final int concurrency;
  private final int batch;
  private final PrintWriter out;

  public OutboxBenchmark(int notifications, int concurrency, int batch, PrintWriter out) {
    this.notifications = notifications;
    this.concurrency = concurrency;
    this.batch = batch;
    this.out = out;
  }

  /** One run: milliseconds to enqueue, to deliver, and of the baseline. */
  public record Run(double enqueueMillis, double deliverMillis, double baselineMillis) {}

  /** Runs {@code runs} times after one warm-up and prints each run and the medians. */
  public void run(int runs) throws Exception {
    AtomicLong received = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), 1024);
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(4, concurrency));
    receiver.setExecutor(threads);
    receiver.createContext("/hook", x -> {
      x.getRequestBody().readAllBytes();
      received.incrementAndGet();
      x.sendResponseHeaders(200, OK.length);
      x.getResponseBody().write(OK);
      x.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Secrets secrets = new Secrets(Map.of("BENCH_HOOK", url, "BENCH_KEY", "bench-key")::get);
    ChannelSpec hook = new ChannelSpec("bench-hook", "webhook", Audience.INTERNAL, null,
        Map.of("url", "env:BENCH_HOOK", "secret", "env:BENCH_KEY"));
    Spec spec = new Spec(ZoneOffset.UTC, List.of("local"), List.of(), List.of(), List.of(),
        List.of(), List.of(hook));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Channels channels = new Channels(() -> spec, secrets, http, Clock.systemUTC());
    out.printf("outbox: %,d notifications to a webhook in this JVM, %d sends at once, %d rows a "
        + "claim, SQLite%n", notifications, concurrency, batch);
    try {
      once(spec, channels, received);
      List<Run> all = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Run r = once(spec, channels, received);
        all.add(r);
        out.printf("run %d: enqueue %,.0f ms (%,.0f/s), deliver %,.0f ms (%,.0f/s), baseline "
            + "%,.0f ms (%,.0f/s)%n", i + 1, r.enqueueMillis(), rate(r.enqueueMillis()),
            r.deliverMillis(), rate(r.deliverMillis()), r.baselineMillis(),
            rate(r.baselineMillis()));
        out.flush();
      }
      double enqueue = median(all.stream().mapToDouble(Run::enqueueMillis).toArray());
      double deliver = median(all.stream().mapToDouble(Run::deliverMillis).toArray());
      double baseline = median(all.stream().mapToDouble(Run::baselineMillis).toArray());
      out.printf("median of %d: enqueue %,.0f/s, delivered %,.0f/s (baseline, POSTs without the "
          + "outbox: %,.0f/s)%n", runs, rate(enqueue), rate(deliver), rate(baseline));
      out.flush();
    } finally {
      receiver.stop(0);
      threads.shutdownNow();
    }
  }

  private double rate(double millis) {
    return notifications / (millis / 1000);
  }

  private Run once(Spec spec, Channels channels, AtomicLong received) throws Exception {
    Path dir = Files.createTempDirectory("nines-outbox-bench-");
    try (Store store = Stores.open(null, dir, null, null)) {
      Clock clock = Clock.systemUTC();
      List<Notification> list = new ArrayList<>(notifications);
      String run = Long.toString(System.nanoTime());
      for (int i = 0; i < notifications; i++) {
        list.add(alert(run + "-" + i, clock));
      }
      long t0 = System.nanoTime();
      Outbox outbox = new Outbox(store, () -> spec, clock, () -> { });
      for (int i = 0; i < list.size(); i += 1000) {
        outbox.enqueueAll(list.subList(i, Math.min(list.size(), i + 1000)));
      }
      double enqueue = (System.nanoTime() - t0) / 1e6;
      long before = received.get();
      OutboxSender.Options options = OutboxSender.Options.defaults()
          .withConcurrency(concurrency, batch);
      long t1 = System.nanoTime();
      SendCounters counters = new SendCounters();
      try (OutboxSender sender = new OutboxSender(store, channels::channel, clock, options,
          counters)) {
        sender.start();
        while (store.outboxPending() > 0) {
          Thread.sleep(5);
        }
      }
      double deliver = (System.nanoTime() - t1) / 1e6;
      long retries = counters.snapshot().stream().filter(c -> c.outcome().equals("retry"))
          .mapToLong(SendCounters.Count::value).sum();
      long got = received.get() - before;
      if (retries > 0 || got != notifications) {
        // At least once: a send whose answer was lost is sent again, and counted again here.
        List<String> errors = store.outbox(null, null, 0, 100_000).messages().stream()
            .filter(m -> m.attempts() > 1).map(m -> m.lastError()).distinct().limit(3).toList();
        out.printf("  %,d retries, the receiver got %,d of %,d; errors: %s%n", retries, got,
            notifications, errors);
      }
      if (got < notifications) {
        throw new IllegalStateException("the receiver got " + got + " of " + notifications
            + " notifications");
      }
      double baseline = baseline(channels.channel("bench-hook"), list);
      return new Run(enqueue, deliver, baseline);
    } finally {
      deleteTree(dir);
    }
  }

  /** The same sends straight to the channel from {@code concurrency} threads, once each. */
  private double baseline(Channel channel, List<Notification> list) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicLong failed = new AtomicLong();
    long t0 = System.nanoTime();
    try {
      List<java.util.concurrent.Future<?>> f = new ArrayList<>();
      for (Notification n : list) {
        f.add(pool.submit(() -> {
          try {
            channel.send(n);
          } catch (DeliveryException e) {
            failed.incrementAndGet();
          }
        }));
      }
      for (var x : f) {
        x.get();
      }
    } finally {
      pool.shutdown();
    }
    if (failed.get() > 0) {
      out.printf("  baseline: %,d of %,d POSTs failed%n", failed.get(), list.size());
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static Notification alert(String key, Clock clock) {
    return new Notification(key, Notification.Kind.ALERT, Audience.INTERNAL, "acme",
        Notification.Status.FIRING, "page", "assign-courier-success is burning its budget",
        "At this pace the 30-day error budget is gone in 2 days.",
        List.of(new Notification.Field("Burn rate 1h", "14.9x (threshold 14.4x)"),
            new Notification.Field("Burn rate 5m", "15.2x (threshold 14.4x)")),
        Map.of("alertname", "AssignCourierSuccessBurnRate", "severity", "page",
            "slo", "assign-courier-success", "service", "platform"),
        "https://nines.example/console/slos/assign-courier-success", clock.instant(), null,
        List.of());
  }

  static double median(double[] values) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
