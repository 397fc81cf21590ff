package dev.nines.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.probe.Attempt;
import dev.nines.probe.CheckResult;
import dev.nines.probe.Phases;
import dev.nines.probe.StepAttempt;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static void observe(Spool spool) {
    spool.observation("health", "us-east", new Observation(FakeClock.NOW, State.OK), null);
  }

  @Test
  void aRestartedAgentGoesOnNumberingAfterItsDeliveredSegments() throws Exception {
    Spool first = new Spool(dir, "us-east");
    observe(first);
    first.cut();
    observe(first);
    first.cut();
    for (Path delivered : first.segments()) {
      Files.delete(delivered);                 // what a push does once the server has it
    }

    Spool restarted = new Spool(dir, "us-east");
    observe(restarted);
    restarted.cut();

    assertThat(restarted.segments()).extracting(Spool::seq).containsExactly(3L);
  }

  @Test
  void segmentsWaitingAfterACrashAreNumberedOnFrom() throws Exception {
    Spool first = new Spool(dir, "us-east");
    observe(first);
    first.cut();
    Files.delete(dir.resolve("last-seq"));     // as if the agent died before writing it

    Spool restarted = new Spool(dir, "us-east");
    observe(restarted);
    restarted.cut();

    assertThat(restarted.segments()).extracting(Spool::seq).containsExactly(1L, 2L);
  }

  @Test
  void aJourneyRunKeepsItsStepsOnTheWayToTheServer(@TempDir Path dir) throws Exception {
    Spool spool = new Spool(dir, "us-east");
    List<StepAttempt> steps = List.of(
        new StepAttempt("fetch-order", true, 200, null, Phases.total(180)),
        new StepAttempt("assign-courier", false, 502, "status 502", Phases.total(40)));
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    spool.attempt(new Attempt("order-to-tracking", "us-east", MonitorKind.JOURNEY,
        MonitorSpec.Depth.SHALLOW, 0, t, t, new CheckResult(false, 502,
            "step assign-courier: status 502", null, Phases.total(220), steps, null)));

    spool.cut();

    JsonNode segment = new ObjectMapper().readTree(Files.readString(spool.segments().get(0)));
    JsonNode stored = new ObjectMapper().readTree(segment.get("attempts").get(0).get("steps")
        .asText());
    assertThat(stored.toString()).isEqualTo("[{\"name\":\"fetch-order\",\"ok\":true,"
        + "\"status\":200,\"error\":\"\",\"totalMillis\":180.0},{\"name\":\"assign-courier\","
        + "\"ok\":false,\"status\":502,\"error\":\"status 502\",\"totalMillis\":40.0}]");
  }
}
