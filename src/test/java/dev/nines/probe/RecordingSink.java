package dev.nines.probe;

import dev.nines.uptime.Observation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link ProbeSink} that keeps everything, with an optional hook per observation. */
final class RecordingSink implements ProbeSink {
  record Seen(String monitor, String region, Observation observation, String message) {}

  final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  final List<Seen> observations = new CopyOnWriteArrayList<>();
  private final Consumer<Seen> hook;

  RecordingSink() {
    this(s -> { });
  }

  RecordingSink(Consumer<Seen> hook) {
    this.hook = hook;
  }

  @Override public void attempt(Attempt attempt) {
    attempts.add(attempt);
  }

  @Override public void observation(String monitor, String region, Observation observation,
      String message) {
    Seen seen = new Seen(monitor, region, observation, message);
    observations.add(seen);
    hook.accept(seen);
  }

  List<Attempt> attempts(String monitor) {
    return attempts.stream().filter(a -> a.monitor().equals(monitor)).toList();
  }

  List<Seen> observations(String monitor) {
    return observations.stream().filter(s -> s.monitor().equals(monitor)).toList();
  }
}
