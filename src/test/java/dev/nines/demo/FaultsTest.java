package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultsTest {
  private final FakeClock clock = new FakeClock();
  private final List<String> log = new ArrayList<>();
  private final List<String> actions = new ArrayList<>();
  private final Faults faults = new Faults(clock, new DemoTime(FakeClock.NOW, 10), Runnable::run,
      log::add);

  private Faults.Action recording(String name) {
    return new Faults.Action() {
      @Override public void start() {
        actions.add(name + " start");
      }

      @Override public void end() {
        actions.add(name + " end");
      }
    };
  }

  @Test
  void aFaultLastsItsSimulatedDurationAtTheDemosSpeed() {
    Faults.State s = faults.trigger(Fault.APP_DOWN, null);
    assertThat(s.active()).isTrue();
    assertThat(s.until()).isEqualTo(FakeClock.NOW.plusSeconds(12));   // 2 min at speed 10
    clock.advance(Duration.ofSeconds(11));
    assertThat(faults.active(Fault.APP_DOWN)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(faults.active(Fault.APP_DOWN)).isFalse();
  }

  @Test
  void startingAndEndingAFaultRunItsActionOnceEach() {
    faults.onFault(Fault.APP_DOWN, recording("app-down"));
    faults.trigger(Fault.APP_DOWN, Duration.ofSeconds(30));
    faults.tick();
    clock.advance(Duration.ofSeconds(30));
    faults.tick();
    faults.tick();
    assertThat(actions).containsExactly("app-down start", "app-down end");
    assertThat(faults.state(Fault.APP_DOWN).active()).isFalse();
    assertThat(faults.state(Fault.APP_DOWN).times()).isEqualTo(1);
    assertThat(log).containsExactly("fault app-down: started for 30s: " + Fault.APP_DOWN
        .description(), "fault app-down: ended");
  }

  @Test
  void triggeringAnActiveFaultExtendsItWithoutStartingItAgain() {
    faults.onFault(Fault.REGION_NETWORK, recording("region"));
    faults.trigger(Fault.REGION_NETWORK, Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    Faults.State s = faults.trigger(Fault.REGION_NETWORK, Duration.ofSeconds(30));
    assertThat(s.since()).isEqualTo(FakeClock.NOW);
    assertThat(s.until()).isEqualTo(FakeClock.NOW.plusSeconds(50));
    assertThat(actions).containsExactly("region start");
  }

  @Test
  void anUnavailableFaultIsRefusedWithItsReason() {
    faults.unavailable(Fault.REGION_NETWORK, "no agent regions (--no-agents)");
    assertThatThrownBy(() -> faults.trigger(Fault.REGION_NETWORK, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("region-network: cannot be played here: no agent regions (--no-agents)");
    assertThat(faults.state(Fault.REGION_NETWORK).unavailable())
        .isEqualTo("no agent regions (--no-agents)");
  }

  @Test
  void anActionThatFailsIsLoggedAndTheFaultStillEnds() {
    faults.onFault(Fault.CERT_EXPIRY, new Faults.Action() {
      @Override public void start() throws Exception {
        throw new java.io.IOException("keytool failed");
      }

      @Override public void end() {}
    });
    faults.trigger(Fault.CERT_EXPIRY, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    faults.tick();
    assertThat(log).contains("fault cert-expiry: could not start: java.io.IOException: "
        + "keytool failed", "fault cert-expiry: ended");
  }

  @Test
  void thePlatformSeesOnlyTheFaultsInForce() {
    assertThat(faults.shopSlow()).isFalse();
    assertThat(faults.trackingLagging()).isFalse();
    assertThat(faults.courierErrorRatio()).isZero();
    faults.trigger(Fault.SLOW_SHOP, Duration.ofSeconds(10));
    faults.trigger(Fault.TRACKING_LAG, Duration.ofSeconds(20));
    assertThat(faults.shopSlow()).isTrue();
    assertThat(faults.trackingLagging()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(faults.shopSlow()).isFalse();
    assertThat(faults.trackingLagging()).isTrue();
  }

  @ParameterizedTest(name = "at {0} of the fault {1} of courier calls fail")
  @CsvSource({"0.0, 0.05", "0.5, 0.05", "0.6, 0.05", "0.8, 0.125", "1.0, 0.20"})
  void courierErrorsStayAtFivePercentThenWorsenTowardsTheEnd(double progress, double ratio) {
    assertThat(Faults.courierErrorRatio(progress)).isCloseTo(ratio, within(1e-12));
  }

  @Test
  void courierErrorsFollowTheFaultsProgress() {
    faults.trigger(Fault.COURIER_ERRORS, Duration.ofSeconds(100));
    clock.advance(Duration.ofSeconds(80));
    assertThat(faults.courierErrorRatio()).isCloseTo(0.125, within(1e-9));
  }
}
