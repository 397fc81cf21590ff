package dev.nines.notify;

/**
 * A notification a receiver did not take. A permanent failure (an HTTP 4xx other than 408 and
 * 429, an SMTP 5xx reply, a message the channel cannot express) is not retried; every other
 * failure (a 5xx, 408, 429, a timeout, a refused connection, an unset secret) is.
 */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message, null, false, false);
    this.permanent = permanent;
  }

  /** Whether retrying cannot help. */
  public boolean permanent() {
    return permanent;
  }
}
