package dev.nines.slo;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-minute good and valid counts of one SLI over the last {@code capacity} minutes, kept in
 * a ring at four bytes a minute: good and valid interleaved as 16-bit counts, with the rare
 * minute of 65,535 events or more held exactly in a side map. Minutes are epoch minutes. A
 * mutable accumulator; not thread-safe.
 */
public final class MinuteRing {
  private static final int WIDE = 0xFFFF;
  /** Ints sum at most this many 16-bit values without overflow. */
  private static final int CHUNK = 32_767;

  private final int capacity;
  private final char[] data;
  private final Map<Integer, long[]> wide = new HashMap<>();
  private long newest;

  /**
   * An empty ring.
   *
   * @param newestMinute the minute the ring starts at; earlier minutes read as zero
   */
  public MinuteRing(int capacity, long newestMinute) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " is not positive");
    }
    this.capacity = capacity;
    this.data = new char[2 * capacity];
    this.newest = newestMinute;
  }

  public int capacity() {
    return capacity;
  }

  /** The newest minute the ring has reached. */
  public long newestMinute() {
    return newest;
  }

  /** Whether {@code minute} is still held (not older than capacity minutes before the newest). */
  public boolean holds(long minute) {
    return minute > newest - capacity;
  }

  /**
   * Adds events to a minute, moving the ring forward when the minute is newer than any seen.
   *
   * @return false, changing nothing, when the minute has already left the ring
   */
  public boolean add(long minute, long good, long valid) {
    if (good < 0 || valid < good) {
      throw new IllegalArgumentException("counts good=" + good + " valid=" + valid
          + " are inconsistent. Expected 0 <= good <= valid");
    }
    if (minute > newest) {
      advanceTo(minute);
    } else if (!holds(minute)) {
      return false;
    }
    int slot = slot(minute);
    long[] big = data[2 * slot + 1] == WIDE ? wide.get(slot) : null;
    if (big == null) {
      long g = data[2 * slot] + good;
      long v = data[2 * slot + 1] + valid;
      if (v < WIDE) {
        data[2 * slot] = (char) g;
        data[2 * slot + 1] = (char) v;
        return true;
      }
      big = new long[] {data[2 * slot], data[2 * slot + 1]};
      wide.put(slot, big);
      data[2 * slot] = WIDE;
      data[2 * slot + 1] = WIDE;
    }
    big[0] += good;
    big[1] += valid;
    return true;
  }

  /** Moves the newest minute forward, clearing the minutes that fall out. */
  public void advanceTo(long minute) {
    if (minute <= newest) {
      return;
    }
    long from = Math.max(newest + 1, minute - capacity + 1);
    for (long m = from; m <= minute; m++) {
      int slot = slot(m);
      data[2 * slot] = 0;
      data[2 * slot + 1] = 0;
      if (!wide.isEmpty()) {
        wide.remove(slot);
      }
    }
    newest = minute;
  }

  /** Good events of one minute (0 when not held). */
  public long good(long minute) {
    return read(minute, 0);
  }

  /** Valid events of one minute (0 when not held). */
  public long valid(long minute) {
    return read(minute, 1);
  }

  private long read(long minute, int field) {
    if (minute > newest || !holds(minute)) {
      return 0;
    }
    int slot = slot(minute);
    char c = data[2 * slot + field];
    if (c == WIDE) {
      long[] big = wide.get(slot);
      if (big != null) {
        return big[field];
      }
    }
    return c;
  }

  /**
   * Adds the good and valid events of minutes [from, to) to {@code acc[0]} and {@code acc[1]};
   * minutes not held count as zero.
   */
  public void sumInto(long from, long to, long[] acc) {
    long lo = Math.max(from, newest - capacity + 1);
    long hi = Math.min(to, newest + 1);
    if (lo >= hi) {
      return;
    }
    int start = slot(lo);
    long n = hi - lo;
    int first = (int) Math.min(n, capacity - start);
    sumSlots(start, first, acc);
    if (first < n) {
      sumSlots(0, (int) (n - first), acc);
    }
    if (!wide.isEmpty()) {
      for (Map.Entry<Integer, long[]> e : wide.entrySet()) {
        long m = minuteOf(e.getKey());
        if (m >= lo && m < hi) {
          acc[0] += e.getValue()[0] - WIDE;
          acc[1] += e.getValue()[1] - WIDE;
        }
      }
    }
  }

  private void sumSlots(int start, int count, long[] acc) {
    int end = start + count;
    for (int chunk = start; chunk < end; chunk += CHUNK) {
      int stop = Math.min(end, chunk + CHUNK);
      int g = 0;
      int v = 0;
      for (int i = 2 * chunk; i < 2 * stop; i += 2) {
        g += data[i];
        v += data[i + 1];
      }
      acc[0] += g;
      acc[1] += v;
    }
  }

  private int slot(long minute) {
    return (int) Math.floorMod(minute, (long) capacity);
  }

  /** The held minute stored in {@code slot}. */
  private long minuteOf(int slot) {
    long offset = Math.floorMod(newest - slot, (long) capacity);
    return newest - offset;
  }
}
