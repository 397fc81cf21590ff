package dev.nines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.demo.Demo;
import dev.nines.demo.DemoHistory;
import dev.nines.demo.DemoOptions;
import dev.nines.demo.DemoTime;
import dev.nines.demo.Fault;
import dev.nines.demo.GeneratedHistory;
import dev.nines.demo.OutputStep;
import dev.nines.model.Durations;
import dev.nines.spec.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nines demo}: the whole product on a simulated logistics platform, with faults on a
 * schedule and on demand ({@code nines demo faults}, {@code nines demo fault NAME}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Nines on a simulated logistics platform on loopback: a shop, the app, "
        + "CDN -> load balancer -> L7 proxy reporting request events, seller traffic, three "
        + "probe regions (the server and two agents) and faults on a schedule. Ctrl-C stops "
        + "everything.",
    subcommands = {DemoCommand.ListFaults.class, DemoCommand.TriggerFault.class})
final class DemoCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "nines-demo", description = "The "
      + "output folder: rendered spec, Prometheus rules, Grafana tree, logs (default "
      + "${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--port", paramLabel = "N", defaultValue = "${env:NINES_PORT:-8080}",
      description = "The Nines "
      + "server's port (default 8080; 0 picks a free one); everything else takes a free port. "
      + "Env: NINES_PORT.")
  int port;

  @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:NINES_DB_URL}",
      description = "JDBC URL; default: SQLite in the data directory. Env: NINES_DB_URL.")
  String db;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:NINES_DATA_DIR}",
      description = "Where the SQLite file lives (default OUT/data). Env: NINES_DATA_DIR.")
  Path dataDir;

  @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long "
      + "(e.g. 10m); default: until Ctrl-C.")
  String forDuration;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "Play the "
      + "live part N times faster: the traffic's day, the fault schedule, check intervals "
      + "(default 1).")
  double speed;

  @Option(names = "--no-agents", description = "Probe from the server's region only.")
  boolean noAgents;

  @Option(names = "--no-schedule", description = "Play faults only on demand, not on the "
      + "schedule.")
  boolean noSchedule;

  @Option(names = "--no-history", description = "Start from an empty past instead of "
      + "generating " + GeneratedHistory.DAYS + " days of history (buckets, checks, incidents, "
      + "a maintenance window) before the start.")
  boolean noHistory;

  @Option(names = "--alertmanager", paramLabel = "URL", description = "Also send the team's "
      + "alerts to this Alertmanager (its base URL, e.g. http://localhost:9093).")
  String alertmanager;

  @Option(names = "--smtp", paramLabel = "URL", description = "Also mail the client's notices "
      + "and reports through this SMTP server, e.g. smtp://localhost:1025?tls=none for a local "
      + "catcher: smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls] or smtps://...")
  String smtp;

  /** The history laid before the live run; null: generated unless --no-history. */
  DemoHistory history;

  @Override public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration limit = forDuration == null ? null : duration("--for", forDuration);
    try {
      new DemoTime(java.time.Instant.EPOCH, speed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--speed: " + e.getMessage());
    }
    Path data = dataDir != null ? dataDir : out.resolve("data");
    java.net.URI am = null;
    if (alertmanager != null) {
      try {
        am = java.net.URI.create(alertmanager.strip());
      } catch (IllegalArgumentException e) {
        am = null;
      }
      if (am == null || !("http".equals(am.getScheme()) || "https".equals(am.getScheme()))
          || am.getHost() == null) {
        throw new ParameterException(spec.commandLine(), "--alertmanager: '" + alertmanager
            + "' is not an HTTP URL. Expected Alertmanager's base URL, e.g. "
            + "http://localhost:9093");
      }
    }
    if (smtp != null) {
      try {
        dev.nines.demo.DemoSpec.Smtp.parse(smtp);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--smtp: " + e.getMessage());
      }
    }
    DemoOptions options = new DemoOptions(out, port, blank(db), data, speed, !noAgents,
        !noSchedule, blank(System.getenv("NINES_API_TOKEN")),
        blank(System.getenv("NINES_ADMIN_PASSWORD")), am, blank(smtp));
    say(o, "starting the demo in " + out.toAbsolutePath() + " (speed " + speed + "x) ...");
    Demo demo;
    try {
      DemoHistory past = history != null ? history
          : noHistory ? DemoHistory.NONE : new GeneratedHistory(err);
      demo = Demo.start(options, outputs(), past, Clock.systemUTC(), line -> say(o, line));
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    } catch (Exception e) {
      err.println("nines demo: " + startFailure(e));
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "nines-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    banner(o, demo.info());
    try {
      if (limit == null) {
        stopped.await();
      } else if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        say(o, "--for " + forDuration + " is over: stopping");
      }
    } catch (InterruptedException e) {
      say(o, "interrupted: stopping");
    }
    demo.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or has run.
    }
    say(o, "stopped");
    return 0;
  }

  private Duration duration(String option, String text) {
    try {
      Duration d = Durations.parse(text);
      if (!d.isPositive()) {
        throw new IllegalArgumentException("'" + text + "' is not positive. Expected e.g. 10m");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /**
   * The outputs, in order: the spec must lint clean, then rules and Grafana from it, then last
   * month's client reports and the SLO proposals from the store.
   */
  private static List<OutputStep> outputs() {
    return List.of(
        step("lint", ctx -> {
          run("lint", "--strict", ctx.specFile().toString());
          return List.of();
        }),
        step("rules", ctx -> {
          Path rules = ctx.outDir().resolve("prometheus").resolve("nines-rules.yaml");
          Files.createDirectories(rules.getParent());
          run("rules", ctx.specFile().toString(), "-o", rules.toString());
          return List.of(rules);
        }),
        step("grafana", ctx -> {
          Path grafana = ctx.outDir().resolve("grafana");
          run("grafana", ctx.specFile().toString(), "-o", grafana.toString());
          return List.of(grafana);
        }),
        step("report", DemoCommand::lastMonthsReports),
        step("proposal", DemoCommand::proposals));
  }

  /**
   * Last month's report of every client, in each format, from the store the history was
   * written to: what the monthly run archives and mails once a month closes.
   */
  private static List<Path> lastMonthsReports(OutputStep.Context ctx) throws Exception {
    Path dir = Files.createDirectories(ctx.outDir().resolve("reports"));
    List<Path> out = new java.util.ArrayList<>();
    java.time.Clock clock = java.time.Clock.systemUTC();
    for (dev.nines.model.ClientSpec c : ctx.spec().clients()) {
      java.time.YearMonth month = java.time.YearMonth.now(clock.withZone(ctx.spec().zoneOf(c)))
          .minusMonths(1);
      dev.nines.report.MonthlyReport r = dev.nines.report.Reports.build(ctx.spec(), ctx.store(),
          dev.nines.maintenance.MaintenanceCalendar.of(ctx.spec(),
              ctx.store().maintenanceWindows()), c.name(), month, clock);
      for (dev.nines.report.ReportFormat f : dev.nines.report.ReportFormat.values()) {
        Path file = dir.resolve(dev.nines.report.Reports.fileName(c.name(), month, f));
        Files.write(file, dev.nines.report.Reports.render(r, f));
        out.add(file);
      }
    }
    return out;
  }

  /** The SLO proposal of every client, scored over the last 28 days of the history. */
  private static List<Path> proposals(OutputStep.Context ctx) throws Exception {
    Path dir = Files.createDirectories(ctx.outDir().resolve("reports"));
    List<Path> out = new java.util.ArrayList<>();
    for (dev.nines.model.ClientSpec c : ctx.spec().clients()) {
      dev.nines.report.Proposal p = dev.nines.report.Proposals.build(ctx.spec(), c.name(),
          ctx.store(), java.time.Duration.ofDays(28), List.of(), null, java.time.Instant.now());
      for (dev.nines.report.ReportFormat f : List.of(dev.nines.report.ReportFormat.PDF,
          dev.nines.report.ReportFormat.MD)) {
        Path file = dir.resolve(c.name() + "-slo-proposal." + f.id());
        Files.write(file, dev.nines.report.Reports.render(p, f));
        out.add(file);
      }
    }
    return out;
  }

  private interface StepBody {
    List<Path> write(OutputStep.Context ctx) throws Exception;
  }

  private static OutputStep step(String name, StepBody body) {
    return new OutputStep() {
      @Override public String name() {
        return name;
      }

      @Override public List<Path> write(Context ctx) throws Exception {
        return body.write(ctx);
      }
    };
  }

  /** Runs a {@code nines} command in-process, the same code path as on the command line. */
  private static void run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    if (exit != 0) {
      throw new IllegalStateException("nines " + String.join(" ", args) + " exited with " + exit
          + ":\n" + out + err);
    }
  }

  private void banner(PrintWriter o, Demo.Info i) {
    String base = i.nines().toString();
    StringBuilder b = new StringBuilder();
    String line = "=".repeat(78);
    b.append(line).append('\n');
    b.append("Nines demo: Acme Logistics on a simulated logistics platform\n\n");
    b.append(String.format("  console        %s/console%n", base));
    b.append(String.format("                 sign in as admin / %s%n", i.adminPassword()));
    b.append(String.format("  client portal  %s/portal%n", base));
    b.append(String.format("                 sign in as %s / %s%n", Demo.CLIENT_USER,
        i.clientPassword()));
    b.append(String.format("  status page    %s/status/acme%n", base));
    b.append(String.format("  probe regions  %s%n", String.join(", ", i.regions())));
    b.append(String.format("  platform       CDN http://127.0.0.1:%d and https://localhost:%d"
        + " (seller traffic runs through it)%n", i.ports().cdn(), i.ports().cdnTls()));
    b.append(String.format("  control        %s/demo/faults%n", i.control()));
    b.append(String.format("  faults         nines demo fault NAME    (%s)%n", Fault.names()));
    b.append(String.format("  written        %s%n", String.join("\n                 ",
        i.outputs().stream().map(Path::toString).toList())));
    for (String note : i.notes()) {
      b.append("  note           ").append(note).append('\n');
    }
    b.append(noSchedule ? "\nFaults play only on demand (--no-schedule).\n"
        : "\nFaults play on a schedule (see README); Ctrl-C stops everything.\n");
    b.append(line);
    o.println(b);
    o.flush();
  }

  private static void say(PrintWriter o, String message) {
    synchronized (o) {
      o.println(LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
          .format(CLOCK) + " nines demo: " + message);
      o.flush();
    }
  }

  private String startFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "--port " + port + ": already in use on 127.0.0.1. Expected a free port (or "
            + "--port 0)";
      }
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** How the fault commands find a running demo: {@code --url}, else OUT/control-url. */
  static final class ControlOptions {
    @Option(names = "--url", paramLabel = "URL", description = "The demo's control endpoint "
        + "(default: read from OUT/control-url).")
    URI url;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nines-demo",
        description = "The running demo's output folder (default ${DEFAULT-VALUE}).")
    Path out;

    /** The control URL, or null when no demo has written one. */
    URI control() throws IOException {
      if (url != null) {
        return url;
      }
      Path file = out.resolve("control-url");
      return Files.exists(file) ? URI.create(Files.readString(file, StandardCharsets.UTF_8)
          .strip()) : null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> request(URI control, String method, String path)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
        .build()) {
      HttpRequest r = HttpRequest.newBuilder(control.resolve(path))
          .timeout(Duration.ofSeconds(10))
          .method(method, HttpRequest.BodyPublishers.noBody()).build();
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** {@code nines demo faults}: the faults, with their state when a demo is running. */
  @Command(name = "faults", mixinStandardHelpOptions = true, description = "List the faults "
      + "the demo can play, with their state when a demo is running.")
  static final class ListFaults implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlOptions control;

    @Override public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      URI url = control.control();
      JsonNode faults = null;
      String why = url == null ? "no " + control.out.resolve("control-url") + " (start one "
          + "with nines demo)" : null;
      if (url != null) {
        try {
          HttpResponse<String> r = request(url, "GET", "/demo/faults");
          faults = r.statusCode() == 200 ? JSON.readTree(r.body()).path("faults") : null;
          why = faults == null ? url + " answered " + r.statusCode() : null;
        } catch (IOException e) {
          why = url + " does not answer (" + e.getMessage() + ")";
        }
      }
      o.printf("%-15s %-31s %-7s %s%n", "NAME", "STATE", "LASTS", "WHAT");
      for (Fault f : Fault.values()) {
        String state = "-";
        String lasts = Durations.format(f.duration());
        if (faults != null) {
          for (JsonNode n : faults) {
            if (n.path("name").asText().equals(f.id())) {
              state = !n.path("available").asBoolean(true) ? "unavailable"
                  : n.path("active").asBoolean() ? "ACTIVE until "
                      + n.path("until").asText().substring(11, 19) : "idle";
              if (n.path("active").asBoolean() && n.path("target").isTextual()) {
                state = state + " " + n.path("target").asText();
              }
              lasts = Durations.format(Duration.ofMillis(Math.round(
                  n.path("durationSeconds").asDouble() * 1000)));
            }
          }
        }
        o.printf("%-15s %-31s %-7s %s%n", f.id(), state, lasts, f.description());
      }
      if (why != null) {
        o.println("\n(no running demo: " + why + "; durations are at speed 1)");
      }
      o.flush();
      return 0;
    }
  }

  /** {@code nines demo fault NAME}: plays one fault now on the running demo. */
  @Command(name = "fault", mixinStandardHelpOptions = true, description = "Play a fault now on "
      + "the running demo (POST /demo/faults/NAME on its control endpoint).")
  static final class TriggerFault implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ControlOptions control;

    @Parameters(index = "0", paramLabel = "NAME", description = "One of: courier-errors, "
        + "app-down, region-network, tracking-lag, slow-shop, cert-expiry.")
    String name;

    @Option(names = "--for", paramLabel = "DURATION", description = "How long (default: the "
        + "fault's own duration at the demo's speed).")
    String forDuration;

    @Option(names = "--region", paramLabel = "NAME", description = "For region-network: the "
        + "agent region that loses its network (default: the last, ap-south).")
    String region;

    @Override public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (Fault.of(name).isEmpty()) {
        err.println("fault '" + name + "': unknown. Expected one of " + Fault.names());
        err.flush();
        return 2;
      }
      URI url = control.control();
      if (url == null) {
        err.println(control.out.resolve("control-url") + ": not found. Expected a running "
            + "nines demo (or --url)");
        err.flush();
        return 2;
      }
      List<String> query = new java.util.ArrayList<>();
      if (forDuration != null) {
        query.add("for=" + forDuration);
      }
      if (region != null) {
        query.add("region=" + region);
      }
      String path = "/demo/faults/" + name + (query.isEmpty() ? "" : "?" + String.join("&",
          query));
      HttpResponse<String> r;
      try {
        r = request(url, "POST", path);
      } catch (IOException e) {
        err.println(url + ": does not answer (" + e.getMessage() + "). Expected a running "
            + "nines demo");
        err.flush();
        return 2;
      }
      JsonNode body = JSON.readTree(r.body());
      if (r.statusCode() != 202) {
        err.println(body.path("error").asText(r.body()));
        err.flush();
        return 1;
      }
      String on = body.path("target").isTextual() ? " on " + body.path("target").asText() : "";
      o.printf("fault %s%s: active until %s%n", name, on, body.path("until").asText());
      o.flush();
      return 0;
    }
  }
}
