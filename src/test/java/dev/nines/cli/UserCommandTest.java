package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import dev.nines.web.auth.Users;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCommandTest {
  @TempDir Path dir;

  @Test
  void addingAUserPrintsAGeneratedPasswordThatSignsIn() {
    CliRun r = CliRun.of("user", "add", "dana", "--role", "client", "--client", "acme",
        "--spec", "examples/logistics.yaml", "--data-dir", dir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("added dana (client, client acme)\npassword: ");
    String password = r.out().lines().filter(l -> l.startsWith("password: ")).findFirst()
        .orElseThrow().substring("password: ".length());
    try (Store store = Stores.open(null, dir, null, null)) {
      assertThat(new Users(store, null, new FakeClock()).authenticate("dana", password))
          .get().extracting(p -> p.client()).isEqualTo("acme");
    }
    CliRun list = CliRun.of("user", "list", "--data-dir", dir.toString());
    assertThat(list.out()).isEqualTo(String.format("%-24s %-7s %s%n", "dana", "client", "acme"));
  }

  @Test
  void aClientThatIsNotInTheSpecIsRefused() {
    CliRun r = CliRun.of("user", "add", "zed", "--role", "client", "--client", "initech",
        "--spec", "examples/logistics.yaml", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nines user add: client: 'initech' is not a client of the "
        + "spec\n");
  }

  @Test
  void aRoleThatDoesNotExistIsRefused() {
    CliRun r = CliRun.of("user", "add", "zed", "--role", "root", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nines user add: 'root' is not a role. Expected admin, sre "
        + "or client\n");
  }
}
