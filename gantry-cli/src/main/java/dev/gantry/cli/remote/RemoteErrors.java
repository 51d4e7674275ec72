package dev.gantry.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.server.http.ServerJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the API's error answers ({@code {status, code, message, details}}) back into Gantry's
 * exceptions, so that the CLI prints the same message it prints for a local instance.
 */
final class RemoteErrors {
  private RemoteErrors() {}

  static GantryException of(String server, boolean hasToken, int status, String body) {
    JsonNode error = parse(body);
    String message = error.path("message").asText("");
    if (message.isEmpty()) {
      message = "HTTP " + status + (body.isBlank() ? "" : ": " + abbreviate(body));
    }
    JsonNode details = error.path("details");
    return switch (status) {
      case 400 -> invalid(message, details);
      case 401 ->
          new RemoteAuthException(
              401,
              hasToken
                  ? "the server refused the token: " + message
                  : "the server at "
                      + server
                      + " requires a token: set GANTRY_TOKEN or use --token-file ("
                      + message
                      + ")");
      case 403 -> new RemoteAuthException(403, "the server refused the token: " + message);
      case 404 ->
          details.hasNonNull("kind") && details.hasNonNull("id")
              ? new NotFoundException(details.get("kind").asText(), details.get("id").asText())
              : new GantryException(message);
      default ->
          status >= 500
              ? new GantryException(
                  "the Gantry server at " + server + " answered " + status + ": " + message,
                  null,
                  status == 503)
              : new GantryException(message);
    };
  }

  private static InvalidInputException invalid(String message, JsonNode details) {
    List<InvalidInputException.Problem> problems = new ArrayList<>();
    for (JsonNode p : details.path("problems")) {
      String path = p.path("path").asText("");
      problems.add(
          new InvalidInputException.Problem(
              path.isEmpty() ? null : path, p.path("message").asText()));
    }
    return problems.isEmpty()
        ? new InvalidInputException((String) null, message)
        : new InvalidInputException(null, problems);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = ServerJson.MAPPER.readTree(body);
      return node == null ? ServerJson.MAPPER.createObjectNode() : node;
    } catch (Exception e) {
      return ServerJson.MAPPER.createObjectNode();
    }
  }

  private static String abbreviate(String body) {
    String s = body.strip().replaceAll("\\s+", " ");
    return s.length() > 200 ? s.substring(0, 199) + "…" : s;
  }
}
