package dev.nines.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A response body as text, parsed as JSON at most once and only when a JSON path asks for it.
 */
final class BodyText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private JsonNode json;
  private String jsonError;

  BodyText(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** The parsed document, or null when the body is not JSON (see {@link #jsonError()}). */
  JsonNode json() {
    if (json == null && jsonError == null) {
      try {
        json = JSON.readTree(text);
        if (json == null || json.isMissingNode()) {
          json = null;
          jsonError = "empty";
        }
      } catch (JsonProcessingException e) {
        jsonError = e.getOriginalMessage();
      }
    }
    return json;
  }

  /** Why the body is not JSON, after {@link #json()} returned null. */
  String jsonError() {
    return jsonError;
  }
}
