package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.ChannelSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.Target;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecWriterTest {

  private static final String SMALL = """
      apiVersion: nines/v1
      timeZone: Europe/Berlin
      regions: [eu, us]
      clients:
        - {name: acme, displayName: acme}
      services:
        - name: platform
          client: acme
          endpoints:
            - {path: /orders, method: get, critical: true}
            - {path: /faq, critical: false}
      slos:
        - name: orders-fast
          service: platform
          endpoint: /orders
          sli: {kind: latency, threshold: 300ms}
          target: "99.90"
          window: 30d
          owner: client
          audience: client
          alerting:
            windows:
              - {severity: page, long: 1h, short: 5m, budgetConsumed: 2%}
              - {severity: ticket, long: 1d, budgetConsumed: 0.1}
        - name: uptime
          service: platform
          sli: {kind: uptime, source: {monitors: [health]}}
          target: 99.95
          window: {calendar: month, timeZone: Europe/Berlin}
          alerting:
            windows:   # the defaults, written out
              - {severity: page, long: 1h, short: 5m, budgetConsumed: 0.02}
              - {severity: page, long: 6h, short: 30m, budgetConsumed: 0.05}
              - {severity: ticket, long: 1d, short: 2h, budgetConsumed: 0.1}
              - {severity: ticket, long: 3d, short: 6h, budgetConsumed: 0.1}
      monitors:
        - name: health
          service: platform
          kind: http
          interval: 30s
          timeout: 10s
          retries: 0
          retryInterval: 5s
          request: {url: "https://api.acme.example/healthz", expectStatus: [200]}
      channels:
        - {name: oncall, kind: webhook, audience: internal, url: "env:ONCALL_URL"}
        - {name: notices, kind: email, audience: client, to: [a@acme.example, b@acme.example]}
      """;

  @Test
  void writesASmallSpecCompactlyLeavingOutWhatTheReaderRestores() throws Exception {
    assertThat(SpecWriter.write(read(SMALL))).isEqualTo("""
        apiVersion: nines/v1
        timeZone: Europe/Berlin
        regions:
          - eu
          - us

        clients:
          - name: acme

        services:
          - name: platform
            client: acme
            endpoints:
              - path: /orders
                critical: true
              - path: /faq

        slos:
          - name: orders-fast
            service: platform
            endpoint: /orders
            sli:
              kind: latency
              threshold: 300ms
              source: events
            target: 99.90
            window: 30d
            owner: client
            audience: client
            alerting:
              windows:
                - severity: page
                  long: 1h
                  short: 5m
                  budgetConsumed: 2%
                - severity: ticket
                  long: 1d
                  budgetConsumed: 10%

          - name: uptime
            service: platform
            sli:
              kind: uptime
              source:
                monitors:
                  - health
            target: 99.95
            window: month

        monitors:
          - name: health
            service: platform
            kind: http
            interval: 30s
            request:
              url: https://api.acme.example/healthz
              expectStatus:
                - 200

        channels:
          - name: oncall
            kind: webhook
            url: env:ONCALL_URL
          - name: notices
            kind: email
            audience: client
            to:
              - a@acme.example
              - b@acme.example
        """);
  }

  @Test
  void theLogisticsExampleReadsBackEqualAfterWriting() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    assertThat(read(SpecWriter.write(spec))).isEqualTo(spec);
  }

  @Test
  void aSpecWithEveryOptionalFieldReadsBackEqualAfterWriting() throws Exception {
    Spec spec = SpecReader.read(Path.of("src/test/resources/spec/every-field.yaml")).spec();
    String written = SpecWriter.write(spec);
    assertThat(read(written)).isEqualTo(spec);
    assertThat(SpecWriter.write(read(written))).isEqualTo(written);
  }

  @Test
  void theEveryFieldSpecWritesEveryOptionalFieldOfTheFormat() throws Exception {
    String written = SpecWriter.write(
        SpecReader.read(Path.of("src/test/resources/spec/every-field.yaml")).spec());
    // Each optional field the reader knows appears in the output, so the round trip above
    // really covers it and the writer drops nothing silently.
    assertThat(written).contains("displayName: Acme Logistics", "statusPage: true",
        "role: platform owner", "quorum: 2", "method: POST", "critical: true",
        "OK->UNKNOWN: down", "badStatuses:", "target: 99.90", "timeZone: America/New_York",
        "approver: Dana Fischer", "reason: |-", "tier: \"1\"", "timeSliceTarget: 95%",
        "method: ratio-timeslices", "name: OrdersLatency", "routing: pager", "enabled: false",
        "factor: 6.0", "budgetConsumed: 10%", "windows: []", "window: 28d", "window: quarter",
        "bad: \"sum(rate(errors_total[5m]))\"", "errorRatio: job:error_ratio:rate5m",
        "count: attempts", "depth: deep", "retries: 3", "retryInterval: 10s", "method: HEAD",
        "X-Probe: nines", "maxResponseTime: 1s500ms", "followRedirects: false",
        "verifyTls: false", "version: $.version", "regex: ^ok", "equals: ok",
        "target: api.acme.example:5432", "warnDays: 30", "failDays: 10", "budget: 45s",
        "url: file:/run/secrets/slack-url");
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({"0.02, 2%, 0.02", "0.025, 2.5%, 0.025", "0.10, 10%, 0.1", "1.00, 100%, 1",
      "0.0200, 2%, 0.02", "0.1, 10%, 0.1", "1, 100%, 1"})
  void budgetSharesAreWrittenAsPercentagesAndReadBackNormalised(String share, String written,
      String readBack) {
    assertThat(SloWriter.share(new BigDecimal(share)).asText()).isEqualTo(written);
    assertThat(SloReader.share(written)).isEqualTo(new BigDecimal(readBack));
  }

  @Test
  void aTargetWithANegativeScaleReadsBackEqual() throws Exception {
    // OpenSLO's 0.5 becomes 50 through Target.ofRatio, never 5E+1.
    Spec spec = withSlo(read(SMALL), 0, s -> new SloSpec(s.name(), s.service(), s.endpoint(),
        s.description(), s.sli(), Target.ofRatio(new BigDecimal("0.5")), s.window(), s.owner(),
        s.approver(), s.reason(), s.audience(), s.budgeting(), s.alerting(), s.labels()));
    assertThat(read(SpecWriter.write(spec))).isEqualTo(spec);
  }

  @Test
  void aThresholdMetricIsWrittenInTheGeneralMetricsForm() throws Exception {
    Spec spec = withSource(new SliSource.Threshold(MetricQuery.prometheus("latency"), "lt", 0.5));
    String yaml = SpecWriter.write(spec);
    assertThat(yaml).contains("metrics:", "type: prometheus", "threshold:", "op: lt", "value: 0.5");
    assertThat(read(yaml)).isEqualTo(spec);
  }

  @Test
  void aQueryOfAnotherBackendIsWrittenWithItsTypeAndReadsBackEqual() throws Exception {
    Spec spec = withSource(new SliSource.RawErrorRatio(
        new MetricQuery("datadog", "dd-eu", Map.of("query", "errors", "aggregation", "sum"))));
    String yaml = SpecWriter.write(spec);
    assertThat(yaml).contains("type: datadog", "ref: dd-eu", "errorRatio:");
    assertThat(read(yaml)).isEqualTo(spec);
  }

  @Test
  void queriesOnTwoDataSourcesAreRejectedNamingTheSlo() throws Exception {
    Spec spec = withSource(new SliSource.Ratio(MetricQuery.prometheus("good"), null,
        new MetricQuery("prometheus", "prom-eu", Map.of("query", "total"))));
    assertThatThrownBy(() -> SpecWriter.write(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SLO 'orders-fast': sli.source mixes data sources (prometheus and "
            + "prometheus on prom-eu), which the native format cannot express. Expected one data "
            + "source per SLI");
  }

  @Test
  void aWebhookCapOnAlertsPerMessageIsWrittenAsANumber() throws Exception {
    Spec spec = read(SMALL.replace("url: \"env:ONCALL_URL\"}",
        "url: \"env:ONCALL_URL\", maxAlerts: 20}"));
    String written = SpecWriter.write(spec);
    assertThat(written).contains("maxAlerts: 20\n");
    assertThat(read(written)).isEqualTo(spec);
  }

  @Test
  void aChannelSettingTheFormatCannotExpressIsRejectedNamingTheChannel() throws Exception {
    Spec spec = withChannel(new ChannelSpec("oncall", "webhook", null,
        Map.of("url", "env:URL", "token", "env:TOKEN")));
    assertThatThrownBy(() -> SpecWriter.write(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 'oncall': setting 'token' cannot be written in the native format. "
            + "Expected only url, secret, maxAlerts for webhook channels");
  }

  @Test
  void aChannelKindTheReaderDoesNotKnowIsRejectedNamingTheChannel() throws Exception {
    Spec spec = withChannel(new ChannelSpec("pager", "pagerduty", null, Map.of()));
    assertThatThrownBy(() -> SpecWriter.write(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 'pager': kind 'pagerduty' cannot be written in the native format. "
            + "Expected email, webhook, slack or alertmanager");
  }

  private static Spec read(String text) throws SpecException {
    return SpecReader.read("t.yaml", text).spec();
  }

  private static Spec withSource(SliSource source) throws SpecException {
    return withSlo(read(SMALL), 0, s -> new SloSpec(s.name(), s.service(), s.endpoint(),
        s.description(), new SliSpec(s.sli().kind(), s.sli().threshold(), source,
        s.sli().badStatuses()), s.target(), s.window(), s.owner(), s.approver(), s.reason(),
        s.audience(), s.budgeting(), s.alerting(), s.labels()));
  }

  private static Spec withSlo(Spec spec, int index, UnaryOperator<SloSpec> change) {
    List<SloSpec> slos = new java.util.ArrayList<>(spec.slos());
    slos.set(index, change.apply(slos.get(index)));
    return new Spec(spec.timeZone(), spec.regions(), spec.clients(), spec.services(), slos,
        spec.monitors(), spec.channels());
  }

  private static Spec withChannel(ChannelSpec channel) throws SpecException {
    Spec spec = read(SMALL);
    return new Spec(spec.timeZone(), spec.regions(), spec.clients(), spec.services(),
        spec.slos(), spec.monitors(), List.of(channel));
  }
}
