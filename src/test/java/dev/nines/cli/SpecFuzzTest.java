package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nines.spec.SpecReader;
import dev.nines.spec.openslo.OpenSloWriter;
import dev.nines.testing.Mutator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of spec input in all three formats (native, OpenSLO, Sloth) through the
 * commands a user runs: every mutant ends in exit 0, 1 or 2 within seconds, prints no stack
 * trace, and every problem it reports is located ({@code FILE:LINE:COL: ...}). A failure
 * names the seed and the case, which replay it.
 */
class SpecFuzzTest {
  /** The seed; -Dnines.fuzz.seed=N explores others (a failure names the seed to replay). */
  static final long SEED = Long.getLong("nines.fuzz.seed", 9);
  static final Duration PER_CASE = Duration.ofSeconds(10);
  @TempDir Path dir;

  private static String nativeSeed() throws Exception {
    return Files.readString(Path.of("examples/logistics.yaml"));
  }

  private static String openSloSeed() throws Exception {
    return OpenSloWriter.write(SpecReader.read(Path.of("examples/logistics.yaml")).spec());
  }

  private static String slothSeed() throws Exception {
    return Files.readString(Path.of("src/test/resources/fuzz/sloth.yaml"));
  }

  @Test
  void mutatedNativeSpecsAreValidatedCleanly() throws Exception {
    fuzz("native", nativeSeed(), 120, f -> List.of(List.of("validate", f), List.of("lint", f)));
  }

  @Test
  void mutationsOfASpecWithEveryFieldAreValidatedCleanly() throws Exception {
    fuzz("every-field", Files.readString(Path.of("src/test/resources/spec/every-field.yaml")),
        80, f -> List.of(List.of("validate", f), List.of("rules", f, "-o", f + ".rules.yaml")));
  }

  @Test
  void mutatedOpenSloDocumentsAreImportedCleanly() throws Exception {
    fuzz("openslo", openSloSeed(), 80, f -> List.of(List.of("import", "openslo", f),
        List.of("rules", f, "-o", f + ".rules.yaml")));
  }

  @Test
  void mutatedSlothSpecsAreImportedCleanly() throws Exception {
    fuzz("sloth", slothSeed(), 100, f -> List.of(List.of("import", "sloth", f),
        List.of("rules", f, "-o", f + ".rules.yaml")));
  }

  interface Commands {
    List<List<String>> of(String file);
  }

  private void fuzz(String format, String seed, int cases, Commands commands) throws Exception {
    Mutator m = new Mutator(SEED + format.hashCode());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      Path file = dir.resolve(format + "-" + i + ".yaml");
      Files.write(file, m.bytes(seed));
      for (List<String> args : commands.of(file.toString())) {
        String what = format + " case " + i + " (seed " + SEED + "): nines " + String.join(" ",
            args) + "\n--- input ---\n" + Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        CliRun run = assertTimeoutPreemptively(PER_CASE,
            () -> CliRun.of(args.toArray(String[]::new)), what);
        String problem = problem(run, file.toString());
        if (problem != null) {
          failures.add(problem + "\n" + what + "\n--- err ---\n" + run.err());
        }
      }
    }
    assertThat(failures).as("%d of %d cases failed; the first:%n%s", failures.size(), cases,
        failures.isEmpty() ? "" : failures.get(0)).isEmpty();
  }

  /** What is wrong with a run, or null when it is clean. */
  static String problem(CliRun run, String file) {
    if (run.exit() < 0 || run.exit() > 2) {
      return "exit " + run.exit();
    }
    for (String marker : List.of("\tat ", "Exception", "com.fasterxml", "org.yaml", "snakeyaml")) {
      if ((run.err() + run.out()).contains(marker)) {
        return "printed " + marker;
      }
    }
    Pattern located = Pattern.compile("\\s*" + Pattern.quote(file) + ":\\d+:\\d+: .+");
    Pattern summary = Pattern.compile(Pattern.quote(file) + ": \\d+ errors?");
    List<String> unlocated = new ArrayList<>();
    for (String line : run.err().lines().toList()) {
      boolean ok = located.matcher(line).matches() || summary.matcher(line).matches()
          || line.equals("the imported spec is not valid on its own:")
          || line.startsWith("OpenSLO carries no monitors")
          || line.equals("wrote " + file + ".rules.yaml")
          || line.startsWith("warning: ")               // advice of the rules generator
          || run.exit() == 2 && line.startsWith(file + ": ");
      if (!ok) {
        unlocated.add(line);
      }
    }
    return unlocated.isEmpty() ? null : "unlocated: " + unlocated;
  }
}
