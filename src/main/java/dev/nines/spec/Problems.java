package dev.nines.spec;

import java.util.ArrayList;
import java.util.List;

/** A collector of problems found while reading a spec, so one pass reports them all. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void error(Location at, String path, String message) {
    list.add(new Problem(Problem.Level.ERROR, at, path, message));
  }

  public void warning(Location at, String path, String message) {
    list.add(new Problem(Problem.Level.WARNING, at, path, message));
  }

  public void addAll(List<Problem> problems) {
    list.addAll(problems);
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(p -> p.level() == Problem.Level.ERROR);
  }

  /** All problems in file order. */
  public List<Problem> sorted() {
    return list.stream().sorted(Problem.BY_LOCATION).toList();
  }

  /** Throws a {@link SpecException} with every problem if any is an error. */
  public void throwIfErrors() throws SpecException {
    if (hasErrors()) {
      throw new SpecException(sorted());
    }
  }
}
