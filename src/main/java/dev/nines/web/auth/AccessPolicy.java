package dev.nines.web.auth;

import java.util.List;

/**
 * Who may request which path. Public: sign-in, health, assets, status pages, the OpenAPI
 * document. A client user: its portal and reports (the handler keeps it to its own client),
 * its account and sign-out only. Admin only: user management and reload. Every other page and
 * API: the internal roles. Writes of incidents and maintenance take an internal session or a
 * token with scope {@code operate}; other writes under {@code /api/v1} other than reload, and
 * the agent protocol, carry their own API-token check (a client user's session is refused
 * there too).
 */
public final class AccessPolicy {
  /** What to do with a request. */
  public enum Decision {
    /** Serve it. */
    ALLOW,
    /** Not signed in: sign in first (401 for the API, a redirect for pages). */
    AUTHENTICATE,
    /** Signed in, not allowed: 403. */
    FORBID,
    /** Leave it to the handler, which checks an API token itself. */
    HANDLER
  }

  private static final List<String> PUBLIC = List.of("/login", "/healthz", "/readyz",
      "/assets/", "/webjars/", "/status/", "/api/v1/status/", "/openapi.json", "/favicon.ico");
  private static final List<String> CLIENT = List.of("/", "/portal", "/api/v1/portal",
      "/api/v1/reports", "/logout", "/account");
  private static final List<String> ADMIN = List.of("/console/users", "/api/v1/users",
      "/api/v1/reload");
  /** Writes of the internal roles (sessions) and of tokens with scope {@code operate}. */
  private static final List<String> OPERATE = List.of("/api/v1/incidents",
      "/api/v1/maintenance");
  /** The agent protocol: reads too carry an API token with scope agent, checked by the handler. */
  private static final List<String> AGENT = List.of("/api/v1/agent/");

  private AccessPolicy() {}

  /**
   * Decides a request.
   *
   * @param principal who is signed in or holds the token, or null
   */
  public static Decision decide(String method, String path, Principal principal) {
    if (matches(PUBLIC, path)) {
      return Decision.ALLOW;
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (path.startsWith("/api/v1/") && (!read || matches(AGENT, path)) && !matches(ADMIN, path)
        && !matches(CLIENT, path) && !matches(OPERATE, path)) {
      return principal != null && !principal.internal() ? Decision.FORBID : Decision.HANDLER;
    }
    if (principal == null) {
      return Decision.AUTHENTICATE;
    }
    if (!principal.internal()) {
      return matches(CLIENT, path) ? Decision.ALLOW : Decision.FORBID;
    }
    if (matches(ADMIN, path) && !principal.admin()) {
      return Decision.FORBID;
    }
    return Decision.ALLOW;
  }

  /** Whether {@code path} is one of {@code prefixes}: equal, or below one ending in a slash or a path segment. */
  private static boolean matches(List<String> prefixes, String path) {
    for (String p : prefixes) {
      if (path.equals(p) || p.endsWith("/") && !p.equals("/") && path.startsWith(p)
          || !p.endsWith("/") && path.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a write to {@code path} is an operation of the team (incidents, maintenance). */
  public static boolean operate(String path) {
    return matches(OPERATE, path);
  }

  /** Whether a path is an API path (answered with JSON) rather than a page. */
  public static boolean api(String path) {
    return path.startsWith("/api/") || path.equals("/metrics") || path.equals("/openapi.json");
  }
}
