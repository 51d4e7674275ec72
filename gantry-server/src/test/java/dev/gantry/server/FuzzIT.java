package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends thousands of malformed bodies, parameters and ids (from a fixed seed) to every route: no
 * answer is a 5xx, none hangs (every call has a deadline), every 4xx names its problem.
 */
class FuzzIT {
  static final long SEED = 20260601L;
  static final int ROUNDS = 40;

  @TempDir static Path dir;
  static TestServer server;
  static Map<String, String> realIds;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(dir, true);
    ApiClient api = new ApiClient(server.http, TestServer.ADMIN);
    String project =
        api.json("POST", "/v1/projects", "{\"name\":\"fuzz\"}", 201).get("id").asText();
    String task =
        api.json("POST", "/v1/tasks", "{\"project_id\":\"" + project + "\",\"name\":\"t\"}", 201)
            .get("id")
            .asText();
    String workflow =
        api.json(
                "POST",
                "/v1/dagger/workflows",
                "{\"name\":\"w\",\"steps\":[{\"id\":\"s\",\"container\":{\"image\":\"busybox:latest\","
                    + "\"command\":[\"true\"]}}]}",
                201)
            .get("id")
            .asText();
    realIds = Map.of("/v1/projects", project, "/v1/tasks", task, "/v1/dagger/workflows", workflow);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static final String[] BAD_IDS = {
    "no-such-id",
    "..",
    "%2e%2e%2f",
    "a b",
    "x".repeat(300),
    "%00",
    "ünïcode",
    "-leading",
    "id;drop",
    "'",
    "%22",
    "a%2Fb",
    "{id}",
    "0",
    "null"
  };

  static final String[] BAD_VALUES = {
    "-1", "abc", "1e99", "99999999999999999999", "", "%00", "true", "[1]", "%7B%7D", "0x10", " ",
  };

  static String badBody(Random r, JsonNode schema) {
    List<String> fields = new ArrayList<>();
    JsonNode props = schema == null ? null : schema.path("properties");
    if (props != null) {
      props.fieldNames().forEachRemaining(fields::add);
    }
    String field = fields.isEmpty() ? "name" : fields.get(r.nextInt(fields.size()));
    return switch (r.nextInt(14)) {
      case 0 -> "{";
      case 1 -> "[]";
      case 2 -> "\"a string\"";
      case 3 -> "null";
      case 4 -> "{\"" + field + "\": {\"deep\": [1, 2, {\"x\": null}]}}";
      case 5 -> "{\"" + field + "\": 12345678901234567890123}";
      case 6 -> "{\"" + field + "\": [" + "1,".repeat(r.nextInt(50)) + "1]}";
      case 7 -> "[".repeat(3000) + "]".repeat(3000);
      case 8 -> "{\"" + field + "\": true, \"unknown_" + r.nextInt(100) + "\": 1}";
      case 9 ->
          "{\"" + field + "\": \"" + "z".repeat(r.nextInt(5000)) + "\", \"" + field + "\": 1}";
      case 10 -> "\u0000\u0001garbage";
      case 11 -> "{\"" + field + "\": -1.5e308}";
      case 12 -> "{\"" + field + "\": null, \"steps\": [{\"id\": 7, \"container\": []}]}";
      default -> "{\"" + field + "\": \"\\ud800\"}";
    };
  }

  static JsonNode requestSchema(OpenApiDoc.Operation op) {
    JsonNode schema =
        op.node().path("requestBody").path("content").path("application/json").path("schema");
    if (schema.has("$ref")) {
      return OpenApiDoc.DOC.at(schema.get("$ref").asText().substring(1));
    }
    return null;
  }

  static String path(Random r, OpenApiDoc.Operation op) {
    String path = op.path();
    if (path.contains("{")) {
      String real =
          realIds.entrySet().stream()
              .filter(e -> path.startsWith(e.getKey() + "/{"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      boolean useReal = real != null && !op.method().equals("DELETE") && r.nextBoolean();
      String id = useReal ? real : BAD_IDS[r.nextInt(BAD_IDS.length)];
      String encoded = id.contains("%") ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
      return path.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(encoded));
    }
    return path;
  }

  static String query(Random r, OpenApiDoc.Operation op) {
    List<String> params = new ArrayList<>();
    for (Iterator<JsonNode> it = op.node().path("parameters").elements(); it.hasNext(); ) {
      JsonNode p = it.next();
      if (p.path("in").asText().equals("query")) {
        params.add(p.get("name").asText());
      }
    }
    params.add("unknown");
    String name = params.get(r.nextInt(params.size()));
    String value = BAD_VALUES[r.nextInt(BAD_VALUES.length)];
    return "?"
        + name
        + "="
        + (value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Test
  void malformedRequestsAreAnsweredWith4xxThatNameTheProblem() throws Exception {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (OpenApiDoc.Operation op : OpenApiDoc.OPERATIONS) {
        if (op.path().equals("/v1/events") && random.nextBoolean()) {
          continue;
        }
        boolean hasBody = op.method().equals("POST") || op.method().equals("PATCH");
        String path = path(random, op);
        String body = null;
        int kind = random.nextInt(3);
        if (kind == 0 && hasBody) {
          body = badBody(random, requestSchema(op));
        } else if (kind == 1 || op.path().equals("/v1/events")) {
          path += query(random, op);
          body = hasBody ? "{}" : null;
        } else {
          body = hasBody ? badBody(random, requestSchema(op)) : null;
        }
        if (op.path().equals("/v1/events") && !path.contains("?")) {
          path += "?last_event_id=x";
        }
        if (op.path().equals("/v1/events")) {
          path += "&last_event_id=-" + random.nextInt(9);
        }
        Http.Response r = server.http.send(op.method(), path, body, TestServer.ADMIN);
        sent++;
        check(failures, op.method() + " " + path + " " + abbreviate(body), r);
      }
    }
    assertThat(sent).isGreaterThanOrEqualTo(2000);
    assertThat(failures).isEmpty();
  }

  private static void check(List<String> failures, String request, Http.Response r) {
    if (r.status() >= 500) {
      failures.add(request + " → " + r.status() + " " + r.body());
      return;
    }
    if (r.status() >= 400) {
      JsonNode json;
      try {
        json = r.json();
      } catch (AssertionError e) {
        failures.add(request + " → " + r.status() + " not JSON: " + r.body());
        return;
      }
      String message = json.path("message").asText();
      if (json.path("status").asInt() != r.status()
          || json.path("code").asText().isBlank()
          || message.length() < 10) {
        failures.add(request + " → " + r.status() + " unclear: " + r.body());
      }
    }
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 80 ? body.substring(0, 80) + "..." : body;
  }
}
