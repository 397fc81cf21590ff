package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
  private final Receiver receiver = new Receiver();
  private final FakeClock clock = new FakeClock();
  private final Map<String, String> env = new HashMap<>();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Channel channel(Map<String, String> settings) {
    return new Channels(() -> null, new Secrets(env::get), HttpPost.defaultClient(), clock)
        .create(new ChannelSpec("oncall", "webhook", Audience.INTERNAL, null, settings));
  }

  private Channel signed() {
    env.put("HOOK", receiver.url("/hooks/T0/s3cr3t-path"));
    env.put("HOOK_KEY", "whsec-test-key");
    return channel(Map.of("url", "env:HOOK", "secret", "env:HOOK_KEY"));
  }

  @Test
  void theReceiverGetsTheNotificationAsJsonWithTheTimeInItsBody() throws Exception {
    Delivery d = signed().send(Samples.firing("k1"));
    Receiver.Request r = receiver.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/hooks/T0/s3cr3t-path");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Nines-Key")).isEqualTo("k1");
    assertThat(r.header("X-Nines-Timestamp")).isEqualTo("1794997800");
    JsonNode body = NotificationJson.MAPPER.readTree(r.body());
    assertThat(body.get("sentAt").asLong()).isEqualTo(1794997800L);
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("sentAt");
    assertThat(NotificationJson.read(body.toString())).isEqualTo(Samples.firing("k1"));
    assertThat(d.answer()).isEqualTo("HTTP 200: ok");
    assertThat(d.request()).startsWith("POST http://127.0.0.1:").doesNotContain("s3cr3t");
  }

  @Test
  void theSignatureIsTheHmacSha256OfTheExactBodyBytes() throws Exception {
    signed().send(Samples.firing("k1"));
    Receiver.Request r = receiver.requests().get(0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec-test-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(r.header("X-Nines-Signature"))
        .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
    assertThat(WebhookSignature.verify("whsec-test-key", r.body(), r.header("X-Nines-Signature"),
        r.header("X-Nines-Timestamp"), clock.instant(), Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void aReceiverRefusesATamperedBodyAnOldTimestampAndAnotherKey() throws Exception {
    signed().send(Samples.firing("k1"));
    Receiver.Request r = receiver.requests().get(0);
    byte[] tampered = r.text().replace("14.9x", "1.0x").getBytes(StandardCharsets.UTF_8);
    String sig = r.header("X-Nines-Signature");
    String ts = r.header("X-Nines-Timestamp");
    assertThat(WebhookSignature.verify("whsec-test-key", tampered, sig, ts, clock.instant(),
        Duration.ofMinutes(5))).isFalse();
    assertThat(WebhookSignature.verify("whsec-test-key", r.body(), sig, ts,
        clock.instant().plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))).isFalse();
    assertThat(WebhookSignature.verify("other", r.body(), sig, ts, clock.instant(),
        Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void withoutASecretThereIsNoSignature() throws Exception {
    env.put("HOOK", receiver.url("/h"));
    channel(Map.of("url", "env:HOOK")).send(Samples.firing("k1"));
    assertThat(receiver.requests().get(0).header("X-Nines-Signature")).isNull();
    assertThat(receiver.requests().get(0).header("X-Nines-Timestamp")).isEqualTo("1794997800");
  }

  @Test
  void aServerErrorIsRetriedAndNamesTheStatusAndAnswerButNotTheUrl() {
    receiver.answer(503, "upstream   busy,\n try later");
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> signed().send(Samples.firing("k1")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).matches("webhook oncall: 127\\.0\\.0\\.1:\\d+ answered HTTP 503: "
        + "upstream busy, try later");
  }

  @Test
  void aClientErrorIsPermanentButTooManyRequestsIsRetried() {
    receiver.answer(404, "no such hook");
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> signed().send(Samples.firing("k1")));
    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage()).endsWith("answered HTTP 404: no such hook");
    receiver.answer(429, "slow down");
    assertThat(catchThrowableOfType(DeliveryException.class,
        () -> signed().send(Samples.firing("k2"))).permanent()).isFalse();
  }

  @Test
  void aLongAnswerIsCutToTwoHundredCharacters() {
    receiver.answer(500, "x".repeat(1000));
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> signed().send(Samples.firing("k1")));
    assertThat(e.getMessage()).endsWith("HTTP 500: " + "x".repeat(200) + "…");
  }

  @Test
  void aReceiverThatIsDownIsRetriedWithAPreciseMessage() {
    Channel c = signed();
    receiver.stop();
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> c.send(Samples.firing("k1")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).matches("webhook oncall: cannot connect to 127\\.0\\.0\\.1:\\d+ "
        + "\\(connection refused\\)");
  }

  @Test
  void anUnsetSecretIsAClearErrorRetriedLater() {
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> channel(Map.of("url", "env:ONCALL_URL")).send(Samples.firing("k1")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).isEqualTo("webhook oncall: url: env:ONCALL_URL is not set. "
        + "Expected the environment variable ONCALL_URL to hold the secret");
  }

  @Test
  void aSecretFileIsReadAtSendTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("hook-url");
    Channel c = channel(Map.of("url", "file:" + file));
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> c.send(Samples.firing("k1")));
    assertThat(e.getMessage()).isEqualTo("webhook oncall: url: file:" + file + " cannot be read "
        + "(no such file). Expected a readable file holding the secret");
    java.nio.file.Files.writeString(file, receiver.url("/from-file") + "\n");
    c.send(Samples.firing("k1"));
    assertThat(receiver.requests().get(0).path()).isEqualTo("/from-file");
  }

  @Test
  void userInfoInTheUrlBecomesBasicAuthentication() throws Exception {
    env.put("HOOK", receiver.url("/h").replace("http://", "http://nines:p%40ss@"));
    channel(Map.of("url", "env:HOOK")).send(Samples.firing("k1"));
    assertThat(receiver.requests().get(0).header("Authorization"))
        .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString(
            "nines:p@ss".getBytes(StandardCharsets.UTF_8)));
  }
}
