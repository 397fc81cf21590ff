package dev.nines.web.console;

import dev.nines.model.Spec;
import dev.nines.store.AppUser;
import dev.nines.web.auth.Passwords;
import dev.nines.web.auth.Role;
import dev.nines.web.auth.Users;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * User management for admins: the list of users and a form to add one. A user added without
 * a password gets a generated one, shown once on the answer page.
 */
public final class UserPages {
  private final ConsolePages pages;
  private final Templates templates;
  private final Users users;
  private final Supplier<Spec> spec;

  public UserPages(ConsolePages pages, Templates templates, Users users, Supplier<Spec> spec) {
    this.pages = pages;
    this.templates = templates;
    this.users = users;
    this.spec = spec;
  }

  /** {@code GET /console/users}. */
  public void list(Context ctx) {
    render(ctx, 200, null, null, null);
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
      render(ctx, 400, e.getMessage(), null, null);
      return;
    }
    render(ctx, 201, null, u, generated ? pw : null);
  }

  private void render(Context ctx, int status, String error, AppUser added, String password) {
    Map<String, Object> p = pages.params(ctx, "Users", "users");
    p.put("users", users.all());
    p.put("clients", spec.get().clients());
    p.put("error", error);
    p.put("added", added);
    p.put("password", password);
    templates.send(ctx, status, "users.jte", p);
  }
}
