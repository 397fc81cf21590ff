package dev.nines.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Each monitor's schedule grid: the instants {@code offset + k * interval} since the epoch,
 * with an offset in {@code [0, interval)} taken from a hash of the monitor's name. Monitors
 * are thereby spread evenly over their interval (no thundering herd), the same way in every
 * region and after every restart.
 */
final class Slots {
  private Slots() {}

  /** The name's offset into the interval, in milliseconds. */
  static long offsetMillis(String name, Duration interval) {
    return Math.floorMod(mix(fnv1a(name)), intervalMillis(interval));
  }

  /** The first slot at or after {@code t}. */
  static Instant atOrAfter(String name, Duration interval, Instant t) {
    long iv = intervalMillis(interval);
    long offset = offsetMillis(name, interval);
    long millis = t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
    long k = Math.ceilDiv(millis - offset, iv);
    return Instant.ofEpochMilli(k * iv + offset);
  }

  /** The first slot strictly after {@code t}. */
  static Instant after(String name, Duration interval, Instant t) {
    Instant slot = atOrAfter(name, interval, t);
    return slot.equals(t) ? slot.plus(interval) : slot;
  }

  private static long intervalMillis(Duration interval) {
    return Math.max(1, interval.toMillis());
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  /** The MurmurHash3 finalizer: similar names land far apart. */
  private static long mix(long h) {
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
