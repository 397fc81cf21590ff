package dev.nines.cli;

import dev.nines.model.Spec;
import dev.nines.store.AppUser;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.auth.Passwords;
import dev.nines.web.auth.Role;
import dev.nines.web.auth.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nines user add|list|remove|reset-password|disable|enable}: console and portal users in
 * the store the server uses. Run on the machine that holds the store, it is also the way back
 * in when the only admin password is lost ({@code reset-password admin}).
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage console and "
    + "portal users (roles admin, sre, client) in the store nines serve uses.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class,
        UserCommand.ResetPassword.class, UserCommand.Disable.class, UserCommand.Enable.class})
final class UserCommand implements Runnable {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the store is: the same options as {@code nines serve}. */
  static final class StoreOptions {
    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:NINES_DB_URL}",
        description = "JDBC URL; default: SQLite in the data directory. Env: NINES_DB_URL.")
    String db;

    @Option(names = "--data-dir", paramLabel = "DIR",
        defaultValue = "${env:NINES_DATA_DIR:-data}",
        description = "Where the SQLite file lives (default ./data). Env: NINES_DATA_DIR.")
    Path dataDir;

    Store open() {
      return Stores.open(db == null || db.isBlank() ? null : db, dataDir, null, null);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user. Without "
      + "--password-stdin a password is generated and printed once.")
  static final class Add implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin StoreOptions store;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "admin, sre or client.") String role;
    @Option(names = "--client", paramLabel = "CLIENT",
        description = "The client a client user sees (required for role client).") String client;
    @Option(names = "--spec", paramLabel = "FILE",
        description = "Check --client against this spec's clients.") Path specFile;
    @Option(names = "--password-stdin", description = "Read the password from the first line of "
        + "standard input.") boolean passwordStdin;

    @Override public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Spec parsed = null;
      if (specFile != null) {
        ValidateCommand.Loaded loaded = ValidateCommand.load(specFile, err);
        if (loaded.spec() == null) {
          return loaded.exit();
        }
        parsed = loaded.spec().spec();
      }
      String password = passwordStdin ? readLine() : Passwords.generate();
      Spec s = parsed;
      try (Store st = store.open()) {
        Role r = Role.parse(role);
        if (s == null && client != null && !client.isBlank() && st.specClients().isEmpty()) {
          err.println("nines user add: warning: client '" + client.strip() + "' is not checked: "
              + "no server has run on this store yet. Expected --spec FILE to check it");
        }
        AppUser u = new Users(st, s == null ? null : () -> s, Clock.systemUTC())
            .add(name, r, client, password);
        out.printf("added %s (%s%s)%n", u.name(), u.role(),
            u.client() == null ? "" : ", client " + u.client());
        if (!passwordStdin) {
          out.printf("password: %s%n(shown once; the user changes it at /account)%n", password);
        }
        out.flush();
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("nines user add: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

  }

  static String readLine() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? "" : line;
  }

  /** One change to an existing user, by name; prints what it did or why not (exit 1). */
  abstract static class Change implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin StoreOptions store;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    /** Applies the change; returns the line to print. */
    abstract String apply(Users users) throws IOException;

    @Override public Integer call() throws IOException {
      try (Store st = store.open()) {
        String done = apply(new Users(st, null, Clock.systemUTC()));
        spec.commandLine().getOut().println(done);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("nines user " + spec.name() + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; a "
      + "running server ends its sessions within seconds. Never the last admin.")
  static final class Remove extends Change {
    @Override String apply(Users users) {
      users.remove(name);
      return "removed " + name;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Refuse a user's "
      + "sign-in (sessions end within seconds) without removing it. Never the last admin.")
  static final class Disable extends Change {
    @Override String apply(Users users) {
      users.disable(name);
      return "disabled " + name;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled user "
      + "sign in again.")
  static final class Enable extends Change {
    @Override String apply(Users users) {
      users.enable(name);
      return "enabled " + name;
    }
  }

  @Command(name = "reset-password", mixinStandardHelpOptions = true, description = "Give a user "
      + "a new password (generated and printed once unless --password-stdin); its sessions end. "
      + "The way back in when the only admin password is lost.")
  static final class ResetPassword extends Change {
    @Option(names = "--password-stdin", description = "Read the password from the first line of "
        + "standard input.") boolean passwordStdin;

    @Override String apply(Users users) throws IOException {
      String password = passwordStdin ? readLine() : Passwords.generate();
      users.resetPassword(name, password);
      return "reset the password of " + name + (passwordStdin ? ""
          : "\npassword: " + password + "\n(shown once; the user changes it at /account)");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Override public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store st = store.open()) {
        for (AppUser u : st.users()) {
          out.printf("%-24s %-7s %-8s %s%n", u.name(), u.role(),
              u.disabled() ? "disabled" : "enabled", u.client() == null ? "" : u.client());
        }
      }
      out.flush();
      return 0;
    }
  }
}
