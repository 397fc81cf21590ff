package dev.nines.spec;

import dev.nines.model.Spec;
import java.util.List;
import java.util.Map;

/**
 * A spec read from a file, with where each item was written (keyed by path such as
 * {@code slos[3]}) so later checks such as the linter can point at it, and the warnings found.
 */
public record ParsedSpec(Spec spec, Map<String, Location> locations, List<Problem> warnings) {
  public ParsedSpec {
    locations = Map.copyOf(locations);
    warnings = List.copyOf(warnings);
  }

  /** Where the item at {@code path} was written, or the file start. */
  public Location locationOf(String path, String file) {
    return locations.getOrDefault(path, new Location(file, 1, 1));
  }
}
