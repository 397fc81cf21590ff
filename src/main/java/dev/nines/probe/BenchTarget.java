package dev.nines.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The target of {@link ProbeBenchmark}: a tiny HTTP server on a loopback port answering every
 * request with 200 "ok". Run as its own process so that the prober's CPU is measured alone; it
 * prints {@code port N} on its first line and serves until its standard input closes.
 */
public final class BenchTarget {
  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private BenchTarget() {}

  /** Starts a server on an ephemeral loopback port. */
  static HttpServer start() throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_024);
    server.createContext("/", exchange -> {
      try (exchange; OutputStream body = exchange.getResponseBody()) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, OK.length);
        body.write(OK);
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return server;
  }

  public static void main(String[] args) throws IOException {
    HttpServer server = start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Serve until the parent closes our input (or exits).
    }
    server.stop(0);
    System.exit(0);
  }
}
