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
 * signing in, changing passwords, and the first admin of an empty store.
 */
public final class Users {
  /** The name of the first admin. */
  public static final String FIRST_ADMIN = "admin";
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
      throw new IllegalArgumentException("client: '" + c + "' is not a client of the spec");
    }
    Passwords.requireValid(password);
    AppUser u = new AppUser(name, Passwords.hash(password), role.id(), c, clock.instant());
    if (!store.saveUser(u)) {
      throw new IllegalArgumentException("name: '" + name + "' is taken");
    }
    return u;
  }

  /** The principal of {@code name} when {@code password} is right; empty otherwise. */
  public Optional<Principal> authenticate(String name, String password) {
    Optional<AppUser> u = name == null ? Optional.empty() : store.user(name.strip());
    boolean ok = Passwords.verify(password, u.map(AppUser::passwordHash).orElse(null));
    return ok ? u.map(Users::principal) : Optional.empty();
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
