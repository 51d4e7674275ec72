package dev.gantry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gantry.internal.Json;

/** The API's JSON: Gantry's mapper with snake_case property names ({@code created_at}). */
public final class ServerJson {
  public static final ObjectMapper MAPPER =
      Json.JSON.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private ServerJson() {}

  /** {@code value} as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write an answer as JSON: " + e.getMessage(), e);
    }
  }

  /** JSON text read back as maps, lists and values. */
  public static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored answer: " + e.getMessage(), e);
    }
  }
}
