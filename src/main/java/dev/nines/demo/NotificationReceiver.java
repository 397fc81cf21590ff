package dev.nines.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nines.demo.platform.Http;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The demo's stand-in for a chat or paging webhook: every {@code POST /hooks/CHANNEL} is kept
 * (the newest {@link #KEPT}, bodies up to 64 KiB), so the console can show what Nines sent to
 * the demo's channels. The spec's webhook channels point here.
 */
public final class NotificationReceiver implements AutoCloseable {
  /** Messages kept, newest first. */
  public static final int KEPT = 100;
  private static final int MAX_KEPT_BODY = 64 * 1024;

  /** One message a channel received. */
  public record Message(Instant received, String channel, String contentType, String body) {}

  private final Clock clock;
  private final Deque<Message> messages = new ArrayDeque<>();
  private final HttpServer server;

  public NotificationReceiver(Clock clock) throws IOException {
    this.clock = clock;
    this.server = Http.serve(0, this::handle);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The webhook URL of {@code channel}. */
  public URI url(String channel) {
    return URI.create("http://127.0.0.1:" + port() + "/hooks/" + channel);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (!path.startsWith("/hooks/") || path.length() == "/hooks/".length()) {
      Http.error(ex, 404, path + ": not found. Expected POST /hooks/CHANNEL");
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.error(ex, 405, ex.getRequestMethod() + ": not allowed. Expected POST");
      return;
    }
    byte[] body = Http.body(ex);
    String text = new String(body, 0, Math.min(body.length, MAX_KEPT_BODY),
        StandardCharsets.UTF_8);
    Message m = new Message(clock.instant(), path.substring("/hooks/".length()),
        ex.getRequestHeaders().getFirst("Content-Type"), text);
    synchronized (messages) {
      messages.addFirst(m);
      while (messages.size() > KEPT) {
        messages.removeLast();
      }
    }
    Http.json(ex, 200, Map.of("received", true));
  }

  /** The messages received, newest first. */
  public List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  @Override public void close() {
    Http.stop(server);
  }
}
