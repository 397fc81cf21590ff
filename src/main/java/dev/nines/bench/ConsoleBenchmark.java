package dev.nines.bench;

import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.server.NinesServer;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.auth.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console overview of many SLOs, end to end: a server over a generated spec with a day
 * of hourly buckets per SLO (some bad events each, so budgets differ), an SRE signed in, and
 * {@code GET /console} timed as the browser sees it, over loopback. Baseline: {@code GET
 * /healthz} on the same connection.
 */
public final class ConsoleBenchmark {
  private final int slos;
  private final PrintWriter out;

  public ConsoleBenchmark(int slos, PrintWriter out) {
    this.slos = slos;
    this.out = out;
  }

  /** Runs the benchmark and prints its results. */
  public void run(int runs) {
    Path dir;
    try {
      dir = Files.createTempDirectory("nines-bench-console-");
      Path specFile = dir.resolve("spec.yaml");
      Files.writeString(specFile, SpecBenchmark.generate(slos));
      seed(dir, specFile);
      try (NinesServer server = NinesServer.start(new NinesServer.Config(specFile, null, dir,
          "127.0.0.1", 0, 1 << 20, 100_000, null, false), Clock.systemUTC())) {
        server.console().users().add("bench", Role.SRE, null, "bench password 123");
        measure(server, runs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("console benchmark failed", e);
    }
  }

  private void seed(Path dir, Path specFile) throws Exception {
    Spec spec = dev.nines.spec.SpecReader.read(specFile).spec();
    long nowHour = Instant.now().getEpochSecond() / 3600;
    Random random = new Random(42);
    List<BucketDelta> d = new ArrayList<>();
    for (SloSpec s : spec.slos()) {
      for (long h = nowHour - 24; h < nowHour; h++) {
        d.add(new BucketDelta(s.name(), h * 60, 10_000 - random.nextInt(8), 10_000));
      }
    }
    try (Store store = Stores.open(null, dir, null, null)) {
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
    }
    out.printf("console: %,d SLOs, %,d hourly buckets seeded%n", spec.slos().size(), d.size());
  }

  private void measure(NinesServer server, int runs) throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String login = get(http, base + "/login").body();
    Matcher m = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"").matcher(login);
    if (!m.find()) {
      throw new IllegalStateException("no sign-in form");
    }
    String form = "name=bench&password=" + URLEncoder.encode("bench password 123",
        StandardCharsets.UTF_8) + "&_login=" + m.group(1) + "&next=";
    http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> page = get(http, base + "/console");
    int rows = page.body().split("href=\"/console/slos/", -1).length - 1;
    if (page.statusCode() != 200 || rows != slos) {
      throw new IllegalStateException("GET /console answered " + page.statusCode() + " with "
          + rows + " SLO rows, expected " + slos);
    }
    Timings baseline = Timings.measure("baseline: GET /healthz", 20, runs,
        () -> get(http, base + "/healthz"));
    Timings console = Timings.measure("GET /console, " + slos + " SLO rows", 10, runs,
        () -> get(http, base + "/console"));
    out.printf("page: %,d bytes%n", page.body().length());
    out.println(baseline);
    out.println(console);
    out.flush();
  }

  private static HttpResponse<String> get(HttpClient http, String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
