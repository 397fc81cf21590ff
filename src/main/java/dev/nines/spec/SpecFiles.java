package dev.nines.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Spec files as text, checked before any parsing: at most {@link #MAX_BYTES}, UTF-8 (a byte
 * order mark is skipped), and no NUL byte. Whatever fails is an {@link UnreadableException}
 * whose message is the whole line to print, {@code FILE: not UTF-8 text (byte 0xfe at offset
 * 0)}; the commands exit 2 for it, as for any unreadable input.
 */
public final class SpecFiles {
  /** The largest spec read: 8 MiB, about 28,000 SLOs (10,000 SLOs and monitors are 3 MB). */
  public static final int MAX_BYTES = 8 << 20;

  /** A file that cannot be a spec: missing, a directory, too large, or not UTF-8 text. */
  public static final class UnreadableException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }

  private SpecFiles() {}

  /**
   * The text of {@code file}.
   *
   * @throws UnreadableException naming the file and what is wrong with it
   */
  public static String read(Path file) throws UnreadableException {
    if (Files.isDirectory(file)) {
      throw new UnreadableException(file + ": is a directory. Expected a spec file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        long size = Files.size(file);
        throw new UnreadableException(file + ": " + size + " bytes is over the limit of "
            + MAX_BYTES + " bytes. Expected a spec of at most 8 MiB");
      }
    } catch (NoSuchFileException e) {
      throw new UnreadableException(file + ": no such file");
    } catch (UnreadableException e) {
      throw e;
    } catch (IOException e) {
      throw new UnreadableException(file + ": cannot read: " + e.getMessage());
    }
    return decode(file.toString(), bytes);
  }

  /**
   * {@code bytes} as UTF-8 text.
   *
   * @param name the file name for the message
   * @throws UnreadableException at the first byte that is not UTF-8 text
   */
  public static String decode(String name, byte[] bytes) throws UnreadableException {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      throw notText(name, bytes, in.position());
    }
    d.flush(out);
    out.flip();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw notText(name, bytes, i);
      }
    }
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static UnreadableException notText(String name, byte[] bytes, int offset) {
    return new UnreadableException(name + ": not UTF-8 text (byte 0x"
        + String.format("%02x", bytes[offset] & 0xff) + " at offset " + offset + ")");
  }
}
