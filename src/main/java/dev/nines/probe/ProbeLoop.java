package dev.nines.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prober's one event loop, on one platform thread: its schedule (a {@link ProbeClock}
 * whose tasks run here) and its plain-HTTP exchanges over fresh connections. A check that waits
 * for its server holds no thread, and a check that falls due, connects, writes, reads and ends
 * costs no hand-over between threads: the loop sleeps in one {@code epoll_wait} until the next
 * timer, deadline or ready connection. This is how a prober checks thousands of monitors a
 * second at a fraction of a core (a virtual thread per check, woken by a timer thread, costs
 * about twice the CPU in the probe benchmark, from parking and waking threads). Each exchange
 * connects to its addresses in turn until one accepts, writes the request, reads the answer
 * with a {@link ResponseReader} and closes the connection; it ends by its deadline. Timer tasks
 * and exchange callbacks run on the loop thread and must return quickly: they hand anything
 * slow to an executor.
 */
final class ProbeLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeLoop.class);

  /**
   * The end of one exchange, nanoTime stamps included: the status (-1 if none was read), the
   * {@code Content-Type} and {@code Location} headers, the kept body, the summed connect time,
   * when the first byte came (-1 if none), when it ended, and the failure, or null.
   */
  record Outcome(int status, String contentType, String location, byte[] body,
      long connectNanos, long firstByteAt, long endAt, IOException failure) {}

  /** A started exchange. */
  @FunctionalInterface
  interface Handle {
    /** Ends the exchange; its callback is then not called. */
    void cancel();
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean woken = new AtomicBoolean();
  // nanoTimes are compared by their difference, which stays right when the counter wraps.
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Long.signum(a.at - b.at) : Long.compare(a.seq, b.seq));
  private final AtomicLong timerSeq = new AtomicLong();
  private final PriorityQueue<Exchange> byDeadline =
      new PriorityQueue<>((a, b) -> Long.signum(a.deadline - b.deadline));
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
  private volatile boolean closed;

  ProbeLoop() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("probe I/O: no selector (" + e.getMessage()
          + "). Expected the JDK's", e);
    }
    thread = new Thread(this::run, "nines-probe");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts one exchange: connects to {@code addresses} in turn, sends {@code request} and reads
   * the answer (without a body for HEAD), handing the outcome to {@code done} on the loop
   * thread. By {@code deadline} (a nanoTime) it fails as a timeout.
   */
  Handle exchange(List<InetSocketAddress> addresses, byte[] request, boolean head,
      int maxBodyBytes, long deadline, Consumer<Outcome> done) {
    Exchange x = new Exchange(addresses, ByteBuffer.wrap(request),
        new ResponseReader(head, maxBodyBytes), deadline, done);
    submit(() -> start(x));
    return () -> submit(() -> {
      if (!x.ended) {
        x.ended = true;
        closeQuietly(x);
      }
    });
  }

  /** Runs {@code task} on the loop: next in line when called there, else after a wake-up. */
  private void submit(Runnable task) {
    if (closed) {
      return;
    }
    tasks.add(task);
    if (Thread.currentThread() != thread && woken.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** A task due at a nanoTime; cancelled ones are dropped when they come due. */
  private static final class Timer implements ProbeClock.Cancellable {
    final long at;
    final long seq;
    final Runnable task;
    volatile boolean cancelled;

    Timer(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override public void cancel() {
      cancelled = true;
    }
  }

  /** The schedule on the loop: system time, tasks run on the loop thread in time order. */
  ProbeClock clock() {
    return clock;
  }

  private final ProbeClock clock = new ProbeClock() {
    @Override public Instant now() {
      return Instant.now();
    }

    @Override public Cancellable schedule(Instant at, Runnable task) {
      long delay;
      try {
        delay = Math.max(0, Duration.between(Instant.now(), at).toNanos());
      } catch (ArithmeticException e) {
        delay = Long.MAX_VALUE / 4; // Centuries away: never, in practice.
      }
      Timer t = new Timer(System.nanoTime() + delay, timerSeq.getAndIncrement(), task);
      submit(() -> timers.add(t));
      return t;
    }
  };

  /** Runs the timers due now; returns the milliseconds to the next one (0: none). */
  private long fire() {
    long now = System.nanoTime();
    for (Timer t; (t = timers.peek()) != null; ) {
      if (t.at - now > 0) {
        return Math.max(1, (t.at - now + 999_999) / 1_000_000);
      }
      timers.poll();
      if (!t.cancelled) {
        safely(t.task);
      }
    }
    return 0;
  }

  private static final class Exchange {
    final List<InetSocketAddress> addresses;
    final ByteBuffer request;
    final ResponseReader reader;
    final long deadline;
    final Consumer<Outcome> done;
    int next;
    SocketChannel channel;
    SelectionKey key;
    long connectStart;
    long connectNanos;
    long firstByteAt = -1;
    boolean ended;
    IOException lastConnectFailure;

    Exchange(List<InetSocketAddress> addresses, ByteBuffer request, ResponseReader reader,
        long deadline, Consumer<Outcome> done) {
      this.addresses = addresses;
      this.request = request;
      this.reader = reader;
      this.deadline = deadline;
      this.done = done;
    }
  }

  private void run() {
    try {
      while (!closed) {
        woken.set(false);
        for (Runnable t; (t = tasks.poll()) != null; ) {
          safely(t);
        }
        long timeout = soonest(fire(), expire());
        if (tasks.isEmpty()) {
          selector.select(timeout);
        } else {
          selector.selectNow();
        }
        var keys = selector.selectedKeys();
        for (SelectionKey k : keys) {
          safely(() -> ready(k));
        }
        keys.clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.error("probe I/O loop stopped; HTTP checks end at their timeouts", e);
      }
    } finally {
      for (SelectionKey k : selector.keys()) {
        closeQuietly((Exchange) k.attachment());
      }
      try {
        selector.close();
      } catch (IOException e) {
        // Nothing is left to tell.
      }
    }
  }

  /** Runs a task of the loop; one that fails is logged and the loop goes on. */
  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("probe loop: a task failed; the loop goes on", e);
    }
  }

  /** The sooner of two waits in milliseconds, where 0 means without limit. */
  private static long soonest(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  /**
   * Fails the exchanges past their deadline; returns the milliseconds to wait for the next
   * deadline (0: without limit).
   */
  private long expire() {
    long now = System.nanoTime();
    for (Exchange x; (x = byDeadline.peek()) != null; ) {
      if (x.ended) {
        byDeadline.poll();
      } else if (x.deadline - now <= 0) {
        byDeadline.poll();
        end(x, new SocketTimeoutException("timeout"));
      } else {
        return Math.max(1, (x.deadline - now + 999_999) / 1_000_000);
      }
    }
    return 0;
  }

  private void start(Exchange x) {
    byDeadline.add(x);
    connect(x);
  }

  private void connect(Exchange x) {
    if (x.next >= x.addresses.size()) {
      end(x, x.lastConnectFailure != null ? x.lastConnectFailure
          : new ConnectException("no address to connect to"));
      return;
    }
    InetSocketAddress address = x.addresses.get(x.next++);
    x.connectStart = System.nanoTime();
    try {
      SocketChannel ch = SocketChannel.open();
      x.channel = ch;
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      boolean now = ch.connect(address);
      x.key = ch.register(selector, now ? 0 : SelectionKey.OP_CONNECT, x);
      if (!now) {
        return;
      }
    } catch (IOException e) {
      connectFailed(x, address, e);
      return;
    }
    connected(x);
  }

  private void connectFailed(Exchange x, InetSocketAddress address, IOException e) {
    x.connectNanos += System.nanoTime() - x.connectStart;
    closeQuietly(x);
    ConnectException failure = new ConnectException("Failed to connect to " + address);
    failure.initCause(e);
    x.lastConnectFailure = failure;
    connect(x);
  }

  private void connected(Exchange x) {
    x.connectNanos += System.nanoTime() - x.connectStart;
    try {
      write(x);
    } catch (IOException e) {
      end(x, e);
    }
  }

  private void write(Exchange x) throws IOException {
    x.channel.write(x.request);
    x.key.interestOps(x.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
  }

  private void ready(SelectionKey k) {
    Exchange x = (Exchange) k.attachment();
    if (x.ended || !k.isValid()) {
      return;
    }
    if (k.isConnectable()) {
      try {
        if (!x.channel.finishConnect()) {
          return; // Not yet: the selector reports it again.
        }
      } catch (IOException e) {
        connectFailed(x, x.addresses.get(x.next - 1), e);
        return;
      }
      connected(x);
      return;
    }
    try {
      if (k.isWritable()) {
        write(x);
      } else if (k.isReadable()) {
        read(x);
      }
    } catch (IOException e) {
      end(x, e);
    }
  }

  private void read(Exchange x) throws IOException {
    while (true) {
      readBuffer.clear();
      int n = x.channel.read(readBuffer);
      if (n == 0) {
        return;
      }
      if (n < 0) {
        x.reader.end();
        end(x, null);
        return;
      }
      if (x.firstByteAt < 0) {
        x.firstByteAt = System.nanoTime();
      }
      readBuffer.flip();
      if (x.reader.feed(readBuffer)) {
        end(x, null);
        return;
      }
    }
  }

  private void end(Exchange x, IOException failure) {
    long endAt = System.nanoTime();
    x.ended = true;
    closeQuietly(x);
    ResponseReader r = x.reader;
    Outcome o = new Outcome(r.status(), r.contentType(), r.location(),
        failure == null ? r.body() : null,
        x.connectNanos, x.firstByteAt, endAt, failure);
    try {
      x.done.accept(o);
    } catch (RuntimeException e) {
      LOG.error("probe I/O: the handler of a finished check failed", e);
    }
  }

  private static void closeQuietly(Exchange x) {
    if (x == null || x.channel == null) {
      return;
    }
    try {
      x.channel.close();
    } catch (IOException e) {
      // Closed either way.
    }
  }

  /** Stops the loop and closes its connections; callbacks not yet called are not called. */
  @Override public void close() {
    closed = true;
    selector.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
