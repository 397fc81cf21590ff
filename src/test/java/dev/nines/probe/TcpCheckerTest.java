package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpCheckerTest {
  private final TcpChecker tcp = new TcpChecker();

  private CheckResult check(String target) {
    return tcp.check(TestMonitors.target(MonitorKind.TCP, target, Duration.ofSeconds(1), 0, 0));
  }

  @Test
  void aListeningPortPassesWithDnsAndConnectTimes() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CheckResult r = check("localhost:" + s.getLocalPort());

      assertThat(r.ok()).isTrue();
      assertThat(r.status()).isNull();
      assertThat(r.phases().dnsMillis()).isGreaterThanOrEqualTo(0);
      assertThat(r.phases().connectMillis()).isGreaterThanOrEqualTo(0);
      assertThat(r.phases().tlsMillis()).isEqualTo(-1);
    }
  }

  @Test
  void aClosedPortFails() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    CheckResult r = check("127.0.0.1:" + port);

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("connect 127.0.0.1:" + port + ": connection refused "
        + "(Connection refused). Expected a server that accepts connections");
  }

  @Test
  void aTargetThatIsNotHostAndPortFailsWithoutConnecting() {
    assertThat(check("localhost").error())
        .isEqualTo("target 'localhost' is not host:port. Expected e.g. api.example.com:443");
    assertThat(check("localhost:99999").error())
        .isEqualTo("target 'localhost:99999' is not host:port. Expected e.g. api.example.com:443");
  }

  @Test
  void anUnknownHostFails() {
    CheckResult r = check("no-such-host.invalid:80");

    assertThat(r.error()).isEqualTo("connect no-such-host.invalid:80: unknown host. Expected a "
        + "host name that resolves");
  }
}
