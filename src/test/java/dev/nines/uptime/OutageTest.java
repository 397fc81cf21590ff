package dev.nines.uptime;

import static dev.nines.uptime.Observations.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutageTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private static UptimeReport report(Map<String, String> byRegion, int quorum, long to) {
    Map<String, List<Observation>> observations = new LinkedHashMap<>();
    byRegion.forEach((r, text) -> observations.put(r, Observations.of(text)));
    return Uptime.compute(UptimeQuery.of(MonitorObservations.of("m", observations, TEN_SECONDS,
        quorum), AttributionTable.defaults(), List.of(), at(0), at(to)));
  }

  @Test
  void anOutageRunsFromTheLastOkCheckToTheFirstOkCheckWithItsUncertainEdges() {
    // The example: OK 0, OK 10, ERROR 20, ERROR 30, OK 40 is down 10–40, of which the
    // intervals 10–20 and 30–40 are uncertain; the uptime counts the same 30 s down.
    UptimeReport r = report(Map.of("eu", "OK 0; OK 10; ERROR 20; ERROR 30; OK 40; OK 50"), 1, 50);

    assertThat(Outage.of(r)).containsExactly(new Outage(at(10), at(40), 30_000, 20_000,
        List.of("eu"), false));
    assertThat(Outage.of(r).get(0).downMillis()).isEqualTo(r.uptime().downMillis());
  }

  @Test
  void upOrUnknownTimeBetweenTwoDownStretchesMakesTwoOutagesAndAnOpenOneIsOngoing() {
    UptimeReport r = report(Map.of("eu", "OK 0; ERROR 10; OK 20; OK 30; ERROR 40; ERROR 50"), 1,
        50);

    List<Outage> outages = Outage.of(r);
    assertThat(outages).hasSize(2);
    assertThat(outages.get(0)).isEqualTo(new Outage(at(0), at(20), 20_000, 20_000,
        List.of("eu"), false));
    assertThat(outages.get(1).start()).isEqualTo(at(30));
    assertThat(outages.get(1).end()).isEqualTo(at(50));
    assertThat(outages.get(1).ongoing()).isTrue();
    assertThat(outages.stream().mapToLong(Outage::downMillis).sum())
        .isEqualTo(r.uptime().downMillis());
  }

  @Test
  void theRegionsAreThoseThatSawErrorAndARegionalIncidentAloneIsNoOutage() {
    UptimeReport both = report(Map.of(
        "eu", "OK 0; ERROR 10; ERROR 20; OK 30",
        "us", "OK 0; ERROR 10; OK 20; OK 30",
        "ap", "OK 0; OK 10; OK 20; OK 30"), 2, 30);
    assertThat(Outage.of(both)).singleElement().extracting(Outage::regions)
        .isEqualTo(List.of("eu", "us"));

    UptimeReport one = report(Map.of(
        "eu", "OK 0; ERROR 10; ERROR 20; OK 30",
        "us", "OK 0; OK 10; OK 20; OK 30",
        "ap", "OK 0; OK 10; OK 20; OK 30"), 2, 30);
    assertThat(Outage.of(one)).isEmpty();
    assertThat(one.incidents()).isNotEmpty();
  }
}
