package dev.nines.probe;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one shared OkHttp client of a prober (for HTTPS and kept-alive checks: plain-HTTP checks
 * over fresh connections go over the {@link ProbeLoop}), and its variants per redirect,
 * TLS-verification and connection setting made with {@code newBuilder()} so that all share one
 * dispatcher. By default a check opens a fresh connection (a pool that keeps nothing idle, TLS sessions not
 * resumed), so DNS, connect and TLS are measured every time, as a new customer meets them;
 * monitors with {@code keepAlive: true} share a pool of kept-alive connections. Checks run
 * synchronously on virtual threads; the dispatcher only bounds asynchronous calls and is sized
 * for thousands of them. Timeouts are set per call.
 */
final class HttpClients implements AutoCloseable {
  /** Idle keep-alive connections kept for re-use, across all targets. */
  static final int MAX_IDLE_CONNECTIONS = 2_000;

  private final ExecutorService dispatcherThreads = Executors.newVirtualThreadPerTaskExecutor();
  private final OkHttpClient shared;
  private final Map<Variant, OkHttpClient> variants = new ConcurrentHashMap<>();

  private record Variant(boolean followRedirects, boolean verifyTls, boolean keepAlive) {}

  /** A pool that keeps no idle connection: each check connects afresh. */
  private final ConnectionPool none = new ConnectionPool(0, 1, TimeUnit.SECONDS);
  private final Fresh fresh = new Fresh();

  HttpClients() {
    Dispatcher dispatcher = new Dispatcher(dispatcherThreads);
    dispatcher.setMaxRequests(10_000);
    dispatcher.setMaxRequestsPerHost(10_000);
    shared = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 2, TimeUnit.MINUTES))
        .eventListenerFactory(PhaseRecorder.FACTORY)
        // One connection attempt at a time, as blackbox_exporter makes: the connect phase is
        // then one connection's, and no racing attempt is scheduled on OkHttp's task runner
        // (a fifth of the CPU per fresh-connection check in the probe benchmark, by JFR).
        .fastFallback(false)
        // The per-call timeout is the one limit; these would cut it short.
        .connectTimeout(0, TimeUnit.MILLISECONDS)
        .readTimeout(0, TimeUnit.MILLISECONDS)
        .writeTimeout(0, TimeUnit.MILLISECONDS)
        .build();
  }

  /** The client for one request's redirect, TLS and connection settings. */
  OkHttpClient client(boolean followRedirects, boolean verifyTls, boolean keepAlive) {
    return variants.computeIfAbsent(new Variant(followRedirects, verifyTls, keepAlive),
        this::build);
  }

  private OkHttpClient build(Variant v) {
    OkHttpClient.Builder b = shared.newBuilder()
        .followRedirects(v.followRedirects())
        .followSslRedirects(v.followRedirects());
    if (!v.keepAlive()) {
      b.connectionPool(none);
    }
    if (!v.verifyTls()) {
      b.sslSocketFactory(v.keepAlive() ? Insecure.SOCKETS : fresh.insecure, Insecure.TRUST_ALL)
          .hostnameVerifier((h, s) -> true);
    } else if (!v.keepAlive()) {
      b.sslSocketFactory(fresh.verifying, fresh.trust);
    }
    return b.build();
  }

  /**
   * TLS for fresh connections: contexts whose client sessions expire after a second, so a
   * check does not resume the session of the check before it and its TLS phase is a full
   * handshake.
   */
  static final class Fresh {
    final X509TrustManager trust = defaultTrust();
    final SSLSocketFactory verifying = context(trust).getSocketFactory();
    final SSLSocketFactory insecure = context(Insecure.TRUST_ALL).getSocketFactory();

    private static SSLContext context(X509TrustManager trust) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, new SecureRandom());
        context.getClientSessionContext().setSessionTimeout(1);
        return context;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS: unavailable (" + e.getMessage()
            + "). Expected a JDK with TLS support", e);
      }
    }

    private static X509TrustManager defaultTrust() {
      try {
        javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        f.init((java.security.KeyStore) null);
        for (TrustManager t : f.getTrustManagers()) {
          if (t instanceof X509TrustManager x) {
            return x;
          }
        }
        throw new IllegalStateException("TLS: no X.509 trust manager. Expected the JDK's");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS: no trust store (" + e.getMessage()
            + "). Expected the JDK's default", e);
      }
    }
  }

  @Override public void close() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
    none.evictAll();
    dispatcherThreads.shutdownNow();
  }

  /** TLS that accepts any certificate, for monitors with {@code verifyTls: false}. */
  static final class Insecure {
    static final X509TrustManager TRUST_ALL = new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    static final SSLSocketFactory SOCKETS = sockets();

    private Insecure() {}

    private static SSLSocketFactory sockets() {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TRUST_ALL}, new SecureRandom());
        return context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS: unavailable (" + e.getMessage()
            + "). Expected a JDK with TLS support", e);
      }
    }
  }
}
