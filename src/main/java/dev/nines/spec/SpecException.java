package dev.nines.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used, with every problem found in one pass. */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public SpecException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, errors and warnings, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
