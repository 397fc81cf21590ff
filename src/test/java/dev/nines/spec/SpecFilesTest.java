package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {
  @TempDir Path dir;

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private static String refusal(Path f) {
    try {
      SpecFiles.read(f);
      throw new AssertionError("read " + f);
    } catch (SpecFiles.UnreadableException e) {
      return e.getMessage();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void utf16IsNotUtf8TextAtItsByteOrderMark() throws Exception {
    Path f = file("u16.yaml", "apiVersion: nines/v1\n".getBytes(StandardCharsets.UTF_16));
    assertThat(refusal(f)).isEqualTo(f + ": not UTF-8 text (byte 0xfe at offset 0)");
  }

  @Test
  void gzipIsNotUtf8TextAtItsSecondByte() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write("apiVersion: nines/v1\n".getBytes(StandardCharsets.UTF_8));
    }
    Path f = file("spec.yaml.gz", b.toByteArray());
    assertThat(refusal(f)).isEqualTo(f + ": not UTF-8 text (byte 0x8b at offset 1)");
  }

  @Test
  void latin1AndBinaryAreNotUtf8Text() throws Exception {
    Path latin = file("latin.yaml", "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(refusal(latin)).isEqualTo(latin + ": not UTF-8 text (byte 0xe9 at offset 9)");
    Path binary = file("x.bin", new byte[] {'a', ':', ' ', 0, 1, 2});
    assertThat(refusal(binary)).isEqualTo(binary + ": not UTF-8 text (byte 0x00 at offset 3)");
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() throws Exception {
    Path f = file("bom.yaml", ("\uFEFFa: 1\n").getBytes(StandardCharsets.UTF_8));
    assertThat(SpecFiles.read(f)).isEqualTo("a: 1\n");
  }

  @Test
  void aFileOverTheLimitIsRefusedUnread() throws Exception {
    Path f = file("big.yaml", new byte[SpecFiles.MAX_BYTES + 1]);
    assertThat(refusal(f)).isEqualTo(f + ": " + (SpecFiles.MAX_BYTES + 1) + " bytes is over the "
        + "limit of " + SpecFiles.MAX_BYTES + " bytes. Expected a spec of at most 8 MiB");
  }

  @Test
  void aMissingFileAndADirectoryAreNamed() {
    assertThat(refusal(dir.resolve("nope.yaml"))).isEqualTo(dir.resolve("nope.yaml")
        + ": no such file");
    assertThat(refusal(dir)).isEqualTo(dir + ": is a directory. Expected a spec file");
    assertThatThrownBy(() -> SpecFiles.read(dir)).isInstanceOf(java.io.IOException.class);
  }
}
