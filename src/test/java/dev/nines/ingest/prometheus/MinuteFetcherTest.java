package dev.nines.ingest.prometheus;

import static dev.nines.ingest.prometheus.PromFixture.M0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.MinuteBucket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Minutes read from a real Prometheus holding {@link PromFixture}'s data. */
@ExtendWith(TestPrometheus.Extension.class)
class MinuteFetcherTest {
  static MinuteFetcher fetcher;
  static List<PrometheusSli> slis;

  @BeforeAll
  static void connect(TestPrometheus prom) throws Exception {
    fetcher = new MinuteFetcher(new PrometheusClient(prom.url(), Duration.ofSeconds(10)));
    slis = PrometheusSli.select(SpecReader.read("t.yaml", PromFixture.spec()).spec()).slis();
  }

  private static List<MinuteBucket> buckets(List<BucketDelta> deltas) {
    return deltas.stream().map(d -> new MinuteBucket(d.minute(), d.good(), d.valid())).toList();
  }

  @Test
  void everyMinuteOfDataBecomesItsExactBucketAndOtherMinutesNone() throws Exception {
    for (PrometheusSli sli : slis) {
      assertThat(buckets(fetcher.fetch(sli, M0 - 5, M0 + 15)))
          .as(sli.slo()).isEqualTo(PromFixture.expected(sli.slo(), 0, 10));
    }
  }

  @Test
  void oneMinuteIsReadWithAnInstantQueryAndGivesTheSameBucket() throws Exception {
    for (PrometheusSli sli : slis) {
      assertThat(buckets(fetcher.fetch(sli, M0 + 6, M0 + 7)))
          .as(sli.slo()).isEqualTo(PromFixture.expected(sli.slo(), 6, 7));
    }
  }

  @Test
  void aRangeLongerThanOneRequestIsSplitWithoutLosingAMinute() throws Exception {
    long from = M0 + 3 - MinuteFetcher.MAX_MINUTES_PER_REQUEST;
    assertThat(buckets(fetcher.fetch(slis.get(0), from, M0 + 10)))
        .isEqualTo(PromFixture.expected("checkout-good", 0, 10));
  }

  @Test
  void aQueryWithSeveralSeriesIsRefused() {
    PrometheusSli bySeries = new PrometheusSli("by-code", null, null, null,
        "rate(http_requests_total[{{.window}}])");
    assertThatThrownBy(() -> fetcher.fetch(bySeries, M0, M0 + 1))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("rate(http_requests_total[1m]): 2 series. Expected one series (aggregate the "
            + "query, e.g. sum(...))");
  }
}
