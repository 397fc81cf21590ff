package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static int count(Arrivals a, Instant from, Duration span) {
    int n = 0;
    Instant end = from.plus(span);
    for (Instant t = a.next(from); t.isBefore(end); t = a.next(t)) {
      n++;
    }
    return n;
  }

  @Test
  void aConstantRateGivesThatManyArrivalsAnHour() {
    // Night ratio 1: the shape is flat at 2 requests per second.
    TrafficShape flat = new TrafficShape(2, 1, 1, BERLIN);
    Instant start = Instant.parse("2026-11-18T10:00:00Z");
    Arrivals a = new Arrivals(flat, new DemoTime(start, 1), new SplittableRandom(7));
    // 7,200 expected; a Poisson count's standard deviation is about 85.
    assertThat(count(a, start, Duration.ofHours(1))).isBetween(7_200 - 340, 7_200 + 340);
  }

  @Test
  void theBerlinAfternoonHasAboutFiveTimesTheTrafficOfTheNight() {
    Instant night = LocalDateTime.parse("2026-11-18T02:30").atZone(BERLIN).toInstant();
    Instant afternoon = LocalDateTime.parse("2026-11-18T14:30").atZone(BERLIN).toInstant();
    Arrivals a = new Arrivals(TrafficShape.DEFAULT, new DemoTime(night, 1),
        new SplittableRandom(11));
    int atNight = count(a, night, Duration.ofHours(1));
    int inTheAfternoon = count(a, afternoon, Duration.ofHours(1));
    assertThat(atNight).isBetween(3_600 - 240, 3_600 + 240);           // 1 per second
    assertThat((double) inTheAfternoon / atNight).isBetween(4.3, 5.2);
  }

  @Test
  void atSpeedTwentyFourTheDayPassesInAnHourOfRealArrivals() {
    Instant midnight = LocalDateTime.parse("2026-11-18T00:00").atZone(BERLIN).toInstant();
    Arrivals a = new Arrivals(TrafficShape.DEFAULT, new DemoTime(midnight, 24),
        new SplittableRandom(3));
    // The first real 12.5 minutes are the simulated night (00:00 to 05:00), the next 25
    // minutes the working day (05:00 to 15:00).
    double night = count(a, midnight, Duration.ofSeconds(750)) / 750.0;
    double day = count(a, midnight.plusSeconds(750), Duration.ofSeconds(1500)) / 1500.0;
    assertThat(night).isBetween(0.9, 1.3);
    assertThat(day).isGreaterThan(2.5 * night);
  }
}
