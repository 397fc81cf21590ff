package dev.nines.bench;

import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of ingestion during a spec reload: the store of {@link HeapBenchmark} (N event
 * SLOs with D days of minute buckets), {@code nines serve} on it in a child JVM, C senders
 * posting batches of events to it without pause, and after a while {@code POST
 * /api/v1/reload}, which rebuilds every live SLO window from the store. Reports request
 * latency before the reload and of the requests that overlapped it, and how long it took.
 */
public final class ReloadBenchmark {
  /**
   * What to run.
   *
   * @param before how long the load runs before the reload (the first 5 s are warm-up)
   * @param after how long it runs on after the reload
   */
  public record Options(int slos, int days, Path dir, String serverHeap, int connections,
      int eventsPerBatch, Duration before, Duration after, List<String> serverOptions) {
    public Options {
      serverOptions = List.copyOf(serverOptions);
    }
  }

  /** One request: when it started and how long it took, in nanoseconds. */
  private record Sample(long start, long nanos, int status) {}

  private final Options options;
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public ReloadBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Fills the store if needed, starts the server, loads it, reloads once, and prints. */
  public void run() throws IOException, InterruptedException, SpecException {
    HeapBenchmark heap = new HeapBenchmark(options.slos(), options.days(), options.dir(),
        options.serverHeap(), out);
    Path spec = heap.prepare();
    Path log = options.dir().resolve("reload-server.out");
    String token = "reload-bench-" + System.nanoTime();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx"
        + options.serverHeap(), "-Xlog:gc:file=" + options.dir().resolve("reload-gc.log")));
    command.addAll(options.serverOptions());
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.nines.cli.Main", "serve", "--spec",
        spec.toString(), "--data-dir", options.dir().resolve("data").toString(), "--port", "0",
        "--no-probes"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("NINES_DB_URL");
    pb.environment().put("NINES_API_TOKEN", token);
    Process server = pb.start();
    try {
      int port = HeapBenchmark.awaitServing(server, log);
      out.printf("reload: server (-Xmx%s%s) serving %,d SLOs on port %d%n",
          options.serverHeap(), options.serverOptions().isEmpty() ? ""
              : " " + String.join(" ", options.serverOptions()), options.slos(), port);
      out.flush();
      measure(URI.create("http://127.0.0.1:" + port), token, spec);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private void measure(URI base, String token, Path spec) throws IOException,
      InterruptedException, SpecException {
    List<byte[]> bodies = new EventBodies(SpecReader.read(spec).spec(), 7)
        .bodies(64, options.eventsPerBatch(), Instant.now());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong next = new AtomicLong();
    long t0 = System.nanoTime();
    List<List<Sample>> perSender = new ArrayList<>();
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < options.connections(); c++) {
      List<Sample> samples = new ArrayList<>();
      perSender.add(samples);
      senders.add(Thread.ofPlatform().name("reload-load-" + c).daemon(true).start(() -> {
        while (!stop.get()) {
          long n = next.getAndIncrement();
          samples.add(send(base, token, bodies.get((int) (n % bodies.size())), n, t0));
        }
      }));
    }
    Thread.sleep(options.before().toMillis());
    long reloadStart = System.nanoTime() - t0;
    HttpResponse<String> reloaded = http.send(HttpRequest.newBuilder(base.resolve(
        "/api/v1/reload")).timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer "
        + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    long reloadEnd = System.nanoTime() - t0;
    Thread.sleep(options.after().toMillis());
    stop.set(true);
    for (Thread t : senders) {
      t.join();
    }
    if (reloaded.statusCode() != 200) {
      throw new IllegalStateException("POST /api/v1/reload answered " + reloaded.statusCode()
          + ": " + reloaded.body());
    }
    report(perSender.stream().flatMap(List::stream).toList(), reloadStart, reloadEnd);
  }

  private Sample send(URI base, String token, byte[] body, long n, long t0) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/events"))
        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").header("Idempotency-Key", "reload-" + t0
            + "-" + n).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    long start = System.nanoTime();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
    }
    return new Sample(start - t0, System.nanoTime() - start, status);
  }

  private void report(List<Sample> all, long reloadStart, long reloadEnd) {
    long warmUp = TimeUnit.SECONDS.toNanos(5);
    List<Sample> before = all.stream().filter(s -> s.start() >= warmUp
        && s.start() + s.nanos() < reloadStart).toList();
    List<Sample> during = all.stream().filter(s -> s.start() < reloadEnd
        && s.start() + s.nanos() > reloadStart).toList();
    long failed = all.stream().filter(s -> s.status() != 202).count();
    double seconds = (reloadEnd - reloadStart) / 1e9;
    out.printf(Locale.ROOT, "reload: took %.1f s (POST /api/v1/reload, %,d SLOs over %d days)%n",
        seconds, options.slos(), options.days());
    out.printf(Locale.ROOT, "reload: before  %,7d requests of %,d events, latency p50 %.1f ms, "
        + "p99 %.1f ms, max %.1f ms%n", before.size(), options.eventsPerBatch(),
        percentile(before, 0.50), percentile(before, 0.99), percentile(before, 1.0));
    out.printf(Locale.ROOT, "reload: during  %,7d requests (%,.0f events/s acknowledged), "
        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", during.size(),
        during.stream().filter(s -> s.status() == 202).count() * options.eventsPerBatch()
            / Math.max(seconds, 1e-9), percentile(during, 0.50), percentile(during, 0.99),
        percentile(during, 1.0));
    out.printf("reload: %,d requests in all, %,d not answered 202%n", all.size(), failed);
    out.flush();
  }

  /** The latency in milliseconds at quantile q (nearest rank); 0 without samples. */
  private static double percentile(List<Sample> samples, double q) {
    if (samples.isEmpty()) {
      return 0;
    }
    long[] nanos = samples.stream().mapToLong(Sample::nanos).toArray();
    Arrays.sort(nanos);
    int rank = (int) Math.ceil(q * nanos.length);
    return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
  }
}
