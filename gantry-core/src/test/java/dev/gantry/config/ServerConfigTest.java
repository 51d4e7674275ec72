package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static final String SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static GantryConfig parse(String yaml) {
    return new ConfigLoader(Map.of()).parse(yaml, Path.of("."));
  }

  @Test
  void defaultsBindLoopbackWithoutAuth() {
    ServerConfig server = parse("{}").server();
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(server.port()).isEqualTo(8080);
    assertThat(server.authEnabled()).isFalse();
  }

  @Test
  void readsTokensAndSecret() {
    ServerConfig server =
        parse(
                """
                server:
                  host: 0.0.0.0
                  port: 9000
                  tokens:
                    - {name: ci, sha256: %s, scopes: [read, write]}
                  jwt_secret: 0123456789abcdef0123456789abcdef
                """
                    .formatted(SHA.toUpperCase()))
            .server();
    assertThat(server.port()).isEqualTo(9000);
    assertThat(server.tokens()).hasSize(1);
    assertThat(server.tokens().get(0).sha256()).isEqualTo(SHA);
    assertThat(server.tokens().get(0).scopes()).isEqualTo(Set.of("read", "write"));
    assertThat(server.authEnabled()).isTrue();
    assertThat(
            ConfigLoader.describe(parse("server: {jwt_secret: 0123456789abcdef0123456789abcdef}")))
        .doesNotContain("0123456789abcdef");
  }

  @Test
  void badTokensNameTheirPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    server:
                      port: 70000
                      tokens:
                        - {name: ci, sha256: abc, scopes: [root]}
                      jwt_secret: short
                    """))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("server.port: expected a TCP port from 0 to 65535, got 70000")
        .hasMessageContaining("server.tokens[0].sha256: expected the 64 hex digits")
        .hasMessageContaining("server.tokens[0].scopes: unknown scope 'root'")
        .hasMessageContaining("server.jwt_secret: expected at least 32 characters");
  }
}
