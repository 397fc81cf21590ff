package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Checker of TLS certificate expiry: handshakes with the target (any certificate accepted, so
 * that an untrusted or expired one is still measured) and judges the leaf certificate's days
 * left, {@code floor((notAfter - now) / 1 day)}: an expired certificate or fewer than
 * {@code failDays} fails, fewer than {@code warnDays} passes with a warning.
 */
final class TlsExpiryChecker implements Checker {
  private final InstantSource clock;

  TlsExpiryChecker(InstantSource clock) {
    this.clock = clock;
  }

  @Override public CheckResult check(MonitorSpec monitor) {
    HostPort target;
    try {
      target = HostPort.parse(monitor.target());
    } catch (IllegalArgumentException e) {
      return CheckResult.failed(null, "target " + e.getMessage(), Phases.NONE);
    }
    long timeoutMillis = monitor.timeout().toMillis();
    TcpChecker.Connection c = TcpChecker.Connection.open(target, timeoutMillis);
    if (c.failure() != null) {
      return CheckResult.failed(null, c.failure(), c.phases(System.nanoTime()));
    }
    long tlsStart = System.nanoTime();
    try (SSLSocket tls = (SSLSocket) HttpClients.Insecure.SOCKETS.createSocket(c.socket(),
        target.host(), target.port(), true)) {
      long elapsedMillis = (tlsStart - c.startNanos()) / 1_000_000;
      tls.setSoTimeout((int) Math.max(1, timeoutMillis - elapsedMillis));
      tls.startHandshake();
      X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
      long end = System.nanoTime();
      Phases phases = new Phases(c.dnsNanos() / 1e6, c.connectNanos() / 1e6,
          (end - tlsStart) / 1e6, Phases.ABSENT, (end - c.startNanos()) / 1e6);
      return judge(certificate(leaf), monitor.warnDays(), monitor.failDays(), phases);
    } catch (IOException | ClassCastException e) {
      TcpChecker.Connection.closeQuietly(c.socket());
      IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
      return CheckResult.failed(null, Failures.describe("TLS handshake " + target, io,
          timeoutMillis), c.phases(System.nanoTime()));
    }
  }

  private Certificate certificate(X509Certificate leaf) {
    return Certificate.of(leaf.getSubjectX500Principal().getName(),
        leaf.getNotAfter().toInstant(), clock.instant());
  }

  /** Judges a certificate against the thresholds (days left below a threshold trips it). */
  static CheckResult judge(Certificate cert, int warnDays, int failDays, Phases phases) {
    String subject = "certificate " + cert.subject();
    if (cert.daysLeft() < 0) {
      return new CheckResult(false, null, subject + ": expired on " + cert.notAfter()
          + ". Expected at least " + failDays + " days left", null, phases, List.of(),
          cert);
    }
    String expires = subject + ": expires in " + cert.daysLeft() + " days, on "
        + cert.notAfter() + ". Expected at least ";
    if (cert.daysLeft() < failDays) {
      return new CheckResult(false, null, expires + failDays + " days left", null, phases,
          List.of(), cert);
    }
    String warning = cert.daysLeft() < warnDays ? expires + warnDays + " days left" : null;
    return new CheckResult(true, null, null, warning, phases, List.of(), cert);
  }
}
