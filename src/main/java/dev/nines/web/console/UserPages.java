package dev.nines.web.console;

import dev.nines.model.Spec;
import dev.nines.store.AppUser;
import dev.nines.web.auth.Passwords;
import dev.nines.web.auth.Role;
import dev.nines.web.auth.Sessions;
import dev.nines.web.auth.Users;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * User management for admins: the list of users, a form to add one, and per user a password
 * reset, disabling or enabling, and removal (never of the last admin who can sign in). A
 * generated password is shown once on the answer page. Every change is a POST checked for
 * its CSRF token by the gate, and ends the user's sessions at once.
 */
public final class UserPages {
  private final ConsolePages pages;
  private final Templates templates;
  private final Users users;
  private final Sessions sessions;
  private final Supplier<Spec> spec;

  public UserPages(ConsolePages pages, Templates templates, Users users, Sessions sessions,
      Supplier<Spec> spec) {
    this.pages = pages;
    this.templates = templates;
    this.users = users;
    this.sessions = sessions;
    this.spec = spec;
  }

  /** What a page says happened: e.g. "Added", a user, and a one-time password or null. */
  private record Done(String verb, AppUser user, String name, String password) {}

  /** {@code GET /console/users}. */
  public void list(Context ctx) {
    render(ctx, 200, null, null);
  }

  /** {@code POST /console/users}. */
  public void add(Context ctx) {
    String name = ctx.formParam("name");
    String password = ctx.formParam("password");
    boolean generated = password == null || password.isBlank();
    String pw = generated ? Passwords.generate() : password;
    AppUser u;
    try {
      u = users.add(name, Role.parse(ctx.formParam("role")), ctx.formParam("client"), pw);
    } catch (IllegalArgumentException e) {
      render(ctx, 400, e.getMessage(), null);
      return;
    }
    render(ctx, 201, null, new Done("Added", u, u.name(), generated ? pw : null));
  }

  /** {@code POST /console/users/{name}/reset-password}: a generated password, shown once. */
  public void resetPassword(Context ctx) {
    String pw = Passwords.generate();
    change(ctx, "Reset the password of", name -> users.resetPassword(name, pw), pw);
  }

  /** {@code POST /console/users/{name}/disable}. */
  public void disable(Context ctx) {
    change(ctx, "Disabled", users::disable, null);
  }

  /** {@code POST /console/users/{name}/enable}. */
  public void enable(Context ctx) {
    change(ctx, "Enabled", users::enable, null);
  }

  /** {@code POST /console/users/{name}/remove}. */
  public void remove(Context ctx) {
    change(ctx, "Removed", users::remove, null);
  }

  private void change(Context ctx, String verb, java.util.function.Consumer<String> action,
      String password) {
    String name = ctx.pathParam("name");
    try {
      action.accept(name);
    } catch (IllegalArgumentException e) {
      render(ctx, 400, e.getMessage(), null);
      return;
    }
    sessions.removeUser(name);
    render(ctx, 200, null, new Done(verb, null, name, password));
  }

  private void render(Context ctx, int status, String error, Done done) {
    Map<String, Object> p = pages.params(ctx, "Users", "users");
    p.put("users", users.all());
    p.put("clients", spec.get().clients());
    p.put("error", error);
    p.put("added", done == null ? null : done.user());
    p.put("verb", done == null ? null : done.verb());
    p.put("done", done == null ? null : done.name());
    p.put("password", done == null ? null : done.password());
    templates.send(ctx, status, "users.jte", p);
  }
}
