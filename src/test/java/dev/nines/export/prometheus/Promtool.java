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
      + "with scripts/install-prometheus.sh (Debian package prometheus)";

  /** The output and exit code of one promtool run. */
  record Run(int exit, String output) {}

  private Promtool() {}

  /** The promtool binary; fails the test under CI and skips it elsewhere when it is missing. */
  static Path require() {
    Path p = locate();
    if (p == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(MISSING + " (CI=true: the rule tests must run)");
    }
    Assumptions.assumeTrue(p != null, MISSING);
    return p;
  }

  static Path locate() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    Path usr = Path.of("/usr/bin/promtool");
    return Files.isExecutable(usr) ? usr : null;
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
