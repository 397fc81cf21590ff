package dev.nines.spec;

import java.util.Comparator;

/**
 * One finding about a spec: an error that makes it unusable, or a lint warning. Printed as
 * {@code FILE:LINE:COL: path: message}.
 *
 * @param path the field in the spec, e.g. {@code slos[2].target}
 */
public record Problem(Level level, Location location, String path, String message) {

  /** Orders problems by file, line and column, the order an editor shows them. */
  public static final Comparator<Problem> BY_LOCATION = Comparator
      .comparing((Problem p) -> p.location().file())
      .thenComparingInt(p -> p.location().line())
      .thenComparingInt(p -> p.location().column());

  /** Errors reject the spec; warnings only advise. */
  public enum Level { ERROR, WARNING }

  @Override public String toString() {
    String where = location + ": " + (path == null || path.isEmpty() ? "" : path + ": ");
    return where + (level == Level.WARNING ? "warning: " : "") + message;
  }
}
