package dev.gantry.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.ServerConfig;
import dev.gantry.server.auth.Authenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A Gantry server on a free loopback port with an in-memory store, the Docker runtime and three
 * tokens (one per scope) and a JWT secret.
 */
final class TestServer implements AutoCloseable {
  static final String READ = "read-token-0123456789";
  static final String WRITE = "write-token-0123456789";
  static final String ADMIN = "admin-token-0123456789";
  static final String SECRET = "a-jwt-secret-for-tests-only-0123456789";
  static final String OWNER = "gantry-server-test";

  final TaskWorkflowIntegration gantry;
  final GantryServer server;
  final Http http;

  TestServer(Path dir, boolean auth) throws Exception {
    this(dir, auth, "store:\n  type: memory\n", OWNER);
  }

  /**
   * A server with the store given as YAML (e.g. a JDBC URL shared by two servers, as two processes
   * on one database) and its own owner id.
   */
  TestServer(Path dir, boolean auth, String store, String owner) throws Exception {
    Path config = Files.createTempFile(dir, "gantry", ".yaml");
    Files.createDirectories(dir.resolve("workflows"));
    Files.writeString(
        config,
        store
            + "data_directory: data\nworkflow_directory: workflows\n"
            + "templates_dir: "
            + Path.of("..", "templates", "pipelines").toAbsolutePath().normalize()
            + "\n");
    GantryConfig loaded = new ConfigLoader().load(config);
    ServerConfig server =
        auth
            ? new ServerConfig(
                "127.0.0.1",
                0,
                List.of(
                    token("reader", READ, "read"),
                    token("writer", WRITE, "write"),
                    token("admin", ADMIN, "admin")),
                SECRET)
            : new ServerConfig("127.0.0.1", 0, List.of(), null);
    this.gantry = TaskWorkflowIntegration.builder(loaded.withServer(server)).ownerId(owner).build();
    this.server = GantryServer.start(gantry, server);
    this.http = new Http(this.server.url());
  }

  private static ServerConfig.Token token(String name, String token, String scope) {
    return new ServerConfig.Token(name, Authenticator.hash(token), Set.of(scope));
  }

  /** A JWT signed with the test secret carrying {@code scope} (space-separated scopes). */
  static String jwt(String scope, Instant expires) {
    return JWT.create()
        .withSubject("tester")
        .withClaim("scope", scope)
        .withExpiresAt(expires)
        .sign(Algorithm.HMAC256(SECRET));
  }

  @Override
  public void close() {
    server.close();
    gantry.close();
  }
}
