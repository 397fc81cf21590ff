package dev.nines.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A hand-driven {@link ProbeClock}: time moves only in {@link #advance}, which runs due tasks. */
final class FakeProbeClock implements ProbeClock {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  FakeProbeClock(Instant start) {
    this.now = start;
  }

  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long sequence;
    final Runnable body;
    volatile boolean cancelled;

    Task(Instant at, long sequence, Runnable body) {
      this.at = at;
      this.sequence = sequence;
      this.body = body;
    }

    @Override public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  @Override public synchronized Instant now() {
    return now;
  }

  @Override public synchronized Cancellable schedule(Instant at, Runnable body) {
    Task task = new Task(at.isBefore(now) ? now : at, sequence++, body);
    tasks.add(task);
    return () -> task.cancelled = true;
  }

  /** Moves time forward by {@code d}, running every task due on the way, in time order. */
  void advance(Duration d) {
    Instant target;
    synchronized (this) {
      target = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at.isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.at;
      }
      if (!next.cancelled) {
        next.body.run();
      }
    }
  }

  /**
   * Moves time forward by {@code d} without running what falls due meanwhile, as a check
   * that stalls its thread sees it: the tasks run at the next {@link #advance}.
   */
  synchronized void jump(Duration d) {
    now = now.plus(d);
  }

  /** The number of tasks still waiting (cancelled ones included). */
  synchronized int pending() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }
}
