package dev.nines.store;

import java.util.List;

/** One page of a list read from the store, and how many rows match in all. */
public record Slice<T>(List<T> items, long total) {
  public Slice {
    items = List.copyOf(items);
  }
}
