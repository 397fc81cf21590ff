package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegionLinkTest {
  private ServerSocket echo;
  private RegionLink link;
  private InetAddress regionAddress;

  @BeforeEach
  void startEcho() throws Exception {
    regionAddress = InetAddress.getByName("127.0.0.9");
    // Linux routes 127.0.0.0/8 to loopback; elsewhere the demo reports that regions cannot
    // lose their network, and this test has nothing to test.
    assumeTrue(RegionLink.available(regionAddress), "127.0.0.9 cannot be bound here");
    echo = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread.ofVirtual().start(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          Thread.ofVirtual().start(() -> {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
              in.transferTo(out);
            } catch (IOException e) {
              // The test closed it.
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
    link = RegionLink.open("ap-south", regionAddress, List.of(echo.getLocalPort()));
  }

  @AfterEach
  void stop() throws IOException {
    if (link != null) {
      link.close();
    }
    if (echo != null) {
      echo.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(regionAddress, echo.getLocalPort()), 2_000);
    s.setSoTimeout(5_000);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    byte[] back = s.getInputStream().readNBytes(text.length());
    if (back.length < text.length()) {
      throw new IOException("the connection ended after " + back.length + " bytes");
    }
    return new String(back, StandardCharsets.UTF_8);
  }

  @Test
  void theLinkRelaysTheSamePortOnItsOwnAddressTo127001() throws Exception {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "hello")).isEqualTo("hello");
    }
    assertThat(link.listening()).containsExactly(new InetSocketAddress(regionAddress,
        echo.getLocalPort()));
  }

  @Test
  void aCutLinkResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws Exception {
    try (Socket open = connect()) {
      assertThat(roundTrip(open, "before")).isEqualTo("before");
      link.cut();
      assertThatThrownBy(() -> {
        roundTrip(open, "during");
        roundTrip(open, "during");
      }).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> {
      try (Socket during = connect()) {           // reset at once, or on the first exchange
        roundTrip(during, "x");
      }
    }).isInstanceOf(IOException.class);
    assertThat(link.isCut()).isTrue();

    link.restore();
    try (Socket after = connect()) {
      assertThat(roundTrip(after, "after")).isEqualTo("after");
    }
  }
}
