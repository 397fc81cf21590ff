package dev.nines.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Recorder of one call's phase timings from OkHttp's events. It travels as a request tag so
 * that the shared client's {@link #FACTORY} can hand the right recorder to each call.
 */
final class PhaseRecorder extends EventListener {
  /** Uses the recorder tagged on the request, or records nothing for untagged calls. */
  static final EventListener.Factory FACTORY = call -> {
    PhaseRecorder r = call.request().tag(PhaseRecorder.class);
    return r == null ? EventListener.NONE : r;
  };

  private final long startNanos;
  private long dnsStart;
  private long dnsNanos = -1;
  private long connectStart = -1;
  private long connectNanos = -1;
  private long tlsStart;
  private boolean inTls;
  private long tlsNanos = -1;
  private long firstByteNanos = -1;
  private java.security.cert.X509Certificate leaf;

  PhaseRecorder(long startNanos) {
    this.startNanos = startNanos;
  }

  /** The phases with the total measured by the caller up to {@code endNanos}. */
  synchronized Phases phases(long endNanos) {
    return new Phases(millis(dnsNanos), millis(connectNanos), millis(tlsNanos),
        millis(firstByteNanos), (endNanos - startNanos) / 1e6);
  }

  private static double millis(long nanos) {
    return nanos < 0 ? Phases.ABSENT : nanos / 1e6;
  }

  private static long add(long sum, long nanos) {
    return sum < 0 ? nanos : sum + nanos;
  }

  @Override public synchronized void dnsStart(Call call, String domainName) {
    dnsStart = System.nanoTime();
  }

  @Override public synchronized void dnsEnd(Call call, String domainName,
      List<InetAddress> addresses) {
    dnsNanos = add(dnsNanos, System.nanoTime() - dnsStart);
  }

  @Override public synchronized void connectStart(Call call, InetSocketAddress address,
      Proxy proxy) {
    connectStart = System.nanoTime();
    if (dnsNanos < 0) {
      // An IP literal: the lookup took no time, but the column is filled.
      dnsNanos = 0;
    }
  }

  @Override public synchronized void connectFailed(Call call, InetSocketAddress address,
      Proxy proxy, Protocol protocol, java.io.IOException failure) {
    long now = System.nanoTime();
    if (connectStart >= 0) {
      connectNanos = add(connectNanos, now - connectStart);
      connectStart = -1;
    } else if (inTls) {
      tlsNanos = add(tlsNanos, now - tlsStart);
      inTls = false;
    }
  }

  @Override public synchronized void secureConnectStart(Call call) {
    tlsStart = System.nanoTime();
    inTls = true;
    // TCP ends where TLS begins; connectEnd comes after the handshake.
    connectNanos = add(connectNanos, tlsStart - connectStart);
    connectStart = -1;
  }

  @Override public synchronized void secureConnectEnd(Call call, Handshake handshake) {
    tlsNanos = add(tlsNanos, System.nanoTime() - tlsStart);
    inTls = false;
  }

  @Override public synchronized void connectEnd(Call call, InetSocketAddress address,
      Proxy proxy, Protocol protocol) {
    if (connectStart >= 0) {
      connectNanos = add(connectNanos, System.nanoTime() - connectStart);
      connectStart = -1;
    }
  }

  /**
   * Keeps the leaf certificate of the connection the call got, fresh or re-used. OkHttp's
   * {@link Handshake#peerCertificates()} is empty when no trusted root verified the chain (a
   * monitor with {@code verifyTls: false}); the TLS session still has what the server sent.
   */
  @Override public synchronized void connectionAcquired(Call call, okhttp3.Connection connection) {
    leaf = null;
    if (connection.socket() instanceof javax.net.ssl.SSLSocket tls) {
      try {
        java.security.cert.Certificate[] chain = tls.getSession().getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x) {
          leaf = x;
        }
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        leaf = null; // No certificate was presented: there is nothing to report.
      }
    }
  }

  /** The leaf certificate the server of the last connection presented, else null. */
  synchronized java.security.cert.X509Certificate leaf() {
    return leaf;
  }

  @Override public synchronized void responseHeadersStart(Call call) {
    firstByteNanos = System.nanoTime() - startNanos;
  }

  @Override public void responseHeadersEnd(Call call, Response response) {
    // Nothing: the first byte is the start of the headers.
  }
}
