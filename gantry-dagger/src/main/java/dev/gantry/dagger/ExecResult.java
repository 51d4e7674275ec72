package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine reported for a step's exec, read from the response to {@link StepDocuments#run}:
 * the exit code, the full stdout and stderr, and which outputs it failed to export.
 *
 * <p>A command that exits with a code {@code expect: ANY} does not let through (e.g. 137, killed)
 * comes back as a GraphQL error with {@code extensions._type = EXEC_ERROR}, the exit code and the
 * output; that is a result too. Partial data is used: when {@code exitCode} is there, errors under
 * an output's alias only make that output missing.
 *
 * @param failedOutputs aliases of outputs whose export failed, with the engine's message
 */
record ExecResult(int exitCode, String stdout, String stderr, Map<String, String> failedOutputs) {
  ExecResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    failedOutputs = Map.copyOf(failedOutputs);
  }

  /**
   * Reads the response.
   *
   * @param what what was being done (for error messages), e.g. "run step build"
   * @param image the image the step runs in (for image errors)
   * @param outputAliases the aliases of the outputs in the document, in order
   * @throws dev.gantry.GantryException the response has errors that are not the step's result
   */
  static ExecResult read(
      GraphQLResponse response, String what, String image, List<String> outputAliases) {
    JsonNode exec = findExec(response.data());
    if (exec != null) {
      Map<String, String> failed = new LinkedHashMap<>();
      List<GraphQLError> other = new ArrayList<>();
      for (GraphQLError error : response.errors()) {
        String alias = outputAliases.stream().filter(error::under).findFirst().orElse(null);
        if (alias != null) {
          failed.put(alias, error.message());
        } else {
          other.add(error);
        }
      }
      if (!other.isEmpty() && (exec.path("stdout").isNull() || exec.path("stderr").isNull())) {
        throw DaggerErrors.of(what, image, new GraphQLResponse(response.data(), other));
      }
      return new ExecResult(
          exec.path("exitCode").asInt(),
          exec.path("stdout").asText(""),
          exec.path("stderr").asText(""),
          failed);
    }
    for (GraphQLError error : response.errors()) {
      if ("EXEC_ERROR".equals(error.type()) && error.extensions().has("exitCode")) {
        JsonNode x = error.extensions();
        String stdout = x.path("stdout").asText(x.path("combinedOutput").asText(""));
        return new ExecResult(
            x.path("exitCode").asInt(), stdout, x.path("stderr").asText(""), Map.of());
      }
    }
    if (response.hasErrors()) {
      throw DaggerErrors.of(what, image, response);
    }
    throw new GantryException(
        "The Dagger engine's answer to " + what + " holds no exit code: " + response.data(),
        null,
        true);
  }

  /** The object holding {@code exitCode}: the result of {@code withExec}, wherever it nests. */
  static JsonNode findExec(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    if (node.has("exitCode") && node.get("exitCode").isNumber()) {
      return node;
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      JsonNode found = findExec(it.next());
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
