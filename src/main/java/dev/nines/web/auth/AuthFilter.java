package dev.nines.web.auth;

import dev.nines.store.ApiToken;
import dev.nines.web.ApiError;
import dev.nines.web.ApiTokens;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The gate in front of every request: finds the principal (a session cookie, or for the API
 * and {@code /metrics} a bearer token with scope {@code read}, {@code admin} for writes),
 * applies the {@link AccessPolicy}, and checks the CSRF token of every write made with a
 * session. Refusals are JSON for the API and pages (or a redirect to sign-in) otherwise.
 */
public final class AuthFilter implements Handler {
  /** The session cookie. */
  public static final String SESSION_COOKIE = "nines_session";
  /** The form field, or header, that carries the CSRF token. */
  public static final String CSRF_FIELD = "_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** Token scope for admin writes (reload). */
  public static final String ADMIN_SCOPE = "admin";
  /** Token scope for the team's writes: incidents and maintenance. */
  public static final String OPERATE_SCOPE = "operate";
  private static final String PRINCIPAL = "nines.principal";
  private static final String SESSION = "nines.session";

  private final Sessions sessions;
  private final ApiTokens tokens;
  private final Users users;

  public AuthFilter(Sessions sessions, ApiTokens tokens, Users users) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.users = users;
  }

  /** The principal of the request, or null when nobody is signed in. */
  public static Principal principal(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /** The session of the request, or null. */
  public static Sessions.Session session(Context ctx) {
    return ctx.attribute(SESSION);
  }

  @Override public void handle(Context ctx) {
    String path = ctx.path();
    String method = ctx.method().name();
    boolean read = method.equals("GET") || method.equals("HEAD");
    // An API request that carries a token is the token's, whatever cookie comes along: the
    // token is what the client chose to send, and cookies are what CSRF forges.
    boolean bearer = AccessPolicy.api(path) && ctx.header("Authorization") != null;
    Sessions.Session s = bearer ? null : sessions.find(ctx.cookie(SESSION_COOKIE)).orElse(null);
    if (s != null && !users.stillValid(s)) {      // disabled, removed or reset meanwhile
      sessions.remove(s.id());
      s = null;
    }
    Principal p = s == null ? null : s.principal();
    AccessPolicy.Decision d = AccessPolicy.decide(method, path, p);
    if (d == AccessPolicy.Decision.HANDLER) {
      return;
    }
    if (d == AccessPolicy.Decision.AUTHENTICATE && bearer) {
      p = tokenPrincipal(ctx, read ? ApiTokens.READ : AccessPolicy.operate(path) ? OPERATE_SCOPE
          : ADMIN_SCOPE);
      s = null;
      d = AccessPolicy.decide(method, path, p);
    }
    ctx.attribute(PRINCIPAL, p);
    ctx.attribute(SESSION, s);
    switch (d) {
      case AUTHENTICATE -> {
        if (AccessPolicy.api(path)) {
          throw new ApiError(401, "not signed in. Expected a session or Authorization: Bearer "
              + "TOKEN with scope read");
        }
        String next = ctx.queryString() == null ? path : path + "?" + ctx.queryString();
        throw PageError.redirect(302, "/login?next=" + URLEncoder.encode(next,
            StandardCharsets.UTF_8));
      }
      case FORBID -> {
        String msg = p.name() + " (" + p.role().id() + ") may not see " + path;
        throw AccessPolicy.api(path) ? new ApiError(403, msg) : PageError.of(403, msg);
      }
      default -> { }
    }
    if (s != null && !read) {
      String token = ctx.header(CSRF_HEADER);
      if (token == null) {
        token = ctx.formParam(CSRF_FIELD);
      }
      if (!s.csrfMatches(token)) {
        String msg = "missing or wrong CSRF token. Expected the form's " + CSRF_FIELD
            + " field or the " + CSRF_HEADER + " header";
        throw AccessPolicy.api(path) ? new ApiError(403, msg) : PageError.of(403, msg);
      }
    }
  }

  private Principal tokenPrincipal(Context ctx, String scope) {
    ApiToken t = tokens.require(ctx, scope);
    boolean admin = t.scopes().contains("*") || t.scopes().contains(ADMIN_SCOPE);
    return new Principal("token:" + t.name(), admin ? Role.ADMIN : Role.SRE, null, true);
  }
}
