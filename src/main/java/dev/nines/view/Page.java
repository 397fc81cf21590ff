package dev.nines.view;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page the page number, from 1
 * @param size the most items a page holds
 * @param total items in the whole list
 */
public record Page<T>(List<T> items, int page, int size, int total) {
  /** Largest page size accepted. */
  public static final int MAX_SIZE = 1_000;

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page {@code page} of {@code all}.
   *
   * @throws IllegalArgumentException for a page below 1 or a size outside 1..{@link #MAX_SIZE}
   */
  public static <T> Page<T> of(List<T> all, int page, int size) {
    check(page, size);
    long from = (long) (page - 1) * size;
    List<T> items = from >= all.size() ? List.of()
        : all.subList((int) from, (int) Math.min(all.size(), from + size));
    return new Page<>(items, page, size, all.size());
  }

  /**
   * Checks a page request for lists paged where they are stored.
   *
   * @throws IllegalArgumentException for a page below 1 or a size outside 1..{@link #MAX_SIZE}
   */
  public static void check(int page, int size) {
    if (page < 1) {
      throw new IllegalArgumentException("page: " + page + " is out of range. Expected 1 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size: " + size + " is out of range. Expected 1 to "
          + MAX_SIZE);
    }
  }

  /** Pages in the whole list (at least 1). */
  public int pages() {
    return Math.max(1, (total + size - 1) / size);
  }
}
