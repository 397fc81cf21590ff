package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.time.InstantSource;

/**
 * The default {@link Checker}: dispatches by monitor kind to the HTTP, TCP, TLS-expiry and
 * journey checkers, which share one HTTP client. Close it to release the client's connections.
 */
public final class Checkers implements Checker, AutoCloseable {
  private final HttpClients clients = new HttpClients();
  private final HttpChecker http;
  private final TcpChecker tcp = new TcpChecker();
  private final TlsExpiryChecker tls;
  private final JourneyChecker journey;

  /** Checkers that judge certificate expiry against {@code clock}. */
  public Checkers(InstantSource clock) {
    this.http = new HttpChecker(clients, clock);
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

  @Override public void close() {
    clients.close();
  }
}
