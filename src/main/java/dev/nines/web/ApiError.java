package dev.nines.web;

/**
 * An HTTP error answer: a status, a message for the client, and optionally seconds after
 * which a retry may succeed (sent as {@code Retry-After}). Handlers throw it; the server turns
 * it into {@code {"error": message}} JSON, never a stack trace.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiError.class);
  private final int status;
  private final Integer retryAfterSeconds;

  public ApiError(int status, String message) {
    this(status, message, null);
  }

  public ApiError(int status, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * The 503 for work the store refused, nothing of it kept: the client hears "retry later",
   * the server log says why.
   */
  public static ApiError storeUnavailable(String message,
      dev.nines.store.StoreUnavailableException e) {
    LOG.warn("{}: {}", message, e.getMessage());
    return new ApiError(503, message, 5);
  }

  public int status() {
    return status;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
