package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure part of grouping: keys, the interval grid, titles, the stored form. */
class AlertGroupTest {
  private static final Instant T0 = FakeClock.NOW;

  @ParameterizedTest(name = "{0} is about {1}")
  @CsvSource({
      "burn-rate:pay:page@1795000000000:firing:1795000030000, burn-rate:pay:page@1795000000000",
      "burn-rate:pay:page@1795000000000:resolved:1795000900000, burn-rate:pay:page@1795000000000",
      "monitor-down:shop@1795000000000:repeat:1795014400000, monitor-down:shop@1795000000000",
      "report-2026-10, report-2026-10",
      "odd:key, odd:key"})
  void theOccurrenceOfAMessageIsItsKeyWithoutTransitionAndTime(String key, String occurrence) {
    assertThat(AlertGroups.occurrence(key)).isEqualTo(occurrence);
  }

  @ParameterizedTest(name = "a change {0} s after the last look waits until {1} s")
  @CsvSource({"1, 300", "299, 300", "300, 300", "301, 600", "3600, 3600", "3601, 3900"})
  void aChangeWaitsForTheNextTickOfTheGroupInterval(long after, long tick) {
    AlertGroup g = new AlertGroup("k", Map.of("service", "checkout"), T0, 1, T0, T0,
        java.util.List.of());
    assertThat(g.nextTick(T0.plusSeconds(after), Duration.ofMinutes(5)))
        .isEqualTo(T0.plusSeconds(tick));
  }

  @Test
  void theGroupKeyIsSpelledAsAlertmanagerSpellsIt() {
    assertThat(AlertGroups.groupKey(Map.of("service", "checkout", "client", "acme")))
        .isEqualTo("{}:{client=\"acme\", service=\"checkout\"}");
    assertThat(AlertGroups.groupKey(Map.of("service", "a\"b")))
        .isEqualTo("{}:{service=\"a\\\"b\"}");
  }

  @Test
  void aGroupWithoutAServiceSaysSoInItsTitle() {
    AlertGroup g = AlertGroup.start("{}:{service=\"\"}", Map.of("service", ""), T0)
        .with(new AlertGroup.Member("x@1", AlertGroupsTest.alert("", "probe-eu", "ticket", true,
            T0), null));
    assertThat(g.flush(T0, Duration.ofHours(4)).message().title())
        .isEqualTo("alerts without a service: 1 alert firing (1 ticket)");
  }

  @Test
  void theStoredFormReadsBackTheSameGroup() {
    AlertGroup g = AlertGroup.start("{}:{service=\"checkout\"}", Map.of("service", "checkout"),
        T0).with(new AlertGroup.Member("a@1", AlertGroupsTest.alert("checkout", "pay", "page",
            true, T0), Notification.Status.FIRING))
        .with(new AlertGroup.Member("b@1", AlertGroupsTest.alert("checkout", "cart", "ticket",
            false, T0.plusSeconds(60)), null));
    java.util.List<AlertGroup.Member> members = g.members().stream().map(AlertGroup::stored)
        .map(AlertGroup::member).toList();
    assertThat(AlertGroup.read(g.json(), members)).isEqualTo(g);
    AlertGroup.Flush f = g.flush(T0.plusSeconds(90), Duration.ofHours(4));
    assertThat(AlertGroup.read(f.next().json(), f.next().members())).isEqualTo(f.next());
    assertThat(f.next().sent()).as("nothing changed: a known firing, a resolution nobody was "
        + "told of").isZero();
    assertThat(f.next().members()).extracting(AlertGroup.Member::id).containsExactly("a@1");
    assertThat(f.message()).isNull();
  }

  @Test
  void aGroupMessageReadsBackWithItsAlerts() {
    AlertGroup g = AlertGroup.start("{}:{service=\"checkout\"}", Map.of("service", "checkout"),
        T0).with(new AlertGroup.Member("a@1", AlertGroupsTest.alert("checkout", "pay", "page",
            true, T0), null));
    Notification message = g.flush(T0.plusSeconds(30), Duration.ofHours(4)).message();
    assertThat(message.group()).isTrue();
    assertThat(NotificationJson.read(NotificationJson.write(message))).isEqualTo(message);
  }
}
