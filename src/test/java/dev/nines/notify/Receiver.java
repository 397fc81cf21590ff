package dev.nines.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver on a loopback port that records every request and answers with a
 * status and body the test sets. {@link #stop()} takes it off the network (connections are
 * refused) and {@link #restart()} brings it back on the same port.
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final List<Request> requests = new ArrayList<>();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final int port;
  private HttpServer server;
  private volatile int status = 200;
  private volatile String answer = "ok";

  Receiver() {
    this.server = bind(0);
    this.port = server.getAddress().getPort();
  }

  private HttpServer bind(int on) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on),
          0);
      s.createContext("/", this::handle);
      s.setExecutor(threads);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>();
    x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
        String.join(",", v)));
    synchronized (requests) {
      requests.add(new Request(x.getRequestMethod(), x.getRequestURI().toString(), headers, body));
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      x.getResponseBody().write(out);
    }
    x.close();
  }

  /** Answers every request with {@code status} and {@code body} from now on. */
  Receiver answer(int status, String body) {
    this.status = status;
    this.answer = body;
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Closes the port: connections are refused until {@link #restart()}. */
  synchronized void stop() {
    server.stop(0);
  }

  /** Listens on the same port again. */
  synchronized void restart() {
    server = bind(port);
  }

  @Override public synchronized void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
