package dev.nines.bench;

import java.util.Arrays;

/** Wall-clock samples of one measured operation, summarised by their median. */
public record Timings(String name, double[] millis) {

  /** Runs {@code op} {@code warmup} times unmeasured, then {@code runs} times measured. */
  public static Timings measure(String name, int warmup, int runs, Runnable op) {
    for (int i = 0; i < warmup; i++) {
      op.run();
    }
    double[] out = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      op.run();
      out[i] = (System.nanoTime() - t0) / 1e6;
    }
    return new Timings(name, out);
  }

  public double median() {
    double[] s = millis.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  public double min() {
    return Arrays.stream(millis).min().orElse(0);
  }

  public double max() {
    return Arrays.stream(millis).max().orElse(0);
  }

  @Override public String toString() {
    return String.format("%-44s median %9.2f ms  (min %.2f, max %.2f, n=%d)", name, median(),
        min(), max(), millis.length);
  }
}
