package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.cli.Main;
import dev.nines.web.console.Browser;
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
  @Timeout(value = 210, unit = TimeUnit.SECONDS)
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
    List<String> reports = DemoAnswers.listReports(out);
    assertThat(reports).hasSize(5).anyMatch(n -> n.matches("acme-\\d{4}-\\d{2}\\.pdf"))
        .anyMatch(n -> n.matches("acme-\\d{4}-\\d{2}\\.html"))
        .contains("acme-slo-proposal.pdf", "acme-slo-proposal.md");
    String md = reports.stream().filter(n -> n.matches("acme-\\d{4}-\\d{2}\\.md")).findFirst()
        .map(n -> DemoAnswers.read(out.resolve("reports").resolve(n))).orElseThrow();
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
      return "UNKNOWN".equals(DemoAnswers.lastState(DemoAnswers.region(m, "ap-south")))
          && "OK".equals(DemoAnswers.lastState(DemoAnswers.region(m, "eu-central"))) ? m : null;
    });
    assertThat(DemoAnswers.states(DemoAnswers.region(silent, "ap-south"))).doesNotContain("ERROR");
    assertThat(DemoAnswers.lastState(DemoAnswers.region(silent, "eu-central"))).isEqualTo("OK");
    assertThat(DemoAnswers.lastState(silent)).isNotEqualTo("ERROR");

    Map<String, Counts> up = counters(nines);
    assertThat(post(control.resolve("/demo/faults/app-down?for=60s")).statusCode())
        .isEqualTo(202);
    await("app-down: the server region's shallow and deep checks in ERROR",
        Duration.ofSeconds(22), () -> {
          JsonNode monitors = getJson(nines.resolve("/api/v1/monitors"), true).path("monitors");
          return "ERROR".equals(DemoAnswers.serverState(monitors, "platform-health"))
              && "ERROR".equals(DemoAnswers.serverState(monitors, "platform-deep")) ? true : null;
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

    // The outage pages and opens an incident; resolved with a root-cause note, the client's
    // portal and the public status page show it, next to the history's incidents.
    JsonNode incident = await("app-down: an open incident", Duration.ofSeconds(60), () -> {
      for (JsonNode i : getJson(nines.resolve("/api/v1/incidents?state=open"), true)
          .path("incidents")) {
        return i;
      }
      return null;
    });
    String note = "The app ran out of memory after a deploy; it was restarted with a larger heap.";
    // Resolved once the app is back, as an on-call engineer would (the server prunes raw
    // observations a minute after its start: the report below is compared after that).
    await("app-down: the app is back", Duration.ofSeconds(60), () -> getJson(control.resolve(
        "/demo"), false).path("platform").path("appUp").asBoolean() ? true : null);
    HttpResponse<String> resolved = send(HttpRequest.newBuilder(nines.resolve(
        "/api/v1/incidents/" + incident.path("id").asLong() + "/resolve"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("rootCause",
            note)))).build());
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    JsonNode publicIncident = null;
    List<String> notes = new ArrayList<>();
    for (JsonNode i : getJson(nines.resolve("/api/v1/status/acme"), false).path("incidents")) {
      notes.add(i.path("note").asText());
      if (i.path("id").asLong() == incident.path("id").asLong()) {
        publicIncident = i;
      }
    }
    assertThat(publicIncident).as("the incident on the status page's API").isNotNull();
    assertThat(publicIncident.path("note").asText()).isEqualTo(note);
    assertThat(publicIncident.path("status").asText()).isEqualTo("resolved");
    String title = publicIncident.path("title").asText();
    assertThat(title).isNotBlank();
    String pastNote = notes.stream().filter(n -> n.contains("courier partner")).findFirst()
        .orElseThrow(() -> new AssertionError("no root-cause note of the history's courier "
            + "outage on the status page: " + notes));
    String statusPage = get(nines.resolve("/status/acme")).body();
    String portal = signIn(nines, Demo.CLIENT_USER, clientPassword()).send(
        HttpRequest.newBuilder(nines.resolve("/portal")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    for (var page : Map.of("status page", statusPage, "portal", portal).entrySet()) {
      assertThat(page.getValue()).as(page.getKey()).contains(html(title), html(note),
          html(pastNote));
    }

    browse(nines, incident.path("title").asText(), note);
    reportMatchesTheApi(nines, out, md);

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

  /**
   * The demo in headless Chromium, as a new user opens it after the outage: the console's
   * overview, an SLO page with its three charts drawn, the monitor page with the outage as
   * downtime (and, over 24 h, the history without silent gaps), the incident list, the
   * client's portal and the status page with the note; no page has a JavaScript error.
   * Screenshots go to {@code target/screenshots/demo-*.png}. Without a browser this part is
   * skipped, except under {@code CI=true}, where it fails.
   */
  private void browse(URI nines, String internalTitle, String note) throws Exception {
    Browser b;
    try {
      b = Browser.start();
    } catch (org.opentest4j.TestAbortedException e) {
      System.err.println("DemoIT: browser pass skipped: " + e.getMessage());
      return;
    }
    try (b) {
      b.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
          window.__errors = [];
          addEventListener('error', e => __errors.push(e.message || 'failed: '
              + (e.target.src || e.target.href || (e.target.outerHTML || '').slice(0, 200))), true);
          addEventListener('unhandledrejection', e => __errors.push('unhandled: ' + e.reason));
          const err = console.error;
          console.error = (...a) => { __errors.push('console.error: ' + a.join(' ')); err(...a); };"""));
      signInBrowser(b, nines, "admin", "demo-it-admin-password");
      open(b, nines, "/console", "demo-overview");
      assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("#rows tr")))
          .hasSizeGreaterThanOrEqualTo(8);

      b.driver.get(nines.resolve("/console/slos/assign-courier-availability").toString());
      Browser.await(() -> b.driver.findElements(org.openqa.selenium.By.cssSelector(
          ".chart .uplot canvas")).size() == 3, "the three charts of the SLO page are drawn");
      for (var canvas : b.driver.findElements(org.openqa.selenium.By.cssSelector(
          ".chart .uplot canvas"))) {
        assertThat(canvas.getSize().getWidth()).isGreaterThan(100);
        assertThat(canvas.getSize().getHeight()).isGreaterThan(50);
      }
      noErrors(b, "/console/slos/assign-courier-availability");
      b.shot("demo-slo");

      open(b, nines, "/console/monitors/platform-health?range=1h", "demo-monitor");
      assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector(
          "svg.timeline rect.at-down"))).as("the outage as downtime on the monitor page")
          .isNotEmpty();
      open(b, nines, "/console/monitors/platform-health?range=24h", "demo-monitor-24h");
      Number unknown = (Number) b.driver.executeScript("""
          let w = 0, n = 0;
          for (const svg of document.querySelectorAll('svg.timeline')) {
            n++;
            for (const r of svg.querySelectorAll('rect.at-unknown')) w += +r.getAttribute('width');
          }
          return w / (n * 1000);""");
      assertThat(unknown.doubleValue()).as("share of the 24 h timelines that is unknown")
          .isLessThan(0.02);

      open(b, nines, "/console/incidents", "demo-incidents");
      assertThat(b.driver.getPageSource()).contains(html(internalTitle));

      b.driver.manage().deleteAllCookies();
      signInBrowser(b, nines, Demo.CLIENT_USER, clientPassword());
      open(b, nines, "/portal", "demo-portal");
      assertThat(b.driver.getPageSource()).contains(html(note));
      assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("svg.days")))
          .isNotEmpty();

      b.driver.manage().deleteAllCookies();
      open(b, nines, "/status/acme", "demo-status");
      assertThat(b.driver.getPageSource()).contains(html(note));
      assertThat(b.driver.findElements(org.openqa.selenium.By.cssSelector("svg.days rect")))
          .hasSize(90);
    }
  }

  private static void open(Browser b, URI nines, String path, String shot) {
    b.driver.get(nines.resolve(path).toString());
    noErrors(b, path);
    b.shot(shot);
  }

  private static void noErrors(Browser b, String path) {
    Object errors = b.driver.executeScript("return window.__errors || []");
    assertThat((List<?>) errors).as("JavaScript errors on " + path).isEmpty();
  }

  private static void signInBrowser(Browser b, URI nines, String user, String password)
      throws InterruptedException {
    b.driver.get(nines.resolve("/login").toString());
    b.driver.findElement(org.openqa.selenium.By.name("name")).sendKeys(user);
    b.driver.findElement(org.openqa.selenium.By.name("password")).sendKeys(password);
    b.driver.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
    Browser.await(() -> !b.driver.getCurrentUrl().endsWith("/login"), "signed in as " + user);
  }

  /**
   * Last month's report as written at start equals what the API says of that month now (after
   * the server pruned raw observations, a minute after its start): the same figures hash as
   * the Markdown, the PDF and the server's archived copy, and in the Markdown's summary each
   * objective's achieved SLI, budget used and bad/allowed, and each monitor's uptime with its
   * bounds, as the API's figures format them.
   */
  private void reportMatchesTheApi(URI nines, Path out, String md) throws Exception {
    Matcher month = Pattern.compile("acme-(\\d{4}-\\d{2})\\.md").matcher(String.join(" ",
        DemoAnswers.listReports(out)));
    assertThat(month.find()).isTrue();
    JsonNode api = getJson(nines.resolve("/api/v1/reports/acme/" + month.group(1)), true);
    String hash = api.path("figuresHash").asText();
    assertThat(md).contains("Figures SHA-256: `" + hash + "`");
    for (JsonNode archived : getJson(nines.resolve("/api/v1/reports?client=acme"), true)
        .path("reports")) {
      if (archived.path("month").asText().equals(month.group(1))) {
        assertThat(archived.path("figuresHash").asText()).as("the archived " + archived.path(
            "format").asText()).isEqualTo(hash);
      }
    }
    assertThat(api.path("slos")).hasSize(5);
    for (JsonNode slo : api.path("slos")) {
      JsonNode text = slo.path("text");
      assertThat(text.path("achieved").asText()).isEqualTo(
          dev.nines.format.Fmt.sli(slo.path("sli").asDouble()));
      assertThat(md).as(slo.path("name").asText()).contains("| " + slo.path("title").asText()
          + " | ").contains(" | " + text.path("achieved").asText() + " | ")
          .contains(" | " + text.path("budgetUsed").asText() + " | "
              + text.path("badAgainstAllowed").asText() + " | ");
      for (JsonNode u : slo.path("uptime")) {
        assertThat(md).contains("- Monitor `" + u.path("monitor").asText() + "`: uptime "
            + dev.nines.format.Fmt.sli(u.path("uptime").asDouble()) + " (between "
            + dev.nines.format.Fmt.sli(u.path("lower").asDouble()) + " and "
            + dev.nines.format.Fmt.sli(u.path("upper").asDouble()) + ")");
      }
    }
    String pdf = DemoAnswers.pdfText(out.resolve("reports").resolve("acme-" + month.group(1) + ".pdf"));
    if (pdf != null) {
      assertThat(pdf).contains(hash.substring(0, 16));
      for (JsonNode slo : api.path("slos")) {
        assertThat(pdf).contains(slo.path("text").path("achieved").asText());
      }
    }
  }

  /** The client's password from the banner. */
  private String clientPassword() throws IOException {
    Matcher m = Pattern.compile("sign in as " + Demo.CLIENT_USER + " / (\\S+)").matcher(
        Files.readString(stdout));
    assertThat(m.find()).as("the banner names the client's sign-in").isTrue();
    return m.group(1);
  }

  /** A client with the session of {@code user}, signed in through the sign-in form. */
  static HttpClient signIn(URI nines, String user, String password) throws Exception {
    HttpClient c = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
        .connectTimeout(Duration.ofSeconds(3)).build();
    String form = c.send(HttpRequest.newBuilder(nines.resolve("/login")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("name=\"_login\" value=\"([^\"]+)\"").matcher(form);
    assertThat(m.find()).as("the sign-in form").isTrue();
    String body = "name=" + enc(user) + "&password=" + enc(password) + "&_login=" + m.group(1)
        + "&next=";
    HttpResponse<String> r = c.send(HttpRequest.newBuilder(nines.resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("signing in as " + user).isIn(200, 303);
    return c;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@code s} as jte writes it into HTML. */
  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private HttpResponse<String> send(HttpRequest r) throws Exception {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
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
        "--port", "0", "--speed", "10", "--no-schedule", "--for", "240s")
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

}
