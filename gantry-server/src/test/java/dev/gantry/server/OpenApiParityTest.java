package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of the server is in the OpenAPI document and every documented route exists. */
class OpenApiParityTest {
  @TempDir Path dir;

  @Test
  void routesAndDocumentAreTheSame() throws Exception {
    try (TestServer s = new TestServer(dir, true)) {
      Set<String> routes = new TreeSet<>(s.server.routes());
      Set<String> documented = new TreeSet<>(OpenApiDoc.keys());

      assertThat(routes).hasSizeGreaterThan(50);
      assertThat(routes).as("routes missing from openapi.yaml").isSubsetOf(documented);
      assertThat(documented).as("documented routes the server lacks").isSubsetOf(routes);
    }
  }

  @Test
  void theDocumentIsServed() throws Exception {
    try (TestServer s = new TestServer(dir, true)) {
      Http.Response r = s.http.send("GET", "/v1/openapi.yaml", null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).startsWith("# The REST API's contract").contains("openapi: 3.1.0");
    }
  }
}
