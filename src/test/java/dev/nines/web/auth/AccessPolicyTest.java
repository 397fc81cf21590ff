package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.web.auth.AccessPolicy.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {
  private static Principal who(String role) {
    return switch (role) {
      case "none" -> null;
      case "client" -> new Principal("dana", Role.CLIENT, "acme", false);
      case "sre" -> new Principal("sam", Role.SRE, null, false);
      default -> new Principal("ada", Role.ADMIN, null, false);
    };
  }

  @ParameterizedTest(name = "{0} {1} as {2}: {3}")
  @CsvSource({
      "GET,  /login,                    none,   ALLOW",
      "GET,  /status/acme,              none,   ALLOW",
      "GET,  /api/v1/status/acme,       none,   ALLOW",
      "GET,  /openapi.json,             none,   ALLOW",
      "GET,  /console,                  none,   AUTHENTICATE",
      "GET,  /metrics,                  none,   AUTHENTICATE",
      "GET,  /api/v1/slos,              none,   AUTHENTICATE",
      "POST, /api/v1/events,            none,   HANDLER",
      "POST, /api/v1/events,            sre,    HANDLER",
      "POST, /api/v1/events,            client, FORBID",
      "GET,  /api/v1/agent/assignments, none,   HANDLER",
      "GET,  /api/v1/agent/assignments, client, FORBID",
      "GET,  /,                         client, ALLOW",
      "GET,  /portal,                   client, ALLOW",
      "GET,  /api/v1/portal,            client, ALLOW",
      "POST, /logout,                   client, ALLOW",
      "GET,  /console,                  client, FORBID",
      "GET,  /console/slos/x,           client, FORBID",
      "GET,  /portalx,                  client, FORBID",
      "GET,  /api/v1/slos,              client, FORBID",
      "GET,  /metrics,                  client, FORBID",
      "GET,  /console/slos/x,           sre,    ALLOW",
      "GET,  /console/users,            sre,    FORBID",
      "POST, /console/users,            sre,    FORBID",
      "GET,  /api/v1/users,             sre,    FORBID",
      "POST, /api/v1/reload,            sre,    FORBID",
      "GET,  /console/users,            admin,  ALLOW",
      "POST, /api/v1/reload,            none,   AUTHENTICATE",
  })
  void decidesEachRoleAndPath(String method, String path, String role, Decision expected) {
    assertThat(AccessPolicy.decide(method, path, who(role))).isEqualTo(expected);
  }
}
