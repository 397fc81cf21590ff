package dev.nines.demo.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Small helpers over the JDK's HTTP server ({@code com.sun.net.httpserver}), which the
 * simulated services use because it ships with every JDK, starts in milliseconds and can be
 * stopped and bound again on the same port (the app going down and coming back).
 */
public final class Http {
  /** JSON for bodies the simulated services read and write. */
  public static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  /** The largest request body a simulated service reads. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private Http() {}

  /** 127.0.0.1, the address every simulated service binds (IPv4 even where ::1 is preferred). */
  public static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("a literal address is always valid", e);
    }
  }

  /**
   * A server on {@code 127.0.0.1:port} (0: a free port) serving {@code handler} on virtual
   * threads; the executor is shut down by {@link #stop}.
   */
  public static HttpServer serve(int port, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback(), port), 128);
    server.createContext("/", handler);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return server;
  }

  /** Stops a server made by {@link #serve} at once: the listener and its connections close. */
  public static void stop(HttpServer server) {
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService e) {
      e.shutdownNow();
    }
  }

  /** Reads a request body, at most {@link #MAX_BODY_BYTES}. */
  public static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readNBytes(MAX_BODY_BYTES);
    }
  }

  /** Answers {@code status} with a body (none for HEAD, 204 and 304) and extra headers. */
  public static void send(HttpExchange ex, int status, String contentType, byte[] body,
      Map<String, String> headers) throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    boolean empty = "HEAD".equals(ex.getRequestMethod()) || status == 204 || status == 304
        || body.length == 0;
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  /** Answers {@code status} with {@code value} as JSON. */
  public static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(value), Map.of());
  }

  /** Answers {@code status} with {@code {"error": message}}. */
  public static void error(HttpExchange ex, int status, String message) throws IOException {
    json(ex, status, Map.of("error", message));
  }

  /** Answers {@code status} with plain text. */
  public static void text(HttpExchange ex, int status, String text) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
