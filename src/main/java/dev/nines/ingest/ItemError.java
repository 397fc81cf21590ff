package dev.nines.ingest;

/** Why one item of a batch was rejected: its index in the batch and a message naming the field. */
public record ItemError(int index, String message) {
  @Override public String toString() {
    return "[" + index + "]" + (message.startsWith(".") ? "" : ": ") + message;
  }
}
