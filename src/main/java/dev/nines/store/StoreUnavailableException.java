package dev.nines.store;

/**
 * The store cannot take or give data right now (locked, disk full, database down). Nothing
 * was committed by the failed call; callers answer 503 and retry later.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
