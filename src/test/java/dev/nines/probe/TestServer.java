package dev.nines.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) server on a loopback port, with handlers per path, for checker tests. */
final class TestServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final java.util.Set<Integer> clientPorts =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private TestServer(HttpServer server) {
    this.server = server;
    server.setExecutor(threads);
    server.start();
  }

  static TestServer http() {
    try {
      return new TestServer(HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TestServer https(SSLContext tls) {
    try {
      HttpsServer s = HttpsServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new TestServer(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestServer route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      try (exchange) {
        handler.handle(exchange);
      }
    });
    return this;
  }

  /** How many client connections have sent requests (each has its own client port). */
  int connections() {
    return clientPorts.size();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The URL of a path on 127.0.0.1 (https for a TLS server). */
  String url(String path) {
    return scheme() + "://127.0.0.1:" + port() + path;
  }

  /** The URL of a path on {@code localhost}, which makes the client resolve a name. */
  String localhostUrl(String path) {
    return scheme() + "://localhost:" + port() + path;
  }

  private String scheme() {
    return server instanceof HttpsServer ? "https" : "http";
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    respond(exchange, status, body);
  }

  /** Blocks a handler until the test releases it (or the server stops). */
  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes a handler slow. */
  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
