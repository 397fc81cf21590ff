package dev.nines.model;

import java.util.Map;

/** The page or the ticket alert of an SLO: whether it fires, and the labels and annotations it carries. */
public record AlertTarget(boolean enabled, Map<String, String> labels,
    Map<String, String> annotations) {
  /** Enabled, with no extra labels or annotations. */
  public static final AlertTarget ENABLED = new AlertTarget(true, Map.of(), Map.of());

  public AlertTarget {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
