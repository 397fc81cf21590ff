package dev.nines.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared conformance fixtures, in {@code ../shared/fixtures} next to the project (or /work/shared). */
public final class Fixtures {
  private static final Path SHARED = locate();

  private Fixtures() {}

  private static Path locate() {
    Path sibling = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("shared");
    return Files.isDirectory(sibling.resolve("fixtures")) ? sibling : Path.of("/work/shared");
  }

  /** The path of a fixture, e.g. {@code openslo/spec-occurrences-slo.yaml}. */
  public static Path path(String relative) {
    return SHARED.resolve("fixtures").resolve(relative);
  }

  /** The text of a fixture. */
  public static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file name of a fixture, as readers put it in locations. */
  public static String name(String relative) {
    return path(relative).getFileName().toString();
  }
}
