package dev.nines.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server has opened so far, closed in reverse order: the last thing opened (the HTTP
 * server, so requests stop first) is closed first and the store last. Every close is tried
 * even when an earlier one fails; failures are logged.
 */
final class Opened implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Opened.class);

  private record Entry(String what, AutoCloseable closer) {}

  private final Deque<Entry> stack = new ArrayDeque<>();

  /** Remembers {@code c}, named {@code what}, to close before everything opened earlier. */
  synchronized <T extends AutoCloseable> T add(String what, T c) {
    stack.push(new Entry(what, c));
    return c;
  }

  /** Closes everything, newest first; a second call does nothing. */
  @Override public void close() {
    for (Entry e; (e = next()) != null; ) {
      try {
        e.closer().close();
      } catch (Exception | LinkageError failure) {
        LOG.warn("closing the {} failed: {}", e.what(), failure.toString());
      }
    }
  }

  private synchronized Entry next() {
    return stack.poll();
  }
}
