package dev.nines.demo;

import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The hook where a demo's past is laid before the live run: called once at start with the
 * demo's store open and the server not yet running, so that what it writes (buckets,
 * observations, incidents) is what the server's live windows start from. {@link #NONE} lays
 * nothing: the live run starts from an empty past.
 */
@FunctionalInterface
public interface DemoHistory {
  /**
   * What the history sees.
   *
   * @param now the real instant the live run starts at; history ends before it
   */
  record Context(Store store, Spec spec, Path specFile, Path outDir, Instant now, double speed) {}

  /** Writes the history into {@code context.store()}. */
  void write(Context context) throws Exception;

  /** No history. */
  DemoHistory NONE = context -> { };
}
