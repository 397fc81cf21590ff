package dev.nines.web.console;

import dev.nines.web.auth.AuthFilter;
import dev.nines.web.auth.LoginLimiter;
import dev.nines.web.auth.PageError;
import dev.nines.web.auth.Principal;
import dev.nines.web.auth.Sessions;
import dev.nines.web.auth.Users;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sign-out and the account page. Sign-in is rate limited by {@link LoginLimiter}
 * (429 with Retry-After), protected against login CSRF by a double-submit cookie, and always
 * starts a new session (no fixation). The session cookie is HttpOnly, SameSite=Lax, and
 * Secure when the request came over TLS (directly or as {@code X-Forwarded-Proto: https}).
 */
public final class AuthPages {
  private static final String LOGIN_COOKIE = "nines_login";

  private final Users users;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final Templates templates;
  private final Clock clock;
  private final ZoneId zone;

  public AuthPages(Users users, Sessions sessions, LoginLimiter limiter, Templates templates,
      Clock clock, ZoneId zone) {
    this.users = users;
    this.sessions = sessions;
    this.limiter = limiter;
    this.templates = templates;
    this.clock = clock;
    this.zone = zone;
  }

  /** {@code GET /}: the signed-in user's home. */
  public void home(Context ctx) {
    Principal p = AuthFilter.principal(ctx);
    throw PageError.redirect(302, home(p));
  }

  static String home(Principal p) {
    return p == null ? "/login" : p.internal() ? "/console" : "/portal";
  }

  /** {@code GET /login}. */
  public void loginForm(Context ctx) {
    Optional<Sessions.Session> s = sessions.find(ctx.cookie(AuthFilter.SESSION_COOKIE));
    if (s.isPresent()) {
      throw PageError.redirect(302, home(s.get().principal()));
    }
    render(ctx, 200, null, "");
  }

  /** {@code POST /login}. */
  public void login(Context ctx) {
    String name = ctx.formParam("name");
    String password = ctx.formParam("password");
    String cookie = ctx.cookie(LOGIN_COOKIE);
    String field = ctx.formParam("_login");
    if (cookie == null || !cookie.equals(field)) {
      render(ctx, 403, "The sign-in form expired. Please try again.", name);
      return;
    }
    String address = ctx.ip();
    Duration wait = limiter.wait(name, address);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      render(ctx, 429, "Too many failed sign-ins. Try again in " + seconds + " s.", name);
      return;
    }
    Optional<Sessions.Session> signed = users.signIn(sessions, name, password);
    if (signed.isEmpty()) {
      limiter.failed(name, address);
      render(ctx, 401, "Wrong name or password.", name);
      return;
    }
    limiter.succeeded(name, address);
    sessions.remove(ctx.cookie(AuthFilter.SESSION_COOKIE));
    Sessions.Session s = signed.get();
    ctx.cookie(cookie(ctx, AuthFilter.SESSION_COOKIE, s.id(), "/", SameSite.LAX, -1));
    ctx.removeCookie(LOGIN_COOKIE, "/login");
    throw PageError.redirect(303, safeNext(ctx.formParam("next"), s.principal()));
  }

  /** {@code POST /logout} (the filter checked its CSRF token). */
  public void logout(Context ctx) {
    sessions.remove(ctx.cookie(AuthFilter.SESSION_COOKIE));
    ctx.cookie(cookie(ctx, AuthFilter.SESSION_COOKIE, "", "/", SameSite.LAX, 0));
    throw PageError.redirect(303, "/login");
  }

  /** {@code GET /account}. */
  public void account(Context ctx) {
    renderAccount(ctx, 200, null);
  }

  /** {@code POST /account}: a new password; every session of the user ends. */
  public void changePassword(Context ctx) {
    Principal p = AuthFilter.principal(ctx);
    String next = ctx.formParam("new");
    if (next == null || !next.equals(ctx.formParam("confirm"))) {
      renderAccount(ctx, 400, "The new passwords differ.");
      return;
    }
    try {
      users.changePassword(p.name(), ctx.formParam("current"), next);
    } catch (IllegalArgumentException e) {
      renderAccount(ctx, 400, e.getMessage());
      return;
    }
    sessions.removeUser(p.name());
    ctx.cookie(cookie(ctx, AuthFilter.SESSION_COOKIE, "", "/", SameSite.LAX, 0));
    throw PageError.redirect(303, "/login");
  }

  private void render(Context ctx, int status, String error, String name) {
    String token = Sessions.randomToken();
    ctx.cookie(cookie(ctx, LOGIN_COOKIE, token, "/login", SameSite.STRICT, 3600));
    Map<String, Object> params = new HashMap<>();
    params.put("page", new PageContext("Sign in", "login", null, null, zone, clock.instant()));
    params.put("loginToken", token);
    params.put("error", error);
    params.put("name", name == null ? "" : name);
    params.put("next", ctx.queryParam("next") == null ? "" : ctx.queryParam("next"));
    templates.send(ctx, status, "login.jte", params);
  }

  private void renderAccount(Context ctx, int status, String error) {
    Sessions.Session s = AuthFilter.session(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("page", new PageContext("Account", "account", AuthFilter.principal(ctx),
        s == null ? null : s.csrfToken(), zone, clock.instant()));
    params.put("error", error);
    templates.send(ctx, status, "account.jte", params);
  }

  /**
   * A path of this origin as RFC 3986 spells it (an absolute path and an optional query, in
   * printable ASCII with well-formed percent-escapes): no scheme, no authority, and no space,
   * tab, newline or backslash that a browser would strip or turn into another URL.
   */
  private static final java.util.regex.Pattern SAME_ORIGIN_PATH = java.util.regex.Pattern
      .compile("/(?![/\\\\])([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");

  /** A local path to go to after sign-in: {@code next} when it is one, else the home. */
  static String safeNext(String next, Principal p) {
    if (next != null && SAME_ORIGIN_PATH.matcher(next).matches() && !next.startsWith("/login")) {
      return next;
    }
    return home(p);
  }

  /** Whether the request reached us over TLS, directly or through a proxy that says so. */
  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
        || "https".equalsIgnoreCase(ctx.scheme());
  }

  private static Cookie cookie(Context ctx, String name, String value, String path,
      SameSite sameSite, int maxAge) {
    return new Cookie(name, value, path, maxAge, secure(ctx), true, null, sameSite);
  }
}
