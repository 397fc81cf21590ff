package dev.nines.export.grafana;

import java.util.List;

/**
 * A dashboard panel: its type, title, size in grid units (24 wide), queries, and how values
 * show (unit, range, colour steps, value texts). A text panel carries markdown and no
 * queries; a row panel only a title.
 *
 * @param steps colour thresholds, lowest first; the first applies from minus infinity
 * @param mappings value texts, e.g. 2 shown as ERROR in red
 */
record Panel(String type, String title, int width, int height, List<Target> targets, String unit,
    Double min, Double max, List<Step> steps, List<Mapping> mappings, String markdown) {
  public Panel {
    targets = List.copyOf(targets);
    steps = List.copyOf(steps);
    mappings = List.copyOf(mappings);
    if (width < 1 || width > 24) {
      throw new IllegalArgumentException("panel " + title + " is " + width + " wide. Expected 1 to 24");
    }
  }

  /** A colour from {@code value} upwards (null: from minus infinity). */
  record Step(String color, Double value) {}

  /** A value shown as {@code text} in {@code color}. */
  record Mapping(int value, String text, String color) {}

  static Panel of(String type, String title, int width, int height, String unit, Target... targets) {
    return new Panel(type, title, width, height, List.of(targets), unit, null, null, List.of(),
        List.of(), null);
  }

  static Panel timeseries(String title, int width, String unit, Target... targets) {
    return of("timeseries", title, width, 8, unit, targets);
  }

  static Panel stat(String title, int width, String unit, Target... targets) {
    return of("stat", title, width, 4, unit, targets);
  }

  static Panel row(String title) {
    return of("row", title, 24, 1, null);
  }

  static Panel text(String title, int width, int height, String markdown) {
    return new Panel("text", title, width, height, List.of(), null, null, null, List.of(),
        List.of(), markdown);
  }

  Panel withRange(Double low, Double high) {
    return new Panel(type, title, width, height, targets, unit, low, high, steps, mappings, markdown);
  }

  Panel withSteps(Step... s) {
    return new Panel(type, title, width, height, targets, unit, min, max, List.of(s), mappings,
        markdown);
  }

  Panel withMappings(Mapping... m) {
    return new Panel(type, title, width, height, targets, unit, min, max, steps, List.of(m),
        markdown);
  }

  /** Green when at least 25 % of the budget is left, orange above 0, red when overspent. */
  static Step[] budgetSteps() {
    return new Step[] {new Step("red", null), new Step("orange", 0.0), new Step("green", 0.25)};
  }
}
