package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nines demo} end to end: the shaded jar as a child process at speed 10 with faults
 * played through its control endpoint, checked through the Nines API; and an in-process run
 * that stops by itself after {@code --for}, leaving nothing listening and no child process.
 * Every check waits for its condition with a deadline.
 */
class DemoIT {
  private static final String TOKEN = "demo-it-token-with-every-scope";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONSOLE = Pattern.compile("console +http://127\\.0\\.0\\.1:(\\d+)/console");
  private static final Pattern COUNTER = Pattern.compile(
      "nines_sli_events_total\\{service=\"platform\",slo=\"([^\"]+)\",outcome=\"(good|bad)\"} (\\d+)");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
      .build();
  private Process demo;
  private Path stdout;
  private Path stderr;

  @AfterEach
  void stop() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    http.close();
  }

  /** Good and bad events of one SLO since the server started. */
  private record Counts(long good, long bad) {
    long valid() {
      return good + bad;
    }
  }

  @Test
  @Timeout(value = 135, unit = TimeUnit.SECONDS)
  void theDemoShowsEachFaultWhereNinesMeasuresItAndStopsOnSigterm() throws Exception {
    Path out = dir.resolve("out");
    startChild(out);
    URI control = await("the control endpoint", Duration.ofSeconds(60), () -> controlUrl(out));
    URI nines = await("the banner with the console URL", Duration.ofSeconds(10), this::ninesUrl);
    // The generated history is in the windows from the start: a month of assignments, the
    // courier outage 12 days ago spent part of the budget.
    JsonNode assign = getJson(nines.resolve("/api/v1/slos/assign-courier-availability"), true);
    assertThat(assign.path("valid").asLong()).isGreaterThan(1_000_000);
    assertThat(assign.path("budgetRemaining").asDouble()).isBetween(0.3, 0.95);
    // Last month's client report in every format and the SLO proposal, from that history.
    List<String> reports;
    try (java.util.stream.Stream<Path> files = Files.list(out.resolve("reports"))) {
      reports = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(reports).hasSize(5).anyMatch(n -> n.matches("acme-\\d{4}-\\d{2}\\.pdf"))
        .anyMatch(n -> n.matches("acme-\\d{4}-\\d{2}\\.html"))
        .contains("acme-slo-proposal.pdf", "acme-slo-proposal.md");
    String md = reports.stream().filter(n -> n.matches("acme-\\d{4}-\\d{2}\\.md")).findFirst()
        .map(n -> read(out.resolve("reports").resolve(n))).orElseThrow();
    assertThat(md).contains("Acme Logistics");
    for (String pdf : reports.stream().filter(n -> n.endsWith(".pdf")).toList()) {
      assertThat(Files.readAllBytes(out.resolve("reports").resolve(pdf))).as(pdf)
          .startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertThat(Files.readString(stderr)).contains("history: 35 days before");
    JsonNode status = getJson(control.resolve("/demo"), false);
    URI cdn = URI.create(status.path("platform").path("cdn").asText());
    // A seller opens the dashboard: the CDN caches it (it serves it while the app is down).
    assertThat(get(cdn.resolve("/dashboard")).statusCode()).isEqualTo(200);

    await("request events at every layer", Duration.ofSeconds(40), () -> {
      Map<String, Counts> c = counters(nines);
      return c.get("cdn-availability").valid() > 0 && c.get("load-balancer-errors").valid() > 0
          && c.get("assign-courier-availability").valid() + c.get("fetch-orders-latency").valid() > 0
          && c.get("app-errors").valid() > 0 ? true : null;
    });

    Map<String, Counts> before = counters(nines);
    for (String fault : List.of("slow-shop", "tracking-lag", "region-network")) {
      assertThat(post(control.resolve("/demo/faults/" + fault + "?for=40s")).statusCode())
          .isEqualTo(202);
    }
    await("slow-shop: bad events of the fetch-orders latency SLO", Duration.ofSeconds(30),
        () -> counters(nines).get("fetch-orders-latency").bad() > before.get(
            "fetch-orders-latency").bad() ? true : null);
    await("tracking-lag: bad events of the freshness SLO", Duration.ofSeconds(30),
        () -> counters(nines).get("track-delivery-freshness").bad() > before.get(
            "track-delivery-freshness").bad() ? true : null);
    JsonNode silent = await("region-network: ap-south UNKNOWN, eu-central OK", Duration.ofSeconds(30), () -> {
      JsonNode m = getJson(nines.resolve("/api/v1/monitors/platform-health?range=1h"), true);
      return "UNKNOWN".equals(lastState(region(m, "ap-south")))
          && "OK".equals(lastState(region(m, "eu-central"))) ? m : null;
    });
    assertThat(states(region(silent, "ap-south"))).doesNotContain("ERROR");
    assertThat(lastState(region(silent, "eu-central"))).isEqualTo("OK");
    assertThat(lastState(silent)).isNotEqualTo("ERROR");

    Map<String, Counts> up = counters(nines);
    assertThat(post(control.resolve("/demo/faults/app-down?for=60s")).statusCode())
        .isEqualTo(202);
    await("app-down: the server region's shallow and deep checks in ERROR",
        Duration.ofSeconds(22), () -> {
          JsonNode monitors = getJson(nines.resolve("/api/v1/monitors"), true).path("monitors");
          return "ERROR".equals(serverState(monitors, "platform-health"))
              && "ERROR".equals(serverState(monitors, "platform-deep")) ? true : null;
        });
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> page = get(cdn.resolve("/dashboard"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("X-Cache")).as("served from the CDN's cache")
          .hasValueSatisfying(v -> assertThat(v).isIn("HIT", "STALE"));
    }
    Map<String, Counts> down = await("app-down: bad events at the ingress layer",
        Duration.ofSeconds(15), () -> {
          Map<String, Counts> c = counters(nines);
          return ingressBad(c) > ingressBad(up) && c.get("cdn-availability").valid()
              >= up.get("cdn-availability").valid() + 3 ? c : null;
        });
    assertThat(getJson(control.resolve("/demo"), false).path("platform").path("appUp")
        .asBoolean()).as("the app is still down: the counts are from the outage").isFalse();
    assertThat(down.get("cdn-availability").bad()).as("the CDN's own availability")
        .isEqualTo(up.get("cdn-availability").bad());
    assertThat(down.get("load-balancer-errors").bad())
        .isGreaterThan(up.get("load-balancer-errors").bad());

    List<Long> agents = new ArrayList<>();
    getJson(control.resolve("/demo"), false).path("regions").forEach(r -> {
      if (r.has("pid")) {
        agents.add(r.path("pid").asLong());
      }
    });
    assertThat(agents).hasSize(2);
    demo.destroy();                                    // SIGTERM, as Ctrl-C
    assertThat(demo.waitFor(45, TimeUnit.SECONDS)).as("the demo stops within 45 s of SIGTERM")
        .isTrue();
    for (long pid : agents) {
      await("agent " + pid + " gone", Duration.ofSeconds(15), () ->
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null : true);
    }
    assertThat(Files.readString(stderr)).doesNotContain("Exception");
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void forStopsTheDemoByItselfLeavingNothingListeningAndNoChildProcess() throws Exception {
    Path out = dir.resolve("in-process");
    StringWriter text = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread run = Thread.ofPlatform().name("demo-under-test").start(() -> {
      picocli.CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(text, true));
      cli.setErr(new PrintWriter(text, true));
      exit.set(cli.execute("demo", "--out", out.toString(), "--port", "0", "--speed", "10",
          "--for", "6s", "--no-history"));
    });
    URI control = await("the control endpoint", Duration.ofSeconds(40), () -> controlUrl(out));
    JsonNode status = getJson(control.resolve("/demo"), false);
    List<InetSocketAddress> listening = new ArrayList<>();
    status.path("listening").forEach(a -> {
      String[] hostPort = a.asText().split(":");
      listening.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    });
    List<Long> agents = new ArrayList<>();
    status.path("regions").forEach(r -> {
      if (r.has("pid")) {
        agents.add(r.path("pid").asLong());
      }
    });
    assertThat(listening).hasSizeGreaterThanOrEqualTo(9 + 2 * 3);
    assertThat(agents).hasSize(2);

    run.join(Duration.ofSeconds(60));
    assertThat(run.isAlive()).as(text.toString()).isFalse();
    assertThat(exit.get()).as(text.toString()).isZero();
    assertThat(text.toString()).contains("--for 6s is over: stopping").contains("stopped");
    assertThat(text.toString()).as("--no-history").doesNotContain("history:");
    for (InetSocketAddress a : listening) {
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(a, 1_000);
        }
      }).as("nothing listens on %s", a).isInstanceOf(ConnectException.class);
    }
    assertThat(ProcessHandle.current().children().map(ProcessHandle::pid).toList())
        .doesNotContainAnyElementsOf(agents);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anAgentStartedWithItsParentsPidStopsWhenTheParentDoes() throws Exception {
    Process parent = new ProcessBuilder("sleep", "3").start();
    Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", Path.of("target", "nines.jar").toString(), "agent",
        "--server", "http://127.0.0.1:1", "--region", "us-east", "--token", "t",
        "--spool", dir.resolve("spool").toString(), "--parent-pid",
        Long.toString(parent.pid())).redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent.log").toFile()).start();
    try {
      assertThat(agent.waitFor(1, TimeUnit.SECONDS)).as("the agent runs while its parent does")
          .isFalse();
      parent.waitFor();
      assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent stops after its parent")
          .isTrue();
      assertThat(agent.exitValue()).isZero();
    } finally {
      agent.destroyForcibly();
    }
  }

  private void startChild(Path out) throws IOException {
    Path jar = Path.of("target", "nines.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + ": missing. Expected the shaded "
          + "jar (integration tests run after mvn package)");
    }
    stdout = dir.resolve("demo.out");
    stderr = dir.resolve("demo.err");
    ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx512m", "-jar", jar.toString(), "demo", "--out", out.toString(),
        "--port", "0", "--speed", "10", "--no-schedule", "--for", "170s")
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("NINES_"));
    b.environment().put("NINES_API_TOKEN", TOKEN);
    b.environment().put("NINES_ADMIN_PASSWORD", "demo-it-admin-password");
    demo = b.start();
  }

  private URI controlUrl(Path out) throws IOException {
    if (demo != null && !demo.isAlive()) {
      throw new IllegalStateException("the demo exited with " + demo.exitValue() + ":\n" + log());
    }
    Path file = out.resolve("control-url");
    return Files.exists(file) ? URI.create(Files.readString(file).strip()) : null;
  }

  private URI ninesUrl() throws IOException {
    Matcher m = CONSOLE.matcher(Files.readString(stdout));
    return m.find() ? URI.create("http://127.0.0.1:" + m.group(1)) : null;
  }

  private String log() {
    try {
      return stdout == null ? "" : Files.readString(stdout) + "\n--- stderr ---\n"
          + tail(Files.readString(stderr));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String tail(String s) {
    return s.length() > 6_000 ? "..." + s.substring(s.length() - 6_000) : s;
  }

  /** Calls {@code probe} until it answers non-null, for at most {@code within}. */
  private <T> T await(String what, Duration within, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = probe.call();
        if (v != null) {
          return v;
        }
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not within " + within.toSeconds() + " s: " + what
        + (last == null ? "" : " (last failure: " + last + ")") + "\n" + log());
  }

  private Map<String, Counts> counters(URI nines) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(nines.resolve("/metrics"))
        .header("Authorization", "Bearer " + TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, long[]> raw = new HashMap<>();
    Matcher m = COUNTER.matcher(r.body());
    while (m.find()) {
      raw.computeIfAbsent(m.group(1), k -> new long[2])[m.group(2).equals("good") ? 0 : 1] =
          Long.parseLong(m.group(3));
    }
    Map<String, Counts> out = new HashMap<>();
    raw.forEach((slo, v) -> out.put(slo, new Counts(v[0], v[1])));
    for (String slo : List.of("cdn-availability", "load-balancer-errors",
        "assign-courier-availability", "fetch-orders-latency", "track-delivery-freshness",
        "app-errors")) {
      out.putIfAbsent(slo, new Counts(0, 0));
    }
    return out;
  }

  private static long ingressBad(Map<String, Counts> c) {
    return c.get("assign-courier-availability").bad() + c.get("fetch-orders-latency").bad();
  }

  private JsonNode getJson(URI uri, boolean authorized) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (authorized) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One region of a monitor's API answer. */
  private static JsonNode region(JsonNode monitor, String name) {
    for (JsonNode r : monitor.path("regions")) {
      if (r.path("region").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no region " + name + " in " + monitor);
  }

  /** The state a monitor or region is in at the end of the range, or null. */
  private static String lastState(JsonNode monitorOrRegion) {
    JsonNode s = monitorOrRegion.path("state").path("state");
    return s.isMissingNode() || s.isNull() ? null : s.asText();
  }

  /** Every state at either end of the region's attributed spans. */
  private static List<String> states(JsonNode region) {
    List<String> out = new ArrayList<>();
    region.path("timeline").forEach(s -> {
      out.add(s.path("from").asText());
      out.add(s.path("to").asText());
    });
    return out;
  }

  private static String serverState(JsonNode monitors, String name) {
    for (JsonNode m : monitors) {
      if (m.path("name").asText().equals(name)) {
        return m.path("regions").path(DemoSpec.SERVER_REGION).path("state").asText(null);
      }
    }
    return null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
