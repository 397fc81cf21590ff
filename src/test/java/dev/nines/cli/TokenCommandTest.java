package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.ApiTokens;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return CliRun.of(all);
  }

  private static String secret(CliRun r) {
    return r.out().lines().filter(l -> l.startsWith("token: ")).findFirst().orElseThrow()
        .substring("token: ".length());
  }

  @Test
  void addingATokenPrintsItsSecretOnceAndStoresOnlyItsHash() {
    CliRun r = run("token", "add", "eu-agent", "--scope", "agent");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("added token eu-agent (agent)\ntoken: nines_");
    String secret = secret(r);
    try (Store store = Stores.open(null, dir, null, null)) {
      ApiToken t = store.tokens().get(0);
      assertThat(t.name()).isEqualTo("eu-agent");
      assertThat(t.hash()).isEqualTo(ApiTokens.hash(secret)).doesNotContain(secret);
      assertThat(t.scopes()).containsExactly("agent");
    }
    CliRun list = run("token", "list");
    assertThat(list.out()).contains("eu-agent").contains("agent").contains("never used")
        .doesNotContain(secret);
  }

  @Test
  void scopesMayBeRepeatedOrCommaSeparated() {
    CliRun r = run("token", "add", "producer", "--scope", "events:write,observations:write",
        "--scope", "read");
    assertThat(r.exit()).as(r.err()).isZero();
    try (Store store = Stores.open(null, dir, null, null)) {
      assertThat(store.tokens().get(0).scopes()).containsExactlyInAnyOrder("events:write",
          "observations:write", "read");
    }
  }

  @Test
  void anUnknownScopeOrATakenNameIsRefused() {
    CliRun bad = run("token", "add", "x", "--scope", "root");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("nines token add: --scope: 'root' is not a scope. Expected "
        + "read, events:write, observations:write, agent, operate or admin\n");
    assertThat(run("token", "add", "x", "--scope", "read").exit()).isZero();
    CliRun taken = run("token", "add", "x", "--scope", "read");
    assertThat(taken.exit()).isEqualTo(1);
    assertThat(taken.err()).isEqualTo("nines token add: name: 'x' is taken\n");
  }

  @Test
  void aRevokedTokenIsGone() {
    run("token", "add", "old", "--scope", "read");
    CliRun r = run("token", "revoke", "old");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("revoked token old\n");
    try (Store store = Stores.open(null, dir, null, null)) {
      assertThat(store.tokens()).isEmpty();
    }
    CliRun again = run("token", "revoke", "old");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("nines token revoke: no token named 'old'\n");
  }
}
