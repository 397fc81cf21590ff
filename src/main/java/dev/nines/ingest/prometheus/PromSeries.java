package dev.nines.ingest.prometheus;

import java.util.List;
import java.util.Map;

/**
 * One series of a Prometheus query result: its labels and its values in time order. An
 * instant query gives each series one point; a scalar result is one series without labels.
 */
public record PromSeries(Map<String, String> labels, List<Point> points) {
  public PromSeries {
    labels = Map.copyOf(labels);
    points = List.copyOf(points);
  }

  /**
   * One sample of a result.
   *
   * @param epochSecond evaluation time in whole seconds since the epoch
   * @param value as Prometheus gave it; may be NaN or infinite
   */
  public record Point(long epochSecond, double value) {}
}
