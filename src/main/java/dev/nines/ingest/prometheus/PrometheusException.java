package dev.nines.ingest.prometheus;

import java.io.IOException;

/**
 * A failure to get an answer from Prometheus: unreachable, too slow, not a Prometheus, or a
 * query it rejected. The message is ready to show to a user as it is.
 */
public final class PrometheusException extends IOException {
  private static final long serialVersionUID = 1L;

  public PrometheusException(String message) {
    super(message);
  }

  public PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
