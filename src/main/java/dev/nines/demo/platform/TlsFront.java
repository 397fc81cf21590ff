package dev.nines.demo.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The CDN's HTTPS listener: terminates TLS with the current certificate and passes the
 * plaintext to the CDN's HTTP port. {@link #use} swaps the certificate for new connections
 * (the cert-expiry fault); a new {@link SSLContext} also has new session-ticket keys, so no
 * client resumes a session made with the old certificate.
 */
public final class TlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final AtomicReference<SSLContext> context;
  private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public TlsFront(SSLContext context, int upstreamPort) throws IOException {
    this.context = new AtomicReference<>(context);
    this.upstreamPort = upstreamPort;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(Http.loopback(), 0), 128);
    Thread.ofPlatform().name("demo-tls-accept").daemon(true).start(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Serves new connections with {@code next}'s certificate. */
  public void use(SSLContext next) {
    context.set(next);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().name("demo-tls").start(() -> serve(client));
      } catch (SocketException e) {
        return;                               // closed
      } catch (IOException e) {
        // A failed accept is the client's problem; keep listening.
      }
    }
  }

  private void serve(Socket client) {
    Socket plain = null;
    try {
      SSLSocket tls = (SSLSocket) context.get().getSocketFactory().createSocket(client,
          client.getInetAddress().getHostAddress(), client.getPort(), true);
      tls.setUseClientMode(false);
      tls.setSoTimeout(10_000);
      tls.startHandshake();
      tls.setSoTimeout(0);
      plain = new Socket();
      plain.connect(new InetSocketAddress(Http.loopback(), upstreamPort), 5_000);
      Pipe pipe = Pipe.join(tls, plain, pipes);
      if (closed) {
        pipe.close();
      }
    } catch (IOException e) {
      Pipe.closeQuietly(client);
      if (plain != null) {
        Pipe.closeQuietly(plain);
      }
    }
  }

  @Override public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // Closed already.
    }
    pipes.forEach(Pipe::close);
  }
}
