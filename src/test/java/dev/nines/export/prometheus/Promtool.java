package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code promtool} (Debian package {@code prometheus}), found on PATH or at
 * {@code /usr/bin/promtool}. Without it, tests fail under CI ({@code CI=true}) and are skipped
 * elsewhere, saying how to install it.
 */
final class Promtool {
  static final String MISSING = "promtool not found on PATH or at /usr/bin/promtool. Install it "
      + "with scripts/install-test-packages.sh (Debian package prometheus)";

  /** The output and exit code of one promtool run. */
  record Run(int exit, String output) {}

  private Promtool() {}

  /** The promtool binary; fails the test under CI and skips it elsewhere when it is missing. */
  static Path require() {
    return require(locate(System.getenv("PATH"), Path.of("/usr/bin/promtool")), System.getenv("CI"));
  }

  /** {@code found}, or a failure when {@code ci} is {@code true}, or an aborted (skipped) test. */
  static Path require(Path found, String ci) {
    if (found == null && "true".equalsIgnoreCase(ci)) {
      fail(MISSING + " (CI=true: the rule tests must run)");
    }
    Assumptions.assumeTrue(found != null, MISSING);
    return found;
  }

  /** The first executable promtool in the {@code PATH} directories, else {@code fallback} if executable, else null. */
  static Path locate(String path, Path fallback) {
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return Files.isExecutable(fallback) ? fallback : null;
  }

  /** Runs {@code promtool args...} in {@code dir}. */
  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
