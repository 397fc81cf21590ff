package dev.nines.demo.platform;

/**
 * The endpoint a request path belongs to, as the spec names endpoints: the query is dropped
 * and an id after {@code /track-delivery/} is folded into {@code /track-delivery}, the way a
 * proxy's route template would report it.
 */
public final class Endpoints {
  private static final String TRACK = "/track-delivery";

  private Endpoints() {}

  /** The endpoint of {@code path} (a raw path, possibly with a query). */
  public static String of(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    int q = path.indexOf('?');
    String p = q >= 0 ? path.substring(0, q) : path;
    if (p.startsWith(TRACK + "/")) {
      return TRACK;
    }
    return p.isEmpty() ? "/" : p;
  }
}
