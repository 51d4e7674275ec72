package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the API with a token, checks the status, validates the answer against the OpenAPI document
 * and remembers which documented operations were exercised.
 */
final class ApiClient {
  final Http http;
  final String token;
  final Set<String> covered = ConcurrentHashMap.newKeySet();

  ApiClient(Http http, String token) {
    this.http = http;
    this.token = token;
  }

  Http.Response call(
      String method, String path, String body, int expected, Map<String, String> headers)
      throws Exception {
    Http.Response r = http.send(method, path, body, token, headers);
    assertThat(r.status()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
    OpenApiDoc.validate(method, path, r);
    covered.add(OpenApiDoc.find(method, path).key());
    return r;
  }

  JsonNode json(String method, String path, String body, int expected) throws Exception {
    Http.Response r = call(method, path, body, expected, Map.of());
    return r.body().isEmpty() ? null : r.json();
  }

  JsonNode get(String path) throws Exception {
    return json("GET", path, null, 200);
  }
}
