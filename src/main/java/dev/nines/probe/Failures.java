package dev.nines.probe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Messages for I/O failures, in the house shape {@code <what>: <problem>. Expected <rule>}. */
final class Failures {
  private Failures() {}

  /**
   * Describes a failed exchange with {@code what} (e.g. {@code GET https://host/path}) that had
   * {@code timeoutMillis} to finish.
   */
  static String describe(String what, IOException e, long timeoutMillis) {
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException
        && "timeout".equals(e.getMessage())) {
      return what + ": timed out after " + timeoutMillis + " ms. Expected an answer within the "
          + "timeout";
    }
    if (e instanceof UnknownHostException) {
      return what + ": unknown host. Expected a host name that resolves";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return what + ": connection refused (" + e.getMessage() + "). Expected a server that "
          + "accepts connections";
    }
    if (e instanceof SSLException) {
      return what + ": TLS failed (" + e.getMessage() + "). Expected a valid TLS handshake";
    }
    return what + ": " + e.getClass().getSimpleName() + " (" + e.getMessage() + "). Expected a "
        + "complete response";
  }
}
