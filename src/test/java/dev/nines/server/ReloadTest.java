package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.SloSpec;
import dev.nines.spec.SpecException;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
  @TempDir Path dir;
  NinesServer server;

  private static final String BASE = """
      apiVersion: nines/v1
      services: [{name: web, endpoints: [{path: /a, critical: true}]}]
      slos:
        - {name: a-ok, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: 30d, owner: team}
      """;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aReloadAddsSlosAndKeepsWhatWasCounted() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    long minute = FakeClock.NOW.getEpochSecond() / 60 - 1;
    server.store().commitIngest(List.of(new IngestBatch(null,
        List.of(new BucketDelta("a-ok", minute, 9, 10)), List.of(), 10)));
    Files.writeString(spec, BASE + """
          - {name: a-ok-week, service: web, endpoint: /a, sli: {kind: availability},
             target: 99.9, window: week, owner: team}
        """);
    server.reload();
    assertThat(server.spec().slos()).extracting(SloSpec::name).containsExactly("a-ok", "a-ok-week");
    assertThat(server.live().view("a-ok").status().window().valid()).isEqualTo(10);
    assertThat(server.live().view("a-ok-week")).isNotNull();
  }

  @Test
  void theStoreKnowsTheClientsOfTheSpecInForce() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    assertThat(server.store().specClients()).contains(List.of());
    Files.writeString(spec, BASE.replace("services:", "clients: [{name: acme}, {name: globex}]\n"
        + "services:").replace("{name: web,", "{name: web, client: acme,"));
    server.reload();
    assertThat(server.store().specClients()).contains(List.of("acme", "globex"));
  }

  @Test
  void anAdminReloadsOverTheApi() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, "admin-token"), new FakeClock());
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.function.Supplier<java.net.http.HttpResponse<String>> post = () -> {
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.port() + "/api/v1/reload"))
            .header("Authorization", "Bearer admin-token")
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    Files.writeString(spec, BASE.replace("target: 99,", "target: 98,"));
    java.net.http.HttpResponse<String> ok = post.get();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"reloaded\":true");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("98");
    Files.writeString(spec, BASE.replace("target: 99,", "target: 101,"));
    java.net.http.HttpResponse<String> bad = post.get();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("101 is out of range");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("98");
  }

  @Test
  void anInvalidSpecIsRefusedAndTheOldOneStaysInForce() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    Files.writeString(spec, BASE.replace("target: 99,", "target: 101,"));
    assertThatThrownBy(server::reload).isInstanceOf(SpecException.class)
        .hasMessageContaining("101 is out of range");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("99");
  }
}
