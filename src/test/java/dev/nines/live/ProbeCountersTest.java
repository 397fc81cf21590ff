package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.probe.Attempt;
import dev.nines.probe.CheckResult;
import dev.nines.probe.Phases;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeCountersTest {
  @Test
  void phasesFallInTheBucketsLatencyHistogramDefines() {
    ProbeCounters counters = new ProbeCounters();
    counters.record(new Attempt("m", "eu", MonitorKind.HTTP, MonitorSpec.Depth.SHALLOW, 0,
        Instant.EPOCH, Instant.EPOCH, CheckResult.passed(200, new Phases(5, 5.5, -1, 100, 250))));
    long[] dns = counters.snapshot().get(0).phases().get(0).cumulative();
    long[] connect = counters.snapshot().get(0).phases().get(1).cumulative();
    long[] tls = counters.snapshot().get(0).phases().get(2).cumulative();

    // 5 ms is in the 5 ms bucket (le="0.005"); 5.5 ms in the next one; no TLS, no observation.
    assertThat(dns[0]).isEqualTo(1);
    assertThat(connect[0]).isZero();
    assertThat(connect[1]).isEqualTo(1);
    assertThat(tls[tls.length - 1]).isZero();
  }
}
