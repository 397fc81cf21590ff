package dev.nines.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The page or the ticket alert of an SLO: whether it fires, the labels and annotations it
 * carries, and how long its condition must hold before it fires ({@code for}, as in
 * Prometheus: pending until then).
 */
public record AlertTarget(boolean enabled, Map<String, String> labels,
    Map<String, String> annotations, Duration forDuration) {
  /** Enabled, with no extra labels or annotations, firing at once. */
  public static final AlertTarget ENABLED = new AlertTarget(true, Map.of(), Map.of());

  public AlertTarget {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(forDuration, "forDuration");
    if (forDuration.isNegative()) {
      throw new IllegalArgumentException("for " + forDuration + " is negative. Expected 0 or more");
    }
  }

  /** A target that fires as soon as its condition holds. */
  public AlertTarget(boolean enabled, Map<String, String> labels,
      Map<String, String> annotations) {
    this(enabled, labels, annotations, Duration.ZERO);
  }
}
