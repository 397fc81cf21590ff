package dev.nines.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.MaintenanceSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceCalendarTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Spec spec(MaintenanceSpec... windows) {
    return new Spec(BERLIN, List.of("eu"), List.of(), List.of(new ServiceSpec("platform", null,
        null, List.of(), List.of(), Map.of(), 0)), List.of(), List.of(), List.of(),
        List.of(windows));
  }

  @Test
  void aWeeklyWindowStaysAtLocalTwoOClockAcrossTheDstChange() {
    // Sundays 02:00-03:00 Berlin time, from 2027-03-21 (CET, UTC+1).
    MaintenanceCalendar c = MaintenanceCalendar.of(spec(new MaintenanceSpec("platform",
        Instant.parse("2027-03-21T01:00:00Z"), Instant.parse("2027-03-21T02:00:00Z"),
        "weekly patching", "FREQ=WEEKLY;BYDAY=SU")), List.of());
    List<MaintenanceWindow> w = c.between(Instant.parse("2027-03-20T00:00:00Z"),
        Instant.parse("2027-04-05T00:00:00Z"));
    assertThat(w).extracting(MaintenanceWindow::start).containsExactly(
        Instant.parse("2027-03-21T01:00:00Z"),
        // 2027-03-28 is the spring change: 02:00 local does not exist, so it moves to 03:00 CEST
        Instant.parse("2027-03-28T01:00:00Z"),
        Instant.parse("2027-04-04T00:00:00Z"));      // 02:00 CEST
    assertThat(w).allMatch(x -> x.reason().equals("weekly patching")
        && x.source() == MaintenanceWindow.Source.SPEC);
  }

  @Test
  void aWindowGoingOnAtTheStartOfTheRangeIsIncluded() {
    MaintenanceCalendar c = MaintenanceCalendar.of(spec(new MaintenanceSpec("platform",
        Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-01T04:00:00Z"),
        "nightly", "FREQ=DAILY")), List.of());
    assertThat(c.at("platform", Instant.parse("2026-11-10T03:59:59Z"))).isNotNull()
        .extracting(MaintenanceWindow::start).isEqualTo(Instant.parse("2026-11-10T02:00:00Z"));
    assertThat(c.at("platform", Instant.parse("2026-11-10T04:00:00Z"))).isNull();
    assertThat(c.at("platform", Instant.parse("2026-10-31T03:00:00Z"))).isNull();
    assertThat(c.at("other", Instant.parse("2026-11-10T03:00:00Z"))).isNull();
  }

  @Test
  void aCountEndsTheSeries() {
    MaintenanceCalendar c = MaintenanceCalendar.of(spec(new MaintenanceSpec("platform",
        Instant.parse("2026-11-02T02:00:00Z"), Instant.parse("2026-11-02T02:30:00Z"), null,
        "FREQ=MONTHLY;BYDAY=1MO;COUNT=2")), List.of());
    assertThat(c.between(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-06-01T00:00:00Z"))).extracting(MaintenanceWindow::start)
        .containsExactly(Instant.parse("2026-11-02T02:00:00Z"),
            Instant.parse("2026-12-07T02:00:00Z"));
  }

  @Test
  void storedWindowsAndSpecWindowsAreMergedByStart() {
    MaintenanceWindow api = new MaintenanceWindow(7, "platform",
        Instant.parse("2026-11-05T10:00:00Z"), Instant.parse("2026-11-05T10:30:00Z"),
        "hotfix", MaintenanceWindow.Source.API, Instant.parse("2026-11-05T11:00:00Z"), "sam");
    MaintenanceCalendar c = MaintenanceCalendar.of(spec(new MaintenanceSpec("platform",
        Instant.parse("2026-11-08T01:00:00Z"), Instant.parse("2026-11-08T02:00:00Z"),
        "upgrade")), List.of(api));
    assertThat(c.between(Instant.parse("2026-11-01T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"))).extracting(MaintenanceWindow::reason)
        .containsExactly("hotfix", "upgrade");
    assertThat(api.addedAfterTheFact()).isTrue();
  }

  @Test
  void anInvalidRuleSaysWhatIsWrong() {
    assertThatThrownBy(() -> Recurrence.parse("FREQ=FORTNIGHTLY", Instant.EPOCH, BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'FREQ=FORTNIGHTLY' is not a recurrence rule (")
        .hasMessageEndingWith("). Expected an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SU");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=MINUTELY", Instant.EPOCH, BERLIN))
        .hasMessage("'FREQ=MINUTELY' repeats every minute. Expected HOURLY or a longer "
            + "frequency");
  }
}
