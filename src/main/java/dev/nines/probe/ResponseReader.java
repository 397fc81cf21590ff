package dev.nines.probe;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One HTTP/1.1 response read from bytes as they arrive, for {@link ProbeLoop}: the status line
 * and headers (informational 1xx answers skipped), then the body as the headers frame it
 * (none for HEAD, 204 and 304; {@code Content-Length}; chunked; or up to the end of the
 * connection), of which the first {@code maxBodyBytes} are kept. The response is complete once
 * its framing says so or the kept body is full: a check needs no more.
 */
final class ResponseReader {
  /** Bytes of status line and headers accepted, as OkHttp's limit. */
  static final int MAX_HEAD_BYTES = 256 * 1024;

  private enum Framing { NONE, LENGTH, CHUNKED, TO_CLOSE }

  private enum Chunk { SIZE, DATA, DATA_END, TRAILERS }

  private final boolean head;
  private final int maxBodyBytes;
  private byte[] buf = new byte[512];
  private int len;
  private int pos;
  private int headBytes;
  private int status = -1;
  private String contentType;
  private String location;
  private Framing framing;
  private boolean chunked;
  /** Body bytes still to come by Content-Length or in the chunk; -1 for no length. */
  private long left = -1;
  private Chunk chunk = Chunk.SIZE;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private boolean complete;

  /** A reader for the answer to a request; {@code head} when the request was HEAD. */
  ResponseReader(boolean head, int maxBodyBytes) {
    this.head = head;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The status code, or -1 until the final status line has been read. */
  int status() {
    return framing == null ? -1 : status;
  }

  /** The {@code Content-Type} header, or null. */
  String contentType() {
    return contentType;
  }

  /** The {@code Location} header, or null. */
  String location() {
    return location;
  }

  /** The kept body bytes. */
  byte[] body() {
    return body.toByteArray();
  }

  boolean complete() {
    return complete;
  }

  /**
   * Takes the bytes remaining in {@code in}.
   *
   * @return true when the response is complete (bytes after it are ignored)
   * @throws ProtocolException for a response that is not HTTP/1.x or breaks its framing
   */
  boolean feed(ByteBuffer in) throws ProtocolException {
    if (complete) {
      in.position(in.limit());
      return true;
    }
    int n = in.remaining();
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
    in.get(buf, len, n);
    len += n;
    while (!complete && step()) {
      // Each step consumes a line or a run of body bytes.
    }
    if (pos == len) {
      pos = 0;
      len = 0;
    } else if (pos > buf.length / 2) {
      System.arraycopy(buf, pos, buf, 0, len - pos);
      len -= pos;
      pos = 0;
    }
    return complete;
  }

  /**
   * The server closed the connection.
   *
   * @return true when that ends the response (a body framed by the close)
   * @throws ProtocolException when the response was cut off
   */
  boolean end() throws ProtocolException {
    if (complete || framing == Framing.TO_CLOSE) {
      complete = true;
      return true;
    }
    if (framing == null && status < 0 && len == 0 && headBytes == 0) {
      throw new ProtocolException("the server closed the connection before answering");
    }
    throw new ProtocolException("unexpected end of stream");
  }

  /** One parsing step on the buffered bytes; false when more bytes are needed. */
  private boolean step() throws ProtocolException {
    if (framing == null) {
      return headLine();
    }
    return switch (framing) {
      case NONE -> done();
      case LENGTH -> lengthBody();
      case TO_CLOSE -> {
        keep(len - pos);
        yield body.size() >= maxBodyBytes && done();
      }
      case CHUNKED -> chunkStep();
    };
  }

  private boolean done() {
    complete = true;
    return false;
  }

  private boolean lengthBody() {
    int n = (int) Math.min(left, len - pos);
    keep(n);
    left -= n;
    if (left == 0 || body.size() >= maxBodyBytes) {
      return done();
    }
    return false;
  }

  /** Moves {@code n} buffered bytes to the body, keeping at most {@code maxBodyBytes}. */
  private void keep(int n) {
    int room = maxBodyBytes - body.size();
    if (room > 0) {
      body.write(buf, pos, Math.min(room, n));
    }
    pos += n;
  }

  private boolean chunkStep() throws ProtocolException {
    switch (chunk) {
      case DATA -> {
        int n = (int) Math.min(left, len - pos);
        keep(n);
        left -= n;
        if (body.size() >= maxBodyBytes) {
          return done();
        }
        if (left > 0) {
          return false;
        }
        chunk = Chunk.DATA_END;
        return true;
      }
      case DATA_END -> {
        String line = line();
        if (line == null) {
          return false;
        }
        if (!line.isEmpty()) {
          throw new ProtocolException("chunk not followed by CRLF");
        }
        chunk = Chunk.SIZE;
        return true;
      }
      case SIZE -> {
        String line = line();
        if (line == null) {
          return false;
        }
        left = chunkSize(line);
        chunk = left == 0 ? Chunk.TRAILERS : Chunk.DATA;
        return true;
      }
      default -> { // TRAILERS: header lines up to an empty one
        String line = line();
        if (line == null) {
          return false;
        }
        return line.isEmpty() ? done() : true;
      }
    }
  }

  private static long chunkSize(String line) throws ProtocolException {
    int end = line.indexOf(';');
    String hex = (end < 0 ? line : line.substring(0, end)).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new ProtocolException("chunk size '" + hex + "' is not a hexadecimal size");
    }
  }

