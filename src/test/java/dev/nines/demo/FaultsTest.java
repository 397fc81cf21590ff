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
      @Override public void start(String target) {
        actions.add(name + " start" + (target == null ? "" : " " + target));
      }

      @Override public void end(String target) {
        actions.add(name + " end" + (target == null ? "" : " " + target));
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
    faults.onFault(Fault.SLOW_SHOP, recording("shop"));
    faults.trigger(Fault.SLOW_SHOP, Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20));
    Faults.State s = faults.trigger(Fault.SLOW_SHOP, Duration.ofSeconds(30));
    assertThat(s.since()).isEqualTo(FakeClock.NOW);
    assertThat(s.until()).isEqualTo(FakeClock.NOW.plusSeconds(50));
    assertThat(actions).containsExactly("shop start");
  }

  @Test
  void regionNetworkHitsTheLastRegionUnlessTold() {
    faults.targets(Fault.REGION_NETWORK, java.util.List.of("us-east", "ap-south"));
    faults.onFault(Fault.REGION_NETWORK, recording("region"));
    assertThat(faults.trigger(Fault.REGION_NETWORK, Duration.ofSeconds(10)).target())
        .isEqualTo("ap-south");
    clock.advance(Duration.ofSeconds(10));
    faults.tick();
    assertThat(faults.trigger(Fault.REGION_NETWORK, Duration.ofSeconds(10), "us-east").target())
        .isEqualTo("us-east");
    assertThat(actions).containsExactly("region start ap-south", "region end ap-south",
        "region start us-east");
    assertThat(log).contains("fault region-network on ap-south: ended");
  }

  @Test
  void aRegionThatIsNotATargetOrAnotherRegionWhileOneIsCutIsRefused() {
    faults.targets(Fault.REGION_NETWORK, java.util.List.of("us-east", "ap-south"));
    assertThatThrownBy(() -> faults.trigger(Fault.REGION_NETWORK, null, "eu-central"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("region-network: 'eu-central' is not a target. Expected one of us-east, "
            + "ap-south");
    faults.trigger(Fault.REGION_NETWORK, Duration.ofSeconds(30), "us-east");
    assertThatThrownBy(() -> faults.trigger(Fault.REGION_NETWORK, null, "ap-south"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("region-network: active on us-east until 2026-11-18T10:30:30Z. Expected it "
            + "to end before it hits ap-south");
    assertThatThrownBy(() -> faults.trigger(Fault.APP_DOWN, null, "us-east"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("app-down: 'us-east' given. Expected no target for this fault");
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
      @Override public void start(String target) throws Exception {
        throw new java.io.IOException("keytool failed");
      }

      @Override public void end(String target) {}
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
