package dev.nines.ingest;

import dev.nines.model.RequestEvent;
import java.util.List;

/**
 * The valid events of a request body, where each stood in the body ({@code positions}), and
 * the errors of the invalid ones.
 */
public record ParsedEvents(List<RequestEvent> events, List<Integer> positions,
    List<ItemError> errors) {
  public ParsedEvents {
    events = List.copyOf(events);
    positions = List.copyOf(positions);
    errors = List.copyOf(errors);
  }

  /** Items in the body, valid or not. */
  public int items() {
    return events.size() + errors.size();
  }
}
