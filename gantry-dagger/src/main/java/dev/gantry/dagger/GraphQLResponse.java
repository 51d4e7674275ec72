package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gantry.GantryException;
import dev.gantry.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A GraphQL response: {@code data} (possibly partial or null) and {@code errors}.
 *
 * @param data the {@code data} member; {@link NullNode} when absent or null
 * @param errors the {@code errors} member, empty when there were none
 */
public record GraphQLResponse(JsonNode data, List<GraphQLError> errors) {
  public GraphQLResponse {
    data = data == null ? NullNode.getInstance() : data;
    errors = List.copyOf(errors);
  }

  /** Parses a response body; a body that is not a GraphQL response is an error naming it. */
  public static GraphQLResponse parse(String body) {
    JsonNode root;
    try {
      root = Json.JSON.readTree(body);
    } catch (Exception e) {
      throw new GantryException(
          "The Dagger engine answered with something that is not JSON: " + abbreviate(body),
          e,
          true);
    }
    if (root == null || !root.isObject() || !(root.has("data") || root.has("errors"))) {
      throw new GantryException(
          "The Dagger engine answered without 'data' or 'errors': " + abbreviate(body), null, true);
    }
    List<GraphQLError> errors = new ArrayList<>();
    for (JsonNode error : root.path("errors")) {
      errors.add(GraphQLError.of(error));
    }
    return new GraphQLResponse(root.get("data"), errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The messages of all errors, joined with "; ". */
  public String errorMessages() {
    return String.join("; ", errors.stream().map(GraphQLError::message).toList());
  }

  static String abbreviate(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "…";
  }
}
