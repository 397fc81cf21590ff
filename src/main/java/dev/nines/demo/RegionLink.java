package dev.nines.demo;

import dev.nines.demo.platform.Pipe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network of one probe region: a TCP relay on a loopback address of its own (127.0.0.2,
 * 127.0.0.3, ...) that mirrors the demo's ports on 127.0.0.1 (the Nines server, the CDN's
 * HTTP and HTTPS ports). The region's agent resolves {@code localhost} to that address, so
 * everything it sends, probes and results alike, crosses this link. {@link #cut()} makes the
 * link drop every connection with a reset and refuse new ones until {@link #restore()}: the
 * region loses its network, while the platform and the other regions are untouched.
 */
final class RegionLink implements AutoCloseable {
  private final String region;
  private final InetAddress address;
  private final List<ServerSocket> listeners = new ArrayList<>();
  private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean closed;

  private RegionLink(String region, InetAddress address) {
    this.region = region;
    this.address = address;
  }

  /**
   * Whether this system can bind {@code address} (Linux routes all of 127.0.0.0/8 to the
   * loopback interface; macOS needs {@code sudo ifconfig lo0 alias 127.0.0.2}).
   */
  static boolean available(InetAddress address) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens the link of {@code region} on {@code address}, relaying each of {@code ports} to the
   * same port on 127.0.0.1.
   *
   * @throws IOException when a port cannot be bound on {@code address}; nothing stays open
   */
  static RegionLink open(String region, InetAddress address, List<Integer> ports)
      throws IOException {
    RegionLink link = new RegionLink(region, address);
    try {
      for (int port : ports) {
        ServerSocket s = new ServerSocket();
        link.listeners.add(s);
        s.bind(new InetSocketAddress(address, port), 128);
        Thread.ofPlatform().name("demo-link-" + region + "-" + port).daemon(true)
            .start(() -> link.accept(s, port));
      }
      return link;
    } catch (IOException e) {
      link.close();
      throw new IOException(region + ": cannot relay port on " + address.getHostAddress() + " ("
          + e.getMessage() + ")", e);
    }
  }

  private void accept(ServerSocket listener, int port) {
    while (!closed) {
      Socket in;
      try {
        in = listener.accept();
      } catch (SocketException e) {
        return;                               // closed
      } catch (IOException e) {
        continue;
      }
      if (cut) {
        Pipe.lingerZeroAndClose(in);
        continue;
      }
      Thread.ofVirtual().name("demo-link").start(() -> relay(in, port));
    }
  }

  private void relay(Socket in, int port) {
    Socket out = new Socket();
    try {
      out.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
          port), 2_000);
    } catch (IOException e) {
      Pipe.lingerZeroAndClose(in);
      Pipe.lingerZeroAndClose(out);
      return;
    }
    Pipe p = Pipe.join(in, out, pipes);
    if (cut || closed) {
      p.reset();
    }
  }

  /** Cuts the region off: open connections are reset, new ones refused with a reset. */
  void cut() {
    cut = true;
    pipes.forEach(Pipe::reset);
  }

  /** Gives the region its network back. */
  void restore() {
    cut = false;
  }

  boolean isCut() {
    return cut;
  }

  String region() {
    return region;
  }

  InetAddress address() {
    return address;
  }

  /** The addresses it listens on, e.g. {@code 127.0.0.2:8080}. */
  List<InetSocketAddress> listening() {
    return listeners.stream().filter(s -> s.isBound())
        .map(s -> new InetSocketAddress(address, s.getLocalPort())).toList();
  }

  @Override public void close() {
    closed = true;
    for (ServerSocket s : listeners) {
      try {
        s.close();
      } catch (IOException e) {
        // Closed already.
      }
    }
    pipes.forEach(Pipe::close);
  }
}