  /** One line of the status line and headers; the end of the head decides the framing. */
  private boolean headLine() throws ProtocolException {
    int start = pos;
    String line = line();
    if (line == null) {
      if (headBytes + len - pos > MAX_HEAD_BYTES) {
        throw new ProtocolException("response headers over " + MAX_HEAD_BYTES / 1024 + " KiB");
      }
      return false;
    }
    headBytes += pos - start;
    if (headBytes > MAX_HEAD_BYTES) {
      throw new ProtocolException("response headers over " + MAX_HEAD_BYTES / 1024 + " KiB");
    }
    if (status < 0) {
      status = statusCode(line);
      return true;
    }
    if (!line.isEmpty()) {
      header(line);
      return true;
    }
    if (status >= 100 && status < 200 && status != 101) {
      // An informational answer (100 Continue, 103 Early Hints): the final one follows.
      status = -1;
      contentType = null;
      location = null;
      left = -1;
      chunked = false;
      headBytes = 0;
      return true;
    }
    framing = head || status == 204 || status == 304 || status == 101 ? Framing.NONE
        : chunked ? Framing.CHUNKED : left >= 0 ? Framing.LENGTH : Framing.TO_CLOSE;
    return true;
  }

  private void header(String line) throws ProtocolException {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return; // Not a header; lenient, as clients are.
    }
    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String value = line.substring(colon + 1).trim();
    switch (name) {
      case "content-type" -> contentType = value;
      case "location" -> location = value;
      case "transfer-encoding" -> chunked |= value.toLowerCase(Locale.ROOT).contains("chunked");
      case "content-length" -> {
        try {
          left = Long.parseLong(value);
          if (left < 0) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException e) {
          throw new ProtocolException("Content-Length '" + value + "' is not a length");
        }
      }
      default -> { }
    }
  }

  private static int statusCode(String line) throws ProtocolException {
    if (line.startsWith("HTTP/1.") && line.length() >= 12 && line.charAt(8) == ' '
        && (line.length() == 12 || line.charAt(12) == ' ')) {
      try {
        return Integer.parseInt(line.substring(9, 12));
      } catch (NumberFormatException e) {
        // Reported below.
      }
    }
    throw new ProtocolException("Unexpected status line: " + line);
  }

  /** The next line without its CRLF (or LF), or null while it is incomplete. */
  private String line() {
    for (int i = pos; i < len; i++) {
      if (buf[i] == '\n') {
        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
        String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = i + 1;
        return line;
      }
    }
    return null;
  }
}
