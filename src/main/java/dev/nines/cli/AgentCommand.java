package dev.nines.cli;

import dev.nines.agent.Agent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nines agent}: a probe region that reports to a Nines server. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run the monitors assigned to a region and push results to the server. "
        + "Results wait on disk while the server is unreachable and are replayed in order.")
final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, "
      + "e.g. http://nines.internal:8080")
  URI server;

  @Option(names = "--region", required = true, paramLabel = "NAME", description = "This "
      + "agent's region (one of the spec's regions).")
  String region;

  @Option(names = "--token", paramLabel = "T", defaultValue = "${env:NINES_AGENT_TOKEN}",
      description = "API token with the agent scope. Env: NINES_AGENT_TOKEN.")
  String token;

  @Option(names = "--spool", paramLabel = "DIR", description = "Where unsent results wait "
      + "(default ./agent-spool-REGION).")
  Path spool;

  @Option(names = "--push-interval", defaultValue = "1s", paramLabel = "D",
      description = "How often results are pushed (default 1s).")
  String pushInterval;

  @Option(names = "--parent-pid", paramLabel = "PID", hidden = true, description = "Stop when "
      + "process PID exits (nines demo starts its agents so, so that none outlives a killed demo).")
  Long parentPid;

  @Override public Integer call() throws Exception {
    if (parentPid != null) {
      // System.exit runs the shutdown hook below: the agent pushes what it spooled, then stops.
      ProcessHandle.of(parentPid).ifPresentOrElse(
          p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
    if (token == null || token.isBlank()) {
      spec.commandLine().getErr().println("--token: is required (or NINES_AGENT_TOKEN)");
      spec.commandLine().getErr().flush();
      return 2;
    }
    Path dir = spool != null ? spool : Path.of("agent-spool-" + region);
    Agent agent = new Agent(new Agent.Config(server, region, token, dir,
        dev.nines.model.Durations.parse(pushInterval), Duration.ofSeconds(30)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "nines-agent-shutdown"));
    spec.commandLine().getOut().printf("nines agent: region %s, server %s, spool %s%n", region,
        server, dir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}
