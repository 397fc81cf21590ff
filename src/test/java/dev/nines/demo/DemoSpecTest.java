package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.Audience;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.spec.ParsedSpec;
import dev.nines.spec.SpecLinter;
import dev.nines.spec.SpecReader;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSpecTest {
  static DemoSpec.Values values(double speed, List<String> regions) {
    return new DemoSpec.Values(URI.create("http://localhost:41000"), "localhost:41001", regions,
        new DemoTime(FakeClock.NOW, speed), Path.of("/tmp/demo/secrets/oncall"),
        Path.of("/tmp/demo/secrets/client"));
  }

  private static ParsedSpec parse(double speed, List<String> regions) throws Exception {
    return SpecReader.read("nines-demo.yaml", DemoSpec.render(values(speed, regions)));
  }

  private static MonitorSpec monitor(Spec spec, String name) {
    return spec.monitors().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theRenderedSpecIsValidAndHasNoLintWarnings() throws Exception {
    ParsedSpec parsed = parse(1, List.of("eu-central", "us-east", "ap-south"));
    assertThat(SpecLinter.lint(parsed, "nines-demo.yaml")).isEmpty();
  }

  @Test
  void theClientHasFiveSlosAndEverySloOfALayerSaysWhichOne() throws Exception {
    Spec spec = parse(1, List.of("eu-central", "us-east", "ap-south")).spec();
    assertThat(spec.slos().stream().filter(s -> s.audience() == Audience.CLIENT))
        .extracting(SloSpec::name).containsExactly("assign-courier-availability",
            "fetch-orders-latency", "track-delivery-freshness", "platform-uptime",
            "order-to-tracking-journey");
    Map<String, String> layers = new java.util.TreeMap<>();
    spec.slos().forEach(s -> layers.put(s.name(), s.labels().getOrDefault("layer", "-")));
    assertThat(layers).containsExactlyInAnyOrderEntriesOf(Map.of(
        "assign-courier-availability", "ingress", "fetch-orders-latency", "ingress",
        "track-delivery-freshness", "api", "platform-uptime", "-",
        "order-to-tracking-journey", "-", "cdn-availability", "cdn",
        "load-balancer-errors", "load-balancer", "app-errors", "api"));
  }

  @Test
  void monitorsPointAtThisRunsCdnAndAQuorumOfTwoOfThreeRegions() throws Exception {
    Spec spec = parse(1, List.of("eu-central", "us-east", "ap-south")).spec();
    assertThat(monitor(spec, "platform-health").http().url())
        .isEqualTo("http://localhost:41000/healthz");
    assertThat(monitor(spec, "cdn-certificate").target()).isEqualTo("localhost:41001");
    assertThat(spec.quorumOf(monitor(spec, "platform-deep"))).isEqualTo(2);
    assertThat(spec.regionsOf(monitor(spec, "order-to-tracking")))
        .containsExactly("eu-central", "us-east", "ap-south");
    assertThat(spec.channels()).extracting(c -> c.settings().get("url")).containsExactly(
        "file:/tmp/demo/secrets/oncall", "file:/tmp/demo/secrets/client");
  }

  @Test
  void checkIntervalsShrinkWithTheSpeedButNotBelowOneSecond() throws Exception {
    Spec normal = parse(1, List.of("eu-central")).spec();
    Spec fast = parse(10, List.of("eu-central")).spec();
    Spec fastest = parse(3600, List.of("eu-central")).spec();
    assertThat(monitor(normal, "platform-health").interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(monitor(normal, "platform-health").timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(monitor(fast, "platform-health").interval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(monitor(fast, "platform-health").timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(monitor(fast, "platform-deep").interval()).isEqualTo(Duration.ofSeconds(6));
    assertThat(monitor(fast, "platform-deep").retryInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(monitor(fastest, "cdn-certificate").interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(monitor(fastest, "order-to-tracking").budget()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void withTheServerAloneTheQuorumIsOne() throws Exception {
    Spec spec = parse(1, List.of("eu-central")).spec();
    assertThat(spec.regions()).containsExactly("eu-central");
    assertThat(spec.quorumOf(monitor(spec, "platform-health"))).isEqualTo(1);
  }

  @Test
  void aPlaceholderWithoutAValueOrAValueWithoutAPlaceholderIsABug() {
    assertThatThrownBy(() -> DemoSpec.render("port: {{cdnPort}}", Map.of()))
        .hasMessage("{{cdnPort}}: no value. Expected one of []");
    assertThatThrownBy(() -> DemoSpec.render("port: 1", Map.of("cdnPort", "1")))
        .hasMessage("{{cdnPort}}: not in the template. Expected every value to be used");
    assertThat(DemoSpec.render("a: {{x}}, b: {{x}}", Map.of("x", "$1\\"))).isEqualTo(
        "a: $1\\, b: $1\\");
  }

  @Test
  void withARealAlertmanagerAndSmtpServerTheSpecGetsTheirChannelsAndNoPassword()
      throws Exception {
    DemoSpec.Values v = values(1, List.of("eu-central", "us-east", "ap-south"));
    DemoSpec.Smtp smtp = new DemoSpec.Smtp("mail.local", 1025, "demo", "s3cret", "none",
        Path.of("/tmp/demo/secrets/smtp-password"));
    String text = DemoSpec.render(new DemoSpec.Values(v.cdn(), v.tlsTarget(), v.regions(),
        v.time(), v.oncallUrlFile(), v.clientUrlFile(), Path.of("/tmp/demo/secrets/am"), smtp));
    Spec spec = SpecReader.read("nines-demo.yaml", text).spec();
    assertThat(spec.channels()).extracting(c -> c.name() + " " + c.kind() + " " + c.audience())
        .containsExactly("oncall webhook INTERNAL", "client-notices webhook CLIENT",
            "alertmanager alertmanager INTERNAL", "client-email email CLIENT");
    assertThat(text).contains("url: file:/tmp/demo/secrets/am")
        .contains("smtp: {host: mail.local, port: 1025, tls: none, username: demo, "
            + "password: file:/tmp/demo/secrets/smtp-password}").doesNotContain("s3cret");
  }

  @Test
  void smtpUrlsGiveTheirHostPortTlsAndUserOrSayWhatIsWrong() {
    assertThat(DemoSpec.Smtp.parse("smtp://localhost:1025?tls=none")).isEqualTo(
        new DemoSpec.Smtp("localhost", 1025, null, null, "none", null));
    assertThat(DemoSpec.Smtp.parse("smtps://u:p@mail.example")).isEqualTo(
        new DemoSpec.Smtp("mail.example", 465, "u", "p", "tls", null));
    assertThat(DemoSpec.Smtp.parse("smtp://mail.example").port()).isEqualTo(587);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoSpec.Smtp.parse(
        "http://mail.example")).hasMessage("'http://mail.example' is not an SMTP URL. Expected "
            + "smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls] or smtps://...");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoSpec.Smtp.parse(
        "smtp://mail.example?tls=maybe")).hasMessageStartingWith("'tls=maybe': unknown.");
  }
}
