package dev.nines.web.auth;

import dev.nines.model.Spec;
import dev.nines.store.AppUser;
import dev.nines.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Console and portal users: adding them with the name, role, client and password rules,
 * signing in, changing and resetting passwords, disabling and removing (never the last admin
 * who can sign in), and the first admin of an empty store. A session stays valid only while
 * its user exists, is enabled and keeps the password it signed in with; that is checked
 * against the store every {@link #RECHECK}, so {@code nines user} on the same store reaches a
 * running server within seconds.
 */
public final class Users {
  /** The name of the first admin. */
  public static final String FIRST_ADMIN = "admin";
  /** A session's user is looked up again after this long. */
  public static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(5);
  private static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

  private final Store store;
  private final Supplier<Spec> spec;
  private final Clock clock;

  /**
   * @param spec the spec whose clients a client user may be bound to, or null to accept any
   *     client name
   */
  public Users(Store store, Supplier<Spec> spec, Clock clock) {
    this.store = store;
    this.spec = spec;
    this.clock = clock;
  }

  /**
   * Adds a user.
   *
   * @throws IllegalArgumentException naming the first rule broken: the name, a client for a
   *     client user only, a client of the spec, the password rules, a name already taken
   */
  public AppUser add(String name, Role role, String client, String password) {
    if (name == null || !name.matches(NAME_RULE)) {
      throw new IllegalArgumentException("name: '" + name + "' is not a user name. Expected "
          + "letters, digits and . _ @ -, up to 100 characters");
    }
    String c = client == null || client.isBlank() ? null : client.strip();
    if (role == Role.CLIENT && c == null) {
      throw new IllegalArgumentException("client: missing. Expected the client a client user "
          + "may see (--client NAME)");
    }
    if (role != Role.CLIENT && c != null) {
      throw new IllegalArgumentException("client: '" + c + "' given for role " + role.id()
          + ". Expected a client only for role client");
    }
    if (c != null && spec != null && spec.get().clients().stream()
        .noneMatch(x -> x.name().equals(c))) {
      throw new IllegalArgumentException("client: '" + c + "' is not a client of the spec. "
          + "Expected one of " + String.join(", ", spec.get().clients().stream()
              .map(x -> x.name()).toList()));
    }
    if (c != null && spec == null) {
      Optional<List<String>> known = store.specClients();
      if (known.isPresent() && !known.get().contains(c)) {
        throw new IllegalArgumentException("client: '" + c + "' is not a client of the spec "
            + "the server last ran. Expected one of " + String.join(", ", known.get())
            + " (or give --spec FILE)");
      }
    }
    Passwords.requireValid(password);
    AppUser u = new AppUser(name, Passwords.hash(password), role.id(), c, clock.instant());
    if (!store.saveUser(u)) {
      throw new IllegalArgumentException("name: '" + name + "' is taken");
    }
    return u;
  }

  /** The principal of {@code name} when {@code password} is right and the user enabled. */
  public Optional<Principal> authenticate(String name, String password) {
    return check(name, password).map(Users::principal);
  }

  private Optional<AppUser> check(String name, String password) {
    Optional<AppUser> u = name == null ? Optional.empty() : store.user(name.strip());
    boolean ok = Passwords.verify(password, u.map(AppUser::passwordHash).orElse(null));
    return ok && !u.get().disabled() ? u : Optional.empty();
  }

  /** A new session for {@code name} when {@code password} is right and the user enabled. */
  public Optional<Sessions.Session> signIn(Sessions sessions, String name, String password) {
    return check(name, password).map(u -> sessions.create(principal(u), u.passwordHash()));
  }

  /**
   * Whether a session's user still exists, is enabled and has the password it signed in
   * with; looked up at most every {@link #RECHECK}. A store that cannot tell keeps it.
   */
  public boolean stillValid(Sessions.Session s) {
    if (s.credential() == null) {
      return true;
    }
    java.time.Instant now = clock.instant();
    if (now.isBefore(s.verifiedAt().plus(RECHECK))) {
      return true;
    }
    Optional<AppUser> u;
    try {
      u = store.user(s.principal().name());
    } catch (dev.nines.store.StoreUnavailableException e) {
      return true;
    }
    boolean ok = u.isPresent() && !u.get().disabled()
        && u.get().passwordHash().equals(s.credential());
    if (ok) {
      s.verified(now);
    }
    return ok;
  }

  /**
   * Sets a new password without the old one (an admin's reset, or the way back in when the
   * only admin password is lost: {@code nines user reset-password admin} on the store).
   *
   * @throws IllegalArgumentException for an unknown user or a password breaking the rules
   */
  public void resetPassword(String name, String password) {
    existing(name);
    Passwords.requireValid(password);
    store.setPasswordHash(name, Passwords.hash(password));
  }

  /** Refuses sign-in to a user (its sessions end); never the last admin who can sign in. */
  public void disable(String name) {
    AppUser u = existing(name);
    requireAnotherAdmin(u);
    store.setUserDisabled(name, clock.instant());
  }

  /** Lets a disabled user sign in again. */
  public void enable(String name) {
    existing(name);
    store.setUserDisabled(name, null);
  }

  /** Deletes a user (its sessions end); never the last admin who can sign in. */
  public void remove(String name) {
    AppUser u = existing(name);
    requireAnotherAdmin(u);
    store.removeUser(name);
  }

  private AppUser existing(String name) {
    return (name == null ? Optional.<AppUser>empty() : store.user(name)).orElseThrow(() ->
        new IllegalArgumentException("name: '" + name + "' is not a user. Expected one of "
            + String.join(", ", store.users().stream().map(AppUser::name).toList())));
  }

  private void requireAnotherAdmin(AppUser u) {
    if (!u.role().equals(Role.ADMIN.id()) || u.disabled()) {
      return;
    }
    boolean another = store.users().stream().anyMatch(x -> !x.name().equals(u.name())
        && x.role().equals(Role.ADMIN.id()) && !x.disabled());
    if (!another) {
      throw new IllegalArgumentException("name: '" + u.name() + "' is the last admin who can "
          + "sign in. Expected another admin first (nines user add NAME --role admin)");
    }
  }

  /**
   * Changes a password after checking the current one.
   *
   * @throws IllegalArgumentException when the current password is wrong or the new one breaks
   *     the rules
   */
  public void changePassword(String name, String current, String next) {
    if (authenticate(name, current).isEmpty()) {
      throw new IllegalArgumentException("current password: wrong");
    }
    Passwords.requireValid(next);
    store.setPasswordHash(name, Passwords.hash(next));
  }

  /**
   * Creates the first admin when there is no user at all.
   *
   * @param password the admin's password (e.g. NINES_ADMIN_PASSWORD), or null to generate one
   * @return the password to print once when it was generated; empty when users existed or
   *     the password was given
   */
  public Optional<String> bootstrap(String password) {
    if (!store.users().isEmpty()) {
      return Optional.empty();
    }
    String pw = password == null || password.isBlank() ? Passwords.generate() : password;
    add(FIRST_ADMIN, Role.ADMIN, null, pw);
    return pw.equals(password) ? Optional.empty() : Optional.of(pw);
  }

  /** Every user, by name. */
  public List<AppUser> all() {
    return store.users();
  }

  /** The principal a stored user acts as. */
  public static Principal principal(AppUser u) {
    Role role = Role.parse(u.role());
    return new Principal(u.name(), role, role == Role.CLIENT ? u.client() : null, false);
  }
}
