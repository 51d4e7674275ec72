package dev.gantry.dagger;

import dev.gantry.internal.Json;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Response bodies shaped by a document: the {@code data} object mirrors the document's selections
 * (aliases as keys, nested objects for object fields) and each leaf gets the value {@code leaves}
 * gives for its field name, so the body has exactly the shape the schema's types give the document.
 */
final class Responses {
  private Responses() {}

  /** {@code {"data": …}} for {@code request}, leaves by field name. */
  static String data(GraphQLRequest request, Map<String, Object> leaves) {
    return Json.write(Map.of("data", shape(request, leaves::get)));
  }

  /** {@code {"data": …, "errors": [...]}}. */
  static String dataWithErrors(
      GraphQLRequest request, Map<String, Object> leaves, List<Map<String, Object>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", shape(request, leaves::get));
    body.put("errors", errors);
    return Json.write(body);
  }

  /** {@code {"data": null, "errors": [...]}}. */
  static String errors(List<Map<String, Object>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", null);
    body.put("errors", errors);
    return Json.write(body);
  }

  static Map<String, Object> error(String message, List<String> path, Map<String, Object> ext) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    if (path != null) {
      error.put("path", path);
    }
    if (ext != null) {
      error.put("extensions", ext);
    }
    return error;
  }

  static Map<String, Object> shape(GraphQLRequest request, Function<String, Object> leaves) {
    OperationDefinition op = (OperationDefinition) request.document().getDefinitions().get(0);
    return object(op.getSelectionSet(), leaves);
  }

  private static Map<String, Object> object(SelectionSet set, Function<String, Object> leaves) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (Selection<?> selection : set.getSelections()) {
      Field field = (Field) selection;
      String key = field.getAlias() != null ? field.getAlias() : field.getName();
      if (field.getSelectionSet() != null && !field.getSelectionSet().getSelections().isEmpty()) {
        object.put(key, object(field.getSelectionSet(), leaves));
      } else {
        object.put(key, leaves.apply(field.getName()));
      }
    }
    return object;
  }
}
