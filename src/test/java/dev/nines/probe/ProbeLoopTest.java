package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's schedule, on real time: the probe engine's clock in production. */
class ProbeLoopTest {
  private final ProbeLoop loop = new ProbeLoop();
  private final ProbeClock clock = loop.clock();

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void tasksRunOnTheLoopInTimeOrderAndNotBeforeTheirTime() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(4);
    Instant now = clock.now();
    Instant[] ranAt = new Instant[1];
    clock.schedule(now.plusMillis(60), () -> {
      ranAt[0] = Instant.now();
      ran.add("c " + Thread.currentThread().getName());
      all.countDown();
    });
    clock.schedule(now.plusMillis(20), () -> {
      ran.add("b");
      all.countDown();
    });
    clock.schedule(now.minusSeconds(5), () -> {
      ran.add("a: past, so at once");
      all.countDown();
    });
    clock.schedule(now.plusMillis(40), () -> {
      ran.add("b2");
      all.countDown();
    });

    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("a: past, so at once", "b", "b2",
        "c nines-probe");
    assertThat(ranAt[0]).isAfterOrEqualTo(now.plusMillis(60));
  }

  @Test
  void aCancelledTaskDoesNotRunAndAFailingOneDoesNotStopTheLoop() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch last = new CountDownLatch(1);
    Instant now = clock.now();
    ProbeClock.Cancellable cancelled = clock.schedule(now.plusMillis(10), () -> ran.add("no"));
    clock.schedule(now.plusMillis(5), () -> {
      throw new IllegalStateException("a task that fails");
    });
    clock.schedule(now.plusMillis(30), () -> {
      // Scheduled from the loop itself: runs in its turn, without a wake-up.
      clock.schedule(clock.now().plusMillis(10), () -> {
        ran.add("from the loop");
        last.countDown();
      });
    });

    cancelled.cancel();

    assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("from the loop");
  }

  @Test
  void aTaskFarInTheFutureDoesNotHoldUpOneDueSooner() throws Exception {
    CountDownLatch soon = new CountDownLatch(1);
    Instant now = clock.now();
    clock.schedule(now.plus(Duration.ofDays(365 * 300)), () -> { });
    clock.schedule(now.plusMillis(10), soon::countDown);

    assertThat(soon.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
