package dev.nines.probe;

import dev.nines.uptime.Observation;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's sink: counts the attempts planned inside the measured window, their failures
 * and their start lags; everything else is dropped.
 */
final class BenchSink implements ProbeSink {
  final LagHistogram lags = new LagHistogram();
  private final Instant from;
  private final Instant to;
  private final LongAdder done = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  BenchSink(Instant from, Instant to) {
    this.from = from;
    this.to = to;
  }

  @Override public void attempt(Attempt a) {
    if (a.planned().isBefore(from) || !a.planned().isBefore(to)) {
      return;
    }
    done.increment();
    lags.record(a.lag());
    if (!a.ok()) {
      failed.increment();
      firstFailure.compareAndSet(null, a.monitor() + ": " + a.error());
    }
  }

  @Override public void observation(String monitor, String region, Observation o,
      String message) {
    // The benchmark measures attempts only.
  }

  long done() {
    return done.sum();
  }

  long failed() {
    return failed.sum();
  }

  String firstFailure() {
    return firstFailure.get();
  }
}
