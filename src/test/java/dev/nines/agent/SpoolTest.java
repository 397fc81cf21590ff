package dev.nines.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
