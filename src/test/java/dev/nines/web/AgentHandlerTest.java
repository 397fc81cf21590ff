package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.ApiToken;
import dev.nines.testing.FakeClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent protocol is for tokens with scope {@code agent}, reads and writes alike. */
class AgentHandlerTest {
  @TempDir static Path dir;
  static ServerHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
    h.server.store().saveToken(new ApiToken("eu-agent", ApiTokens.hash("agent-only-secret"),
        Set.of(AgentHandler.SCOPE), FakeClock.NOW));
    h.server.store().saveToken(new ApiToken("dashboard", ApiTokens.hash("read-only-secret"),
        Set.of(ApiTokens.READ), FakeClock.NOW));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static HttpResponse<String> assignments(String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(h.uri("/api/v1/agent/assignments?region=us-east"));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return h.send(r.GET());
  }

  @Test
  void aTokenWithScopeAgentReadsItsAssignments() throws Exception {
    HttpResponse<String> r = assignments("agent-only-secret");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("apiVersion: nines/v1", "platform-health");
  }

  @Test
  void aTokenWithoutScopeAgentIsRefusedItsAssignments() throws Exception {
    HttpResponse<String> r = assignments("read-only-secret");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"error\":\"token 'dashboard' lacks scope agent\"}");
    assertThat(assignments(null).statusCode()).isEqualTo(401);
  }

  @Test
  void anAgentTokenReadsNothingElse() throws Exception {
    HttpResponse<String> r = h.send(HttpRequest.newBuilder(h.uri("/api/v1/slos"))
        .header("Authorization", "Bearer agent-only-secret").GET());
    assertThat(r.statusCode()).isEqualTo(403);
  }
}
