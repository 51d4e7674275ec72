package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gantry.internal.Json;
import dev.gantry.server.routes.SystemRoutes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The OpenAPI document of gantry-server: its operations and response validation. */
final class OpenApiDoc {
  record Operation(String method, String path, JsonNode node) {
    String key() {
      return method + " " + path;
    }

    /** The path with Javalin's parameter syntax is the same: {@code /v1/tasks/{id}}. */
    boolean matches(String method, String concretePath) {
      if (!this.method.equals(method)) {
        return false;
      }
      String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      return Pattern.matches(regex, concretePath);
    }
  }

  static final JsonNode DOC = read();
  static final List<Operation> OPERATIONS = operations();

  private static JsonNode read() {
    try {
      return Json.YAML.readTree(SystemRoutes.openApi());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = DOC.get("paths").fields(); it.hasNext(); ) {
      var path = it.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              m ->
                  ops.add(
                      new Operation(
                          m.getKey().toUpperCase(Locale.ROOT), path.getKey(), m.getValue())));
    }
    return ops;
  }

  static Set<String> keys() {
    return Set.copyOf(OPERATIONS.stream().map(Operation::key).toList());
  }

  static Operation find(String method, String concretePath) {
    String path =
        concretePath.contains("?")
            ? concretePath.substring(0, concretePath.indexOf('?'))
            : concretePath;
    // A literal segment (/v1/templates/categories) wins over a parameter (/v1/templates/{id}).
    return OPERATIONS.stream()
        .filter(o -> o.matches(method, path))
        .min(java.util.Comparator.comparingInt(o -> o.path().split("\\{").length))
        .orElseThrow(() -> new AssertionError("no operation for " + method + " " + path));
  }

  /** Asserts the response is documented for the operation and matches its JSON schema. */
  static void validate(String method, String path, Http.Response r) {
    Operation op = find(method, path);
    JsonNode response = op.node().path("responses").path(Integer.toString(r.status()));
    assertThat(response.isMissingNode())
        .as(
            "%s %s answered %s, which the document does not list: %s",
            method, path, r.status(), r.body())
        .isFalse();
    if (response.has("$ref")) {
      response = DOC.at(response.get("$ref").asText().substring(1));
    }
    JsonNode schema = response.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      return;
    }
    ObjectNode root = ((ObjectNode) DOC).deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put(
        "$ref", schema.has("$ref") ? schema.get("$ref").asText() : "#" + pointer(op, r.status()));
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(root, SchemaValidatorsConfig.builder().build());
    Set<ValidationMessage> errors = validator.validate(r.json());
    assertThat(errors).as("%s %s → %s: %s", method, path, r.status(), r.body()).isEmpty();
  }

  private static String pointer(Operation op, int status) {
    return "/paths/"
        + op.path().replace("~", "~0").replace("/", "~1")
        + "/"
        + op.method().toLowerCase(Locale.ROOT)
        + "/responses/"
        + status
        + "/content/application~1json/schema";
  }
}
