package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.GantryException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.resilience.CircuitBreakerOpenException;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real local HTTP server. */
class DaggerClientTest {
  private final EngineFixture engine;

  DaggerClientTest() throws IOException {
    engine = new EngineFixture();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private static GraphQLRequest fromImage(String image) {
    Operation op = new Operation("GantryResolveImage");
    op.select(
        new Chain()
            .then("container")
            .then("from", op.arg("address", "String!", image))
            .select(Operation.leaf("imageRef")));
    return op.build();
  }

  @Test
  void postsTheDocumentWithVariablesAndBasicAuth() throws Exception {
    engine.answer(
        r -> "{\"data\":{\"container\":{\"from\":{\"imageRef\":\"busybox@sha256:abc\"}}}}");
    try (DaggerClient client = new DaggerClient(engine.endpoint())) {
      GraphQLResponse response =
          client.execute(fromImage("busybox:latest"), Duration.ofSeconds(10));

      assertThat(response.hasErrors()).isFalse();
      assertThat(response.data().at("/container/from/imageRef").asText())
          .isEqualTo("busybox@sha256:abc");
    }
    EngineFixture.Received sent = engine.received().get(0);
    assertThat(sent.authorization())
        .isEqualTo(
            "Basic " + Base64.getEncoder().encodeToString((EngineFixture.TOKEN + ":").getBytes()));
    assertThat(sent.operationName()).isEqualTo("GantryResolveImage");
    assertThat(sent.query()).contains("$address0: String!").doesNotContain("busybox");
    assertThat(sent.variables().path("address0").asText()).isEqualTo("busybox:latest");
  }

  @Test
  void aRefusedTokenIsNamed() {
    try (DaggerClient client = new DaggerClient(engine.endpoint("wrong-token"))) {
      assertThatThrownBy(() -> client.execute(fromImage("busybox"), Duration.ofSeconds(10)))
          .isInstanceOf(GantryException.class)
          .hasMessageContaining("refused the session token")
          .hasMessageContaining("DAGGER_SESSION_TOKEN")
          .hasMessageNotContaining("wrong-token");
    }
  }

  @Test
  void graphQLErrorsComeBackAsAResponse() throws Exception {
    engine.answer(
        r ->
            "{\"data\":null,\"errors\":[{\"message\":\"boom\",\"path\":[\"container\"],"
                + "\"extensions\":{\"_type\":\"EXEC_ERROR\",\"exitCode\":2}}]}");
    try (DaggerClient client = new DaggerClient(engine.endpoint())) {
      GraphQLResponse response = client.execute(fromImage("x"), Duration.ofSeconds(10));

      assertThat(response.errors()).hasSize(1);
      assertThat(response.errors().get(0).type()).isEqualTo("EXEC_ERROR");
      assertThat(response.errors().get(0).extensions().path("exitCode").asInt()).isEqualTo(2);
      assertThat(response.errors().get(0).path()).isEqualTo(List.of("container"));
    }
  }

  @Test
  void theDeadlineCancelsTheRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    engine.answer(
        r -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "{\"data\":{}}";
        });
    try (DaggerClient client = new DaggerClient(engine.endpoint())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.execute(fromImage("x"), Duration.ofMillis(500)))
          .isInstanceOf(DaggerClient.DeadlineExceeded.class)
          .hasMessageContaining("GantryResolveImage");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      release.countDown();
    }
  }

  @Test
  void anUnreachableSessionIsRuntimeUnavailableWithTheWayToGetOne() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (DaggerClient client = new DaggerClient(DaggerEndpoint.local(port, "t"))) {
      assertThatThrownBy(() -> client.execute(fromImage("x"), Duration.ofSeconds(10)))
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("dagger run")
          .hasMessageContaining("runtime.dagger_cli");
    }
  }

  @Test
  void failuresOfTheSessionOpenItsCircuitBreakerUnlessItIsBypassed() throws Exception {
    engine.answer(
        r -> {
          throw new IllegalStateException("engine down");
        });
    try (DaggerClient client =
        new DaggerClient(
            engine.endpoint(), new CircuitBreakerConfig(2, 60, 1), Clock.systemUTC())) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> client.execute(fromImage("x"), Duration.ofSeconds(10), true))
            .isInstanceOf(RuntimeUnavailableException.class)
            .hasMessageContaining("HTTP 500");
      }
      int sent = engine.received().size();

      assertThatThrownBy(() -> client.execute(fromImage("x"), Duration.ofSeconds(10), true))
          .isInstanceOf(CircuitBreakerOpenException.class)
          .hasMessageContaining("dagger:" + engine.endpoint().queryUri());
      assertThat(engine.received()).hasSize(sent);

      engine.answer(r -> "{\"data\":{}}");
      assertThat(client.execute(fromImage("x"), Duration.ofSeconds(10), false).hasErrors())
          .isFalse();
      assertThat(client.breaker().info().name())
          .isEqualTo("dagger:" + engine.endpoint().queryUri());
    }
  }

  @Test
  void theTokenIsNeverPrinted() {
    assertThat(DaggerEndpoint.local(1234, "very-secret").toString())
        .doesNotContain("very-secret")
        .contains("127.0.0.1:1234");
  }
}
