package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTest {
  static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

  static Instant at(int s) {
    return T.plusSeconds(s);
  }

  @Test
  void eachStateHoldsUntilTheNextPointAndTimeBeforeTheFirstIsUnknown() {
    List<Segment> s = Segment.of(List.of(new Observation(at(10), State.OK),
        new Observation(at(20), State.OK), new Observation(at(30), State.ERROR),
        new Observation(at(40), State.OK)), at(0), at(60));
    assertThat(s).containsExactly(new Segment(at(0), at(10), State.UNKNOWN),
        new Segment(at(10), at(30), State.OK), new Segment(at(30), at(40), State.ERROR),
        new Segment(at(40), at(60), State.OK));
  }

  @Test
  void pointsOutsideTheRangeAreClipped() {
    List<Segment> s = Segment.of(List.of(new Observation(at(-50), State.ERROR),
        new Observation(at(5), State.OK), new Observation(at(100), State.ERROR)), at(0), at(60));
    assertThat(s).containsExactly(new Segment(at(0), at(5), State.ERROR),
        new Segment(at(5), at(60), State.OK));
  }

  @Test
  void noPointsIsOneUnknownSegment() {
    assertThat(Segment.of(List.of(), at(0), at(60)))
        .containsExactly(new Segment(at(0), at(60), State.UNKNOWN));
  }
}
