package dev.gantry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gantry.internal.Json;

/** The API's JSON: Gantry's mapper with snake_case property names ({@code created_at}). */
public final class ServerJson {
  public static final ObjectMapper MAPPER =
      Json.JSON.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private ServerJson() {}
}
