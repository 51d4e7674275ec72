package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a GraphQL response's {@code errors}.
 *
 * @param message the engine's message
 * @param path the response path of the field that failed (names and list indexes as text); empty
 *     for errors of the whole document (parse, validation)
 * @param extensions the error's {@code extensions} object; for a failed exec Dagger puts {@code
 *     _type: EXEC_ERROR}, {@code exitCode}, {@code cmd} and the output there
 */
public record GraphQLError(String message, List<String> path, JsonNode extensions) {
  public GraphQLError {
    message = message == null ? "" : message;
    path = List.copyOf(path);
    extensions = extensions == null ? NullNode.getInstance() : extensions;
  }

  static GraphQLError of(JsonNode node) {
    List<String> path = new ArrayList<>();
    for (JsonNode element : node.path("path")) {
      path.add(element.asText());
    }
    return new GraphQLError(node.path("message").asText(""), path, node.get("extensions"));
  }

  /** The {@code extensions._type} Dagger sets, e.g. {@code EXEC_ERROR}, or an empty string. */
  public String type() {
    return extensions.path("_type").asText("");
  }

  /** True when the error is about the field {@code alias} or anything below it. */
  public boolean under(String alias) {
    return path.contains(alias);
  }
}
