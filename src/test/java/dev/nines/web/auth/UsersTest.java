package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
  static final String PW = "correct horse battery";
  @TempDir Path dir;
  final FakeClock clock = new FakeClock();
  Store store;
  Users users;
  final Sessions sessions = new Sessions(clock);

  @BeforeEach
  void open() {
    store = Stores.open(null, dir, null, null);
    users = new Users(store, null, clock);
    users.add("ada", Role.ADMIN, null, PW);
    users.add("sam", Role.SRE, null, PW);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aDisabledUserCannotSignInUntilEnabled() {
    users.disable("sam");
    assertThat(users.authenticate("sam", PW)).isEmpty();
    users.enable("sam");
    assertThat(users.authenticate("sam", PW)).isPresent();
  }

  @Test
  void theLastAdminWhoCanSignInIsNeitherRemovedNorDisabled() {
    assertThatThrownBy(() -> users.remove("ada")).hasMessage("name: 'ada' is the last admin who "
        + "can sign in. Expected another admin first (nines user add NAME --role admin)");
    assertThatThrownBy(() -> users.disable("ada")).hasMessage("name: 'ada' is the last admin "
        + "who can sign in. Expected another admin first (nines user add NAME --role admin)");
    users.add("bea", Role.ADMIN, null, PW);
    users.disable("ada");
    users.remove("ada");
    assertThat(store.user("ada")).isEmpty();
  }

  @Test
  void anUnknownUserIsNamed() {
    assertThatThrownBy(() -> users.remove("zed")).hasMessage("name: 'zed' is not a user. "
        + "Expected one of ada, sam");
    assertThatThrownBy(() -> users.resetPassword("zed", PW)).hasMessage("name: 'zed' is not a "
        + "user. Expected one of ada, sam");
  }

  @Test
  void aResetPasswordReplacesTheOldOne() {
    users.resetPassword("sam", "a brand new password");
    assertThat(users.authenticate("sam", PW)).isEmpty();
    assertThat(users.authenticate("sam", "a brand new password")).isPresent();
    assertThatThrownBy(() -> users.resetPassword("sam", "short")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void aSessionEndsOnceItsUserIsDisabledRemovedOrGivenANewPassword() {
    for (Runnable change : List.<Runnable>of(() -> users.disable("sam"),
        () -> users.resetPassword("sam", "another long password"), () -> users.remove("sam"))) {
      if (store.user("sam").isEmpty()) {
        users.add("sam", Role.SRE, null, PW);
      }
      users.enable("sam");
      users.resetPassword("sam", PW);
      Sessions.Session s = users.signIn(sessions, "sam", PW).orElseThrow();
      assertThat(users.stillValid(s)).isTrue();
      change.run();                       // e.g. by `nines user` on the same store
      clock.advance(Users.RECHECK.plusSeconds(1));
      assertThat(users.stillValid(s)).isFalse();
    }
  }

  @Test
  void aClientIsCheckedAgainstTheSpecTheServerLastRanWhenNoSpecIsGiven() {
    users.add("free", Role.CLIENT, "anyone", PW);        // the store knows no spec yet
    store.recordSpecClients(List.of("acme", "globex"), clock.instant());
    assertThatThrownBy(() -> users.add("zed", Role.CLIENT, "initech", PW)).hasMessage(
        "client: 'initech' is not a client of the spec the server last ran. Expected one of "
            + "acme, globex (or give --spec FILE)");
    assertThat(users.add("dana", Role.CLIENT, "acme", PW).client()).isEqualTo("acme");
  }
}
