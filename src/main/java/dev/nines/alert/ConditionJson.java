package dev.nines.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A condition as the store keeps it: JSON, read back exactly. */
public final class ConditionJson {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConditionJson() {}

  public static String write(Condition c) {
    try {
      return JSON.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a condition of " + c.subject() + " cannot be written", e);
    }
  }

  /**
   * Reads a condition written by {@link #write}.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static Condition read(String json) {
    try {
      return JSON.readValue(json, Condition.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a stored condition: " + e.getOriginalMessage(), e);
    }
  }
}
