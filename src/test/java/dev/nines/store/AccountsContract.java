package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} keeps about who may come in: API tokens, users and the clients of
 * the spec the server last ran. Run against SQLite and PostgreSQL.
 */
abstract class AccountsContract {
  static final Instant T = Instant.parse("2026-11-18T10:30:00Z");
  Store store;

  abstract Store open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void tokensAreListedByNameWithTheirLastUse() {
    store.saveToken(new ApiToken("zeta", "hash-z", Set.of("read"), T));
    store.saveToken(new ApiToken("alpha", "hash-a", Set.of("agent", "read"), T));
    store.useToken("hash-a", T.plusSeconds(60));
    assertThat(store.tokens()).extracting(ApiToken::name).containsExactly("alpha", "zeta");
    assertThat(store.tokens().get(0).lastUsed()).isEqualTo(T.plusSeconds(60));
    assertThat(store.tokens().get(0).scopes()).containsExactlyInAnyOrder("agent", "read");
    assertThat(store.tokens().get(1).lastUsed()).isNull();
  }

  @Test
  void aRevokedTokenIsNoLongerFound() {
    store.saveToken(new ApiToken("old", "hash-o", Set.of("read"), T));
    assertThat(store.revokeToken("old")).isTrue();
    assertThat(store.useToken("hash-o", T)).isEmpty();
    assertThat(store.tokens()).isEmpty();
    assertThat(store.revokeToken("old")).isFalse();
  }

  @Test
  void aRemovedUserIsGone() {
    store.saveUser(new AppUser("eve", "h", "sre", null, T));
    assertThat(store.removeUser("eve")).isTrue();
    assertThat(store.user("eve")).isEmpty();
    assertThat(store.removeUser("eve")).isFalse();
  }

  @Test
  void aUserIsDisabledAndEnabledAgain() {
    store.saveUser(new AppUser("eve", "h", "sre", null, T));
    assertThat(store.user("eve").orElseThrow().disabledAt()).isNull();
    assertThat(store.setUserDisabled("eve", T.plusSeconds(5))).isTrue();
    assertThat(store.user("eve").orElseThrow().disabledAt()).isEqualTo(T.plusSeconds(5));
    assertThat(store.users().get(0).disabled()).isTrue();
    assertThat(store.setUserDisabled("eve", null)).isTrue();
    assertThat(store.user("eve").orElseThrow().disabled()).isFalse();
    assertThat(store.setUserDisabled("nobody", T)).isFalse();
  }

  @Test
  void theClientsOfTheLastSpecAreKnownOnceRecorded() {
    assertThat(store.specClients()).isEmpty();
    store.recordSpecClients(java.util.List.of("acme", "globex"), T);
    assertThat(store.specClients()).contains(java.util.List.of("acme", "globex"));
    store.recordSpecClients(java.util.List.of(), T.plusSeconds(60));
    assertThat(store.specClients()).contains(java.util.List.of());
  }

  @Test
  void aWritableStoreSaysSo() {
    assertThat(store.writable()).isTrue();
  }
}
