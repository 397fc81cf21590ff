package dev.nines.spec;

/** A place in a spec file, 1-based line and column, printed as {@code file:line:col}. */
public record Location(String file, int line, int column) {
  @Override public String toString() {
    return file + ":" + line + ":" + column;
  }
}
