package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** How the rule tests find promtool, and what they do without it. */
class PromtoolLocationTest {

  @Test
  void promtoolIsFoundOnThePathBeforeTheFallback(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path tool = Files.createFile(bin.resolve("promtool"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(Promtool.locate(dir + ":" + bin, Path.of("/usr/bin/promtool"))).isEqualTo(tool);
  }

  @Test
  void withoutPromtoolAnywhereNothingIsFound(@TempDir Path dir) {
    assertThat(Promtool.locate(dir.toString(), dir.resolve("missing"))).isNull();
  }

  @Test
  void aMissingPromtoolFailsUnderCi() {
    assertThatThrownBy(() -> Promtool.require(null, "true")).isInstanceOf(AssertionError.class)
        .hasMessage(Promtool.MISSING + " (CI=true: the rule tests must run)");
  }

  @Test
  void aMissingPromtoolSkipsElsewhereWithTheReason() {
    assertThatThrownBy(() -> Promtool.require(null, null)).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("promtool not found on PATH or at /usr/bin/promtool. Install it with "
            + "scripts/install-test-packages.sh");
  }
}
