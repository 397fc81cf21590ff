package dev.nines.demo;

import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.auth.Passwords;
import dev.nines.web.auth.Role;
import dev.nines.web.auth.Users;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo does in its store before the server opens it: the console and portal users
 * with this run's passwords, the history, then the output steps (which may read both).
 */
final class DemoStore {
  private DemoStore() {}

  /**
   * Prepares the store of {@code options} and runs {@code outputs}.
   *
   * @param run the spec and output folder ({@code store} is ignored: it is opened here)
   * @return the spec file and what the outputs wrote
   * @throws IllegalStateException naming the output step that failed
   */
  static List<Path> prepare(DemoOptions options, OutputStep.Context run, List<OutputStep> outputs,
      DemoHistory history, String adminPassword, String clientPassword, Clock clock)
      throws Exception {
    List<Path> written = new ArrayList<>(List.of(run.specFile()));
    try (Store store = Stores.open(options.dbUrl(), options.dataDir(), null, null)) {
      Users users = new Users(store, run::spec, clock);
      setUser(store, users, Users.FIRST_ADMIN, Role.ADMIN, null, adminPassword);
      setUser(store, users, Demo.CLIENT_USER, Role.CLIENT, "acme", clientPassword);
      history.write(new DemoHistory.Context(store, run.spec(), run.specFile(), run.outDir(),
          clock.instant(), options.speed()));
      OutputStep.Context ctx = new OutputStep.Context(run.specFile(), run.spec(), run.outDir(),
          store);
      for (OutputStep step : outputs) {
        try {
          written.addAll(step.write(ctx));
        } catch (Exception e) {
          throw new IllegalStateException("output " + step.name() + ": " + e.getMessage(), e);
        }
      }
    }
    return written;
  }

  /** The demo's own users get this run's passwords: the store is the demo's. */
  private static void setUser(Store store, Users users, String name, Role role, String client,
      String password) {
    if (store.user(name).isPresent()) {
      store.setPasswordHash(name, Passwords.hash(password));
    } else {
      users.add(name, role, client, password);
    }
  }
}
