package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Checker of TCP monitors: resolves the target's host and opens (then closes) a connection
 * within the monitor's timeout. Phases: DNS and connect; the name lookup itself cannot be
 * interrupted and counts against the timeout only afterwards.
 */
final class TcpChecker implements Checker {
  @Override public CheckResult check(MonitorSpec monitor) {
    HostPort target;
    try {
      target = HostPort.parse(monitor.target());
    } catch (IllegalArgumentException e) {
      return CheckResult.failed(null, "target " + e.getMessage(), Phases.NONE);
    }
    Connection c = Connection.open(target, monitor.timeout().toMillis());
    if (c.failure() != null) {
      return CheckResult.failed(null, c.failure(), c.phases(System.nanoTime()));
    }
    Connection.closeQuietly(c.socket());
    return CheckResult.passed(null, c.phases(System.nanoTime()));
  }

  /**
   * A connection attempt: the open socket or the failure, with DNS and connect times.
   * {@code socket} is null when the connection failed.
   */
  record Connection(Socket socket, String failure, long startNanos, long dnsNanos,
      long connectNanos) {
    static Connection open(HostPort target, long timeoutMillis) {
      long start = System.nanoTime();
      String what = "connect " + target;
      InetAddress address;
      try {
        address = InetAddress.getByName(target.host());
      } catch (IOException e) {
        return new Connection(null, Failures.describe(what, e, timeoutMillis), start, -1, -1);
      }
      long dns = System.nanoTime() - start;
      long left = Math.max(1, timeoutMillis - dns / 1_000_000);
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, target.port()), (int) left);
        return new Connection(socket, null, start, dns, System.nanoTime() - start - dns);
      } catch (IOException e) {
        closeQuietly(socket);
        return new Connection(null, Failures.describe(what, e, timeoutMillis), start, dns, -1);
      }
    }

    Phases phases(long endNanos) {
      return new Phases(millis(dnsNanos), millis(connectNanos), Phases.ABSENT, Phases.ABSENT,
          (endNanos - startNanos) / 1e6);
    }

    private static double millis(long nanos) {
      return nanos < 0 ? Phases.ABSENT : nanos / 1e6;
    }

    static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing to report: the check already has its answer.
      }
    }
  }
}
