package dev.nines.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of a server's heap: a generated spec of N event SLOs, D days of minute buckets for
 * each written through the store, then {@code nines serve} in a child JVM with a capped heap
 * (it must load every bucket into its live windows within that cap); the heap in use after a
 * full GC is read with {@code jcmd GC.heap_info}.
 */
public final class HeapBenchmark {
  private static final Pattern SERVING = Pattern.compile(" on http://[^:]+:(\\d+) ");
  private static final Pattern USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");
  /** SLIs per store transaction while filling. */
  private static final int SLIS_PER_COMMIT = 25;

  private final int slos;
  private final int days;
  private final Path dir;
  private final String serverHeap;
  private final PrintWriter out;
  private long seed = 0x9E3779B97F4A7C15L;

  public HeapBenchmark(int slos, int days, Path dir, String serverHeap, PrintWriter out) {
    this.slos = slos;
    this.days = days;
    this.dir = dir;
    this.serverHeap = serverHeap;
    this.out = out;
  }

  /** A valid spec of {@code slos} SLOs measured from pushed events, five per service. */
  public static String generate(int slos) {
    StringBuilder b = new StringBuilder("apiVersion: nines/v1\nservices:\n");
    for (int c = 0; c < (slos + 4) / 5; c++) {
      b.append("  - name: svc-").append(c).append("\n    endpoints:\n");
      for (int e = 0; e < 5; e++) {
        b.append("      - {path: /api-").append(e).append("}\n");
      }
    }
    b.append("slos:\n");
    for (int i = 0; i < slos; i++) {
      String sli = switch (i % 3) {
        case 0 -> "{kind: availability, source: events}";
        case 1 -> "{kind: latency, threshold: 300ms, source: events}";
        default -> "{kind: error-ratio, source: events}";
      };
      b.append("  - name: slo-").append(i).append("\n    service: svc-").append(i / 5)
          .append("\n    endpoint: /api-").append(i % 5).append("\n    sli: ").append(sli)
          .append("\n    target: 99.9\n    window: 30d\n");
    }
    return b.toString();
  }

  /** Writes the spec, fills the store unless a previous run did, then measures the server. */
  public void run() throws IOException, InterruptedException {
    measure(prepare(), dir.resolve("data"));
  }

  /**
   * Writes the spec and fills the store in {@code DIR/data} unless an earlier run did (with
   * the same SLOs and days); returns the spec file.
   */
  Path prepare() throws IOException {
    Files.createDirectories(dir);
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, generate(slos));
    Path data = dir.resolve("data");
    Path marker = dir.resolve("filled-" + slos + "x" + days + "d");
    long nowMinute = System.currentTimeMillis() / 60_000;
    if (Files.exists(marker)) {
      long filled = Long.parseLong(Files.readString(marker).strip());
      out.printf("heap: reusing the store in %s, filled %.1f hours ago%n", data,
          (nowMinute - filled) / 60.0);
    } else {
      fill(data, nowMinute);
      Files.writeString(marker, Long.toString(nowMinute));
    }
    out.flush();
    return spec;
  }

  private void fill(Path data, long nowMinute) {
    long minutes = days * 1440L;
    long t0 = System.nanoTime();
    try (Store store = Stores.open(null, data, null, null)) {
      for (int first = 0; first < slos; first += SLIS_PER_COMMIT) {
        List<BucketDelta> deltas = new ArrayList<>();
        for (int i = first; i < Math.min(slos, first + SLIS_PER_COMMIT); i++) {
          for (long m = nowMinute - minutes; m < nowMinute; m++) {
            long valid = 200 + (next() & 1023);
            deltas.add(new BucketDelta("slo-" + i, m, valid - (next() & 1), valid));
          }
        }
        store.commitIngest(List.of(new IngestBatch(null, deltas, List.of(), deltas.size())));
      }
    }
    out.printf("heap: %,d SLIs x %d days = %,d minute buckets written through the store in "
        + "%.0f s (%s)%n", slos, days, slos * minutes, (System.nanoTime() - t0) / 1e9, data);
  }

  private void measure(Path spec, Path data) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("server.out");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx" + serverHeap,
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "dev.nines.cli.Main", "serve", "--spec", spec.toString(), "--data-dir", data.toString(),
        "--port", "0").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("NINES_DB_URL");
    String token = "heap-bench-" + System.nanoTime();
    pb.environment().put("NINES_API_TOKEN", token);
    long t0 = System.nanoTime();
    Process server = pb.start();
    try {
      int port = awaitServing(server, log);
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("heap: server (-Xmx%s) started and loaded every bucket in %.1f s%n", serverHeap,
          startSeconds);
      long t1 = System.nanoTime();
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/v1/slos?size=1000")).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode listed = new ObjectMapper().readTree(answer.body());
      out.printf("heap: GET /api/v1/slos lists %,d SLOs (%.0f ms); slo-0 holds %,d valid events%n",
          listed.get("slos").size(), (System.nanoTime() - t1) / 1e6,
          listed.get("slos").get(0).get("valid").asLong());
      jcmd(server.pid(), "GC.run");
      Matcher m = USED.matcher(jcmd(server.pid(), "GC.heap_info"));
      if (!m.find()) {
        throw new IllegalStateException("jcmd GC.heap_info: no 'committed NK, used NK' in its "
            + "output");
      }
      out.printf("heap: in use after a full GC %,d MB (committed %,d MB), %,d bytes per "
          + "SLO-minute%n", Long.parseLong(m.group(2)) >> 10, Long.parseLong(m.group(1)) >> 10,
          Long.parseLong(m.group(2)) * 1024 / ((long) slos * days * 1440));
      out.flush();
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  static int awaitServing(Process server, Path log) throws IOException,
      InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      Matcher m = SERVING.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("nines serve exited with " + server.exitValue() + ":\n"
            + text);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("nines serve did not start in 10 minutes");
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
        .redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + text);
    }
    return text;
  }

  private long next() {
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    return seed;
  }
}
