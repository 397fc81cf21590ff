package dev.nines.cli;

import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.web.ApiTokens;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nines token add|list|revoke}: API tokens for agents, event producers and scrapers in
 * the store the server uses. A secret is printed once and stored only as its SHA-256 hash; a
 * revoked token stops working in a running server within {@link ApiTokens#FRESH}.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens "
    + "(scopes read, events:write, observations:write, agent, operate, admin).",
    subcommands = {TokenCommand.Add.class, TokenCommand.ListTokens.class,
        TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
  private static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

  @picocli.CommandLine.Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a token and print "
      + "its secret once.")
  static final class Add implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin UserCommand.StoreOptions store;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--scope", required = true, paramLabel = "SCOPE", split = ",",
        description = "read, events:write, observations:write, agent or admin; repeat or "
            + "separate with commas.") List<String> scopes;

    @Override public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Store st = store.open()) {
        Set<String> checked = scopes(scopes);
        if (!name.matches(NAME_RULE)) {
          throw new IllegalArgumentException("name: '" + name + "' is not a token name. "
              + "Expected letters, digits and . _ @ -, up to 100 characters");
        }
        if (st.tokens().stream().anyMatch(t -> t.name().equals(name))) {
          throw new IllegalArgumentException("name: '" + name + "' is taken");
        }
        String secret = ApiTokens.newSecret();
        st.saveToken(new ApiToken(name, ApiTokens.hash(secret), checked,
            java.time.Clock.systemUTC().instant()));
        out.printf("added token %s (%s)%ntoken: %s%n(shown once; Nines keeps only its hash)%n",
            name, String.join(", ", checked), secret);
        out.flush();
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("nines token add: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

    private static Set<String> scopes(List<String> given) {
      Set<String> out = new LinkedHashSet<>();
      for (String s : given) {
        String scope = s.strip();
        if (!ApiTokens.SCOPES.contains(scope)) {
          throw new IllegalArgumentException("--scope: '" + scope + "' is not a scope. Expected "
              + String.join(", ", ApiTokens.SCOPES.subList(0, ApiTokens.SCOPES.size() - 1))
              + " or " + ApiTokens.SCOPES.get(ApiTokens.SCOPES.size() - 1));
        }
        out.add(scope);
      }
      return out;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens: name, "
      + "scopes, created, last used (never the secret).")
  static final class ListTokens implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin UserCommand.StoreOptions store;

    @Override public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store st = store.open()) {
        for (ApiToken t : st.tokens()) {
          out.printf("%-24s %-40s created %s  %s%n", t.name(), String.join(",",
              new java.util.TreeSet<>(t.scopes())), t.createdAt(),
              t.lastUsed() == null ? "never used" : "last used " + t.lastUsed());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Delete a token; a "
      + "running server refuses it within seconds.")
  static final class Revoke implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @Mixin UserCommand.StoreOptions store;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override public Integer call() {
      try (Store st = store.open()) {
        if (!st.revokeToken(name)) {
          spec.commandLine().getErr().println("nines token revoke: no token named '" + name + "'");
          spec.commandLine().getErr().flush();
          return 1;
        }
      }
      spec.commandLine().getOut().println("revoked token " + name);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
