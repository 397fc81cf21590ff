package dev.nines.agent;

import dev.nines.model.MonitorSpec;
import dev.nines.probe.ProbeEngine;
import dev.nines.probe.ProbeSink;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A probe region outside the server ({@code nines agent}): fetches the monitors assigned to
 * its region, runs them, spools results to disk and pushes them in order with an idempotency
 * key per segment, so a crash, a restart or a server outage leaves no gap and no duplicate.
 * The last assignments are kept on disk too, so an agent restarted while the server is down
 * goes on probing.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  /** How an agent runs. */
  public record Config(URI server, String region, String token, Path spoolDir,
      Duration pushInterval, Duration assignmentsInterval) {}

  private final Config config;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Spool spool;
  private final ProbeEngine engine;
  private final String agentId;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("nines-agent").daemon(true).factory());
  private String assignments = "";

  /** Starts probing and pushing. */
  public Agent(Config config) throws IOException {
    this(config, sink -> ProbeEngine.start(config.region(), sink));
  }

  /** An agent whose engine {@code engines} makes for its spool, for tests. */
  Agent(Config config, Function<ProbeSink, ProbeEngine> engines) throws IOException {
    this.config = config;
    this.spool = new Spool(config.spoolDir(), config.region());
    this.agentId = agentId(config.spoolDir());
    this.engine = engines.apply(spool);
    Path saved = config.spoolDir().resolve("assignments.yaml");
    if (Files.exists(saved)) {
      apply(Files.readString(saved), false);
    }
    refreshQuietly();
    long push = config.pushInterval().toMillis();
    timer.scheduleWithFixedDelay(this::pushQuietly, push, push, TimeUnit.MILLISECONDS);
    long refresh = config.assignmentsInterval().toMillis();
    timer.scheduleWithFixedDelay(this::refreshQuietly, refresh, refresh, TimeUnit.MILLISECONDS);
  }

  /**
   * Fetches the assignments; whatever goes wrong is logged and the current monitors go on
   * (an exception escaping a scheduled task would end the schedule for good).
   */
  private void refreshQuietly() {
    try {
      refreshAssignments();
    } catch (RuntimeException e) {
      LOG.error("assignments: refreshing failed; keeping the current monitors and trying again "
          + "in {}", dev.nines.model.Durations.format(config.assignmentsInterval()), e);
    }
  }

  private static String agentId(Path dir) throws IOException {
    Path f = dir.resolve("agent-id");
    if (!Files.exists(f)) {
      Files.writeString(f, UUID.randomUUID().toString());
    }
    return Files.readString(f).strip();
  }

  /** The monitors this agent runs now. */
  public List<String> monitors() {
    return engine.monitors();
  }

  private void refreshAssignments() {
    try {
      HttpRequest req = HttpRequest.newBuilder(config.server().resolve(
          "/api/v1/agent/assignments?region=" + config.region()))
          .header("Authorization", "Bearer " + config.token()).timeout(Duration.ofSeconds(10))
          .GET().build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        LOG.warn("assignments: server answered {}: {}", r.statusCode(), r.body());
        return;
      }
      apply(r.body(), true);
    } catch (IOException e) {
      LOG.info("assignments: server unreachable ({}); keeping the current monitors", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void apply(String yaml, boolean save) throws IOException {
    if (yaml.equals(assignments)) {
      return;
    }
    List<MonitorSpec> monitors;
    try {
      monitors = SpecReader.read("assignments", yaml).spec().monitors();
    } catch (SpecException e) {
      LOG.error("assignments are not a valid spec: {}", e.getMessage());
      return;
    }
    engine.update(monitors);
    assignments = yaml;
    if (save) {
      Path tmp = config.spoolDir().resolve("assignments.tmp");
      Files.writeString(tmp, yaml);
      Files.move(tmp, config.spoolDir().resolve("assignments.yaml"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    LOG.info("running {} monitors for region {}", monitors.size(), config.region());
  }

  private void pushQuietly() {
    try {
      spool.cut();
      push();
    } catch (IOException e) {
      LOG.info("push paused: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("push failed", e);
    }
  }

  /** Pushes spooled segments in order until one fails; returns how many were delivered. */
  int push() throws IOException, InterruptedException {
    int delivered = 0;
    for (Path segment : spool.segments()) {
      HttpRequest req = HttpRequest.newBuilder(config.server().resolve("/api/v1/agent/results"))
          .header("Authorization", "Bearer " + config.token())
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", agentId + ":" + Spool.seq(segment))
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofFile(segment)).build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 202) {
        Files.delete(segment);
        delivered++;
      } else if (r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429
          && r.statusCode() != 401) {
        Path rejected = Files.createDirectories(spool.dir().resolve("rejected"));
        Files.move(segment, rejected.resolve(segment.getFileName()));
        LOG.error("segment {} rejected ({}): {}", segment.getFileName(), r.statusCode(), r.body());
      } else {
        LOG.info("server answered {}; will retry", r.statusCode());
        break;
      }
    }
    return delivered;
  }

  @Override public void close() {
    engine.close();
    timer.shutdownNow();
    try {
      spool.cut();
      push();
    } catch (IOException e) {
      LOG.info("results stay spooled in {}: {}", spool.dir(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
