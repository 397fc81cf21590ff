package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The default {@link Checker}: dispatches by monitor kind to the HTTP, TCP, TLS-expiry and
 * journey checkers, which share one HTTP client. Close it to release the client's connections.
 */
public final class Checkers implements Checker, AutoCloseable {
  private final HttpClients clients = new HttpClients();
  private final ProbeLoop loop = new ProbeLoop();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpChecker http;
  private final TcpChecker tcp = new TcpChecker();
  private final TlsExpiryChecker tls;
  private final JourneyChecker journey;

  /** Checkers that judge certificate expiry against {@code clock}. */
  public Checkers(InstantSource clock) {
    this.http = new HttpChecker(clients, loop, threads, clock);
    this.tls = new TlsExpiryChecker(clock);
    this.journey = new JourneyChecker(http);
  }

  /** Checkers on the system clock. */
  public Checkers() {
    this(InstantSource.system());
  }

  @Override public CheckResult check(MonitorSpec monitor) {
    return switch (monitor.kind()) {
      case HTTP -> http.check(monitor);
      case TCP -> tcp.check(monitor);
      case TLS -> tls.check(monitor);
      case JOURNEY -> journey.check(monitor);
      case EXTERNAL -> CheckResult.failed(null, monitor.name() + ": an external monitor is not "
          + "checked by Nines. Expected its states from POST /api/v1/observations", Phases.NONE);
    };
  }

  /**
   * The schedule of the checkers' loop: tasks scheduled on it run on the thread that does the
   * plain-HTTP I/O, so a check that falls due starts without waking another thread.
   */
  public ProbeClock clock() {
    return loop.clock();
  }

  /** HTTP checks over fresh plain-HTTP connections start without a thread; others need one. */
  @Override public Started start(MonitorSpec monitor, Consumer<CheckResult> done) {
    return monitor.kind() == dev.nines.model.MonitorKind.HTTP ? http.start(monitor, done) : null;
  }

  @Override public void close() {
    loop.close();
    threads.shutdownNow();
    clients.close();
  }
}
