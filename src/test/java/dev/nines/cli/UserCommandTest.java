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
    assertThat(list.out()).isEqualTo(String.format("%-24s %-7s %-8s %s%n", "dana", "client",
        "enabled", "acme"));
  }

  @Test
  void aClientThatIsNotInTheSpecIsRefused() {
    CliRun r = CliRun.of("user", "add", "zed", "--role", "client", "--client", "initech",
        "--spec", "examples/logistics.yaml", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nines user add: client: 'initech' is not a client of the "
        + "spec. Expected one of acme\n");
  }

  @Test
  void aRoleThatDoesNotExistIsRefused() {
    CliRun r = CliRun.of("user", "add", "zed", "--role", "root", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nines user add: 'root' is not a role. Expected admin, sre "
        + "or client\n");
  }

  private CliRun run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return CliRun.of(all);
  }

  private static String password(CliRun r) {
    return r.out().lines().filter(l -> l.startsWith("password: ")).findFirst().orElseThrow()
        .substring("password: ".length());
  }

  private java.util.Optional<dev.nines.web.auth.Principal> signIn(String name, String pw) {
    try (Store store = Stores.open(null, dir, null, null)) {
      return new Users(store, null, new FakeClock()).authenticate(name, pw);
    }
  }

  @Test
  void theWayBackInWhenTheOnlyAdminPasswordIsLostIsResetPasswordOnTheStore() {
    String old = password(run("user", "add", "admin", "--role", "admin"));
    CliRun r = run("user", "reset-password", "admin");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("reset the password of admin\npassword: ");
    assertThat(signIn("admin", old)).isEmpty();
    assertThat(signIn("admin", password(r))).isPresent();
  }

  @Test
  void aDisabledUserCannotSignInAndIsListedSo() {
    run("user", "add", "admin", "--role", "admin");
    String pw = password(run("user", "add", "sam", "--role", "sre"));
    assertThat(run("user", "disable", "sam").out()).isEqualTo("disabled sam\n");
    assertThat(signIn("sam", pw)).isEmpty();
    assertThat(run("user", "list").out()).contains(String.format("%-24s %-7s %-8s %s%n", "sam",
        "sre", "disabled", ""));
    assertThat(run("user", "enable", "sam").out()).isEqualTo("enabled sam\n");
    assertThat(signIn("sam", pw)).isPresent();
  }

  @Test
  void aRemovedUserIsGoneButNeverTheLastAdmin() {
    run("user", "add", "admin", "--role", "admin");
    run("user", "add", "sam", "--role", "sre");
    assertThat(run("user", "remove", "sam").out()).isEqualTo("removed sam\n");
    CliRun last = run("user", "remove", "admin");
    assertThat(last.exit()).isEqualTo(1);
    assertThat(last.err()).isEqualTo("nines user remove: name: 'admin' is the last admin who can "
        + "sign in. Expected another admin first (nines user add NAME --role admin)\n");
    CliRun none = run("user", "remove", "sam");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("nines user remove: name: 'sam' is not a user. Expected "
        + "one of admin\n");
  }

  @Test
  void withoutSpecAClientIsCheckedAgainstTheSpecTheServerLastRan() {
    CliRun unchecked = run("user", "add", "zed", "--role", "client", "--client", "initech");
    assertThat(unchecked.exit()).isZero();
    assertThat(unchecked.err()).isEqualTo("nines user add: warning: client 'initech' is not "
        + "checked: no server has run on this store yet. Expected --spec FILE to check it\n");
    try (Store store = Stores.open(null, dir, null, null)) {
      store.recordSpecClients(java.util.List.of("acme"), FakeClock.NOW);
    }
    CliRun r = run("user", "add", "eve", "--role", "client", "--client", "initech");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nines user add: client: 'initech' is not a client of the "
        + "spec the server last ran. Expected one of acme (or give --spec FILE)\n");
    assertThat(run("user", "add", "dana", "--role", "client", "--client", "acme").exit()).isZero();
  }
}
