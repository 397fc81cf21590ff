package dev.nines.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over one plain socket, written byte for byte: for what a client library will not
 * send (a 20 KB request line, a malformed header, several requests on one keep-alive
 * connection) and for reading the answer exactly as the server wrote it.
 */
public final class RawHttp implements AutoCloseable {
  /** One answer: status, headers (lower-case names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line). */
  public Answer send(String head) throws IOException {
    return send(head, "");
  }

  /** Sends a request with a body; Content-Length is added. */
  public Answer send(String head, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String h = head + (b.length > 0 ? "\r\nContent-Length: " + b.length : "") + "\r\n\r\n";
    out.write(h.getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
    return read();
  }

  private Answer read() throws IOException {
    String status = line();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).strip());
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n = Integer.parseInt(line().strip(), 16); n > 0;
          n = Integer.parseInt(line().strip(), 16)) {
        b.write(in.readNBytes(n));
        line();
      }
      line();
      body = b.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Answer(Integer.parseInt(status.split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed after: " + b);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
