package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nines notify test} against a real webhook receiver on loopback. */
class NotifyCommandTest {
  @TempDir Path dir;
  HttpServer receiver;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  Path spec;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", x -> {
      bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] answer = (status == 200 ? "thanks" : "no such hook").getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(status, answer.length);
      x.getResponseBody().write(answer);
      x.close();
    });
    receiver.start();
    // The URL is a secret: the spec names a file that holds it.
    Path url = dir.resolve("hook-url");
    Files.writeString(url, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/abc\n");
    spec = dir.resolve("spec.yaml");
    Files.writeString(spec, """
        apiVersion: nines/v1
        clients: [{name: acme}]
        channels:
          - {name: oncall, kind: webhook, url: "file:%s"}
          - {name: notices, kind: webhook, audience: client, url: "file:%s"}
        """.formatted(url, url));
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void aTestNotificationGoesStraightToTheChannelAndTheAnswerIsPrinted() throws Exception {
    CliRun r = CliRun.of("notify", "test", "notices", "--spec", spec.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("sending a test notification to webhook channel notices "
        + "(audience client, client acme)\n  key:     test:notices:")
        .contains("  title:   Nines test notification for channel notices\n")
        .containsPattern("  request: POST http://127\\.0\\.0\\.1:\\d+/… \\(\\d+ bytes\\)\n")
        .endsWith("  answer:  HTTP 200: thanks\n")
        .doesNotContain("/hook/abc");
    assertThat(bodies).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.get("kind").asText()).isEqualTo("test");
    assertThat(body.get("audience").asText()).isEqualTo("client");
    assertThat(body.get("client").asText()).isEqualTo("acme");
  }

  @Test
  void aFailingChannelExits1WithThePreciseError() {
    status = 404;
    CliRun r = CliRun.of("notify", "test", "oncall", "--spec", spec.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).matches("nines notify test: webhook oncall: 127\\.0\\.0\\.1:\\d+ "
        + "answered HTTP 404: no such hook\n");
  }

  @Test
  void anUnknownChannelIsBadUsageNamingTheChannelsThereAre() {
    CliRun r = CliRun.of("notify", "test", "pager", "--spec", spec.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nines notify test: channel 'pager' is not in " + spec
        + ". Expected one of oncall, notices\n");
    assertThat(bodies).isEmpty();
  }

  @Test
  void withADataDirectoryTheAttemptIsRecordedButNeverQueued() {
    status = 503;
    Path data = dir.resolve("data");
    CliRun r = CliRun.of("notify", "test", "oncall", "--spec", spec.toString(), "--data-dir",
        data.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).endsWith("  recorded in the outbox of the sqlite store as failed\n");
    try (Store store = Stores.open(null, data, null, null)) {
      assertThat(store.outboxPending()).isZero();
      OutboxMessage m = store.outbox(null, null, 0, 10).messages().get(0);
      assertThat(m.channel()).isEqualTo("oncall");
      assertThat(m.kind()).isEqualTo("test");
      assertThat(m.status()).isEqualTo(OutboxMessage.FAILED);
      assertThat(m.lastError()).endsWith("answered HTTP 503: no such hook");
    }
  }
}
