package dev.nines.demo.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two sockets joined: bytes are copied both ways on two virtual threads until either side
 * ends, then both are closed. {@link #reset()} ends it at once with a TCP reset, as a cut
 * network link does.
 */
public final class Pipe {
  private final Socket a;
  private final Socket b;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<Pipe> open;

  private Pipe(Socket a, Socket b, Set<Pipe> open) {
    this.a = a;
    this.b = b;
    this.open = open;
  }

  /**
   * Joins {@code a} and {@code b}. The pipe is in {@code open} (a concurrent set) from before
   * it starts until it ends, so its owner can reset or close every open pipe.
   */
  public static Pipe join(Socket a, Socket b, Set<Pipe> open) {
    Pipe p = new Pipe(a, b, open);
    open.add(p);
    Thread.ofVirtual().name("demo-pipe").start(() -> p.copy(a, b));
    Thread.ofVirtual().name("demo-pipe").start(() -> p.copy(b, a));
    return p;
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side is gone: the pipe ends below.
    } finally {
      close();
    }
  }

  /** Ends the pipe with a reset on both sockets (SO_LINGER 0), as a cut link. */
  public void reset() {
    lingerZero(a);
    lingerZero(b);
    close();
  }

  /** Ends the pipe, closing both sockets. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(a);
      closeQuietly(b);
      open.remove(this);
    }
  }

  /** Closes {@code s} with a reset instead of an orderly close. */
  public static void lingerZeroAndClose(Socket s) {
    lingerZero(s);
    closeQuietly(s);
  }

  static void lingerZero(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed.
    }
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }
}
