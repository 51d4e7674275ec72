package dev.gantry.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.internal.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a workflow-cache entry is found by: the task, the workflow type, the sha256 of the canonical
 * JSON of the workflow parameters and the sha256 of the canonical JSON of the pipeline the
 * execution runs (so that changing a task's pipeline is never answered with a stale result).
 *
 * <p>Canonical JSON: object keys sorted at every level, no whitespace. The parameters {@code
 * skip_cache} and {@code use_circuit_breaker} change how a run is made, not what it computes, and
 * are left out. Parameter values enter the key only as a hash; entries store no parameters.
 */
public record WorkflowCacheKey(
    String taskId, String workflowType, String paramsSha256, String pipelineSha256) {
  /** Parameters that are not part of the key. */
  public static final Set<String> EXCLUDED_PARAMS = Set.of("skip_cache", "use_circuit_breaker");

  public WorkflowCacheKey {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(paramsSha256, "paramsSha256");
    Objects.requireNonNull(pipelineSha256, "pipelineSha256");
  }

  /** The key of running {@code pipeline} for the task with {@code params}. */
  public static WorkflowCacheKey of(
      String taskId, String workflowType, Map<String, ?> params, Object pipeline) {
    Map<String, Object> keyed = new LinkedHashMap<>();
    if (params != null) {
      params.forEach(
          (k, v) -> {
            if (!EXCLUDED_PARAMS.contains(k)) {
              keyed.put(k, v);
            }
          });
    }
    return new WorkflowCacheKey(
        taskId, workflowType, sha256(canonicalJson(keyed)), sha256(canonicalJson(pipeline)));
  }

  /** The entry's id and file name: the sha256 of the four parts. */
  public String id() {
    return sha256(taskId + "\n" + workflowType + "\n" + paramsSha256 + "\n" + pipelineSha256);
  }

  /** {@code value} as JSON with the keys of every object sorted. */
  public static String canonicalJson(Object value) {
    try {
      return Json.JSON.writeValueAsString(sorted(Json.JSON.valueToTree(value)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }

  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
