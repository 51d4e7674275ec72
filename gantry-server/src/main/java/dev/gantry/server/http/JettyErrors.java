package dev.gantry.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the requests Jetty refuses before they reach a route (a NUL or an undecodable character
 * in the path, a malformed header) in the API's error format instead of HTML.
 */
public final class JettyErrors extends ErrorHandler {
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    ApiError error =
        new ApiError(
            status,
            "malformed_request",
            "malformed HTTP request: "
                + (reason == null ? "rejected by the HTTP parser" : reason)
                + " (check the path for NUL, '%' escapes that decode to no character, or '..')",
            Map.of());
    try {
      return ByteBuffer.wrap(
          ServerJson.MAPPER.writeValueAsString(error).getBytes(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return ByteBuffer.wrap(
          ("{\"status\":"
                  + status
                  + ",\"code\":\"malformed_request\",\"message\":\"malformed"
                  + " HTTP request\",\"details\":{}}")
              .getBytes(StandardCharsets.UTF_8));
    }
  }
}
