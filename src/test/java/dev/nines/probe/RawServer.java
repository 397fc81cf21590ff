package dev.nines.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server that reads one request head per connection, writes canned bytes and then
 * closes the connection: a response cut off mid-way, or nothing at all.
 */
final class RawServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  RawServer(String response) {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    acceptor = Thread.ofVirtual().start(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          readHead(s.getInputStream());
          s.getOutputStream().write(bytes);
          s.getOutputStream().flush();
        } catch (IOException e) {
          // Closed by close(), or the client went away: either way, next connection.
        }
      }
    });
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  @Override public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
