package dev.nines.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.spec.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusSliTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "sum(rate(x[{{.window}}]))|sum(rate(x[1m]))",
      "sum(rate(x[{{ .window }}])) / sum(rate(y[{{.window}}]))|sum(rate(x[1m])) / sum(rate(y[1m]))",
      "sum(rate(x[5m]))|sum(rate(x[5m]))"})
  void theWindowPlaceholderBecomesOneMinute(String query, String perMinute) {
    assertThat(PrometheusSli.perMinute(query)).isEqualTo(perMinute);
  }

  @Test
  void selectsEverySloWhoseQueriesGoToPrometheus() throws Exception {
    PrometheusSli.Selection s = PrometheusSli.select(SpecReader.read("t.yaml", PromFixture.spec()).spec());
    assertThat(s.slis()).containsExactly(
        new PrometheusSli("checkout-good", "sum(rate(http_requests_total{code!~\"5..\"}[{{.window}}]))",
            null, "sum(rate(http_requests_total[{{.window}}]))", null),
        new PrometheusSli("checkout-bad", null,
            "sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))",
            "sum(rate(http_requests_total[{{ .window }}]))", null),
        new PrometheusSli("checkout-ratio", null, null, null,
            "sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}])) "
                + "/ sum(rate(http_requests_total[{{.window}}]))"));
    assertThat(s.warnings()).containsExactly("slo 'checkout-ratio': an error ratio cannot be "
        + "weighted by traffic, so every minute with data counts as 1000000 events. Expected good "
        + "(or bad) and valid queries for event-weighted minutes");
  }

  @Test
  void warnsAboutThresholdSlisAndQueriesWithoutTheWindow() throws Exception {
    String spec = """
        apiVersion: nines/v1
        clients: [{name: acme}]
        services: [{name: checkout, client: acme}]
        slos:
          - name: smoothed
            service: checkout
            sli: {kind: availability, source: {prometheus: {good: 'sum(rate(ok[5m]))', valid: 'sum(rate(all[{{.window}}]))'}}}
            target: 99
            window: 30d
            owner: sre
          - name: lag
            service: checkout
            sli: {kind: availability, source: {metrics: {type: prometheus, threshold: {query: lag}, op: lt, value: 5}}}
            target: 99
            window: 30d
            owner: sre
          - name: datadog
            service: checkout
            sli: {kind: availability, source: {metrics: {type: datadog, good: {query: a}, valid: {query: b}}}}
            target: 99
            window: 30d
            owner: sre
        """;
    PrometheusSli.Selection s = PrometheusSli.select(SpecReader.read("t.yaml", spec).spec());
    assertThat(s.names()).containsExactly("smoothed");
    assertThat(s.warnings()).containsExactly(
        "slo 'smoothed': query 'sum(rate(ok[5m]))' has no {{.window}}; its value is taken as a "
            + "per-second rate over the range it names, so its minutes are smoothed. Expected "
            + "rate(...[{{.window}}]) for exact minutes",
        "slo 'lag': a Prometheus threshold SLI is not pulled. Expected good (or bad) and valid "
            + "queries, or an errorRatio query");
  }

  @Test
  void goodAndBadTogetherAreRefused() {
    assertThatThrownBy(() -> new PrometheusSli("s", "g", "b", "t", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s: queries good=g bad=b total=t errorRatio=null. Expected good or bad with "
            + "total, or errorRatio alone");
  }

  @Test
  void queriesListsThePresentOnesInOrder() {
    assertThat(new PrometheusSli("s", null, "b", "t", null).queries()).isEqualTo(List.of("b", "t"));
  }
}
