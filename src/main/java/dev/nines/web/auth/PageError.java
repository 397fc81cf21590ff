package dev.nines.web.auth;

/**
 * A page answer other than the page: an error status with a message for a person, or a
 * redirect (status 302 or 303 with {@code location}). Handlers and filters throw it; the
 * console renders it as HTML.
 */
public final class PageError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String location;

  private PageError(int status, String message, String location) {
    super(message, null, false, false);
    this.status = status;
    this.location = location;
  }

  /** An error page. */
  public static PageError of(int status, String message) {
    return new PageError(status, message, null);
  }

  /** A redirect to a local path (303 See Other after a form, 302 otherwise). */
  public static PageError redirect(int status, String location) {
    return new PageError(status, "redirect", location);
  }

  public int status() {
    return status;
  }

  /** Where a redirect goes, or null for an error page. */
  public String location() {
    return location;
  }
}
