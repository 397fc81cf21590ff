package dev.nines.demo;

import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.nio.file.Path;
import java.util.List;

/**
 * One thing the demo writes into its output folder at start (the rules, the Grafana tree, and
 * later reports and proposals): steps run in order after the history, with the store open.
 * A step that throws stops the start with its message.
 */
public interface OutputStep {
  /** What a step sees. */
  record Context(Path specFile, Spec spec, Path outDir, Store store) {}

  /** A short name for messages, e.g. {@code rules}. */
  String name();

  /** Writes the output; returns what it wrote (files or folders), for the start banner. */
  List<Path> write(Context context) throws Exception;
}
