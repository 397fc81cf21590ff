package dev.nines.live;

import java.util.ArrayDeque;
import java.util.Collection;

/**
 * Items waiting for the next flush, at most {@code bound} of them, oldest first. Producers
 * either are refused past the bound ({@link #offerAll}, for callers that can retry) or push
 * the oldest out ({@link #keepAll}, for what cannot wait anywhere else). Thread-safe.
 */
final class WaitingQueue<T> {
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final int bound;
  private long dropped;

  WaitingQueue(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound " + bound + ". Expected at least 1");
    }
    this.bound = bound;
  }

  /**
   * Adds every item, or none when that would pass the bound while others are waiting (a
   * batch larger than the bound is taken when the queue is empty).
   *
   * @return whether they were added
   */
  synchronized boolean offerAll(Collection<? extends T> more) {
    if (!items.isEmpty() && items.size() + more.size() > bound) {
      return false;
    }
    items.addAll(more);
    return true;
  }

  /**
   * Adds every item, dropping the oldest waiting ones past the bound.
   *
   * @return how many were dropped
   */
  synchronized int keepAll(Collection<? extends T> more) {
    items.addAll(more);
    int over = Math.max(0, items.size() - bound);
    for (int i = 0; i < over; i++) {
      items.pollFirst();
    }
    dropped += over;
    return over;
  }

  /** The oldest item, taken out, or null. */
  synchronized T poll() {
    return items.pollFirst();
  }

  /** Takes out every waiting item that {@code gone} accepts; returns how many. */
  synchronized int removeIf(java.util.function.Predicate<? super T> gone) {
    int before = items.size();
    items.removeIf(gone);
    return before - items.size();
  }

  synchronized int size() {
    return items.size();
  }

  /** Items pushed out by {@link #keepAll} so far. */
  synchronized long dropped() {
    return dropped;
  }
}
