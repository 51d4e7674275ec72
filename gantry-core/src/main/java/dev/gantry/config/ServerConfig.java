package dev.gantry.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code server} section: where {@code gantry server} listens and who may call it.
 *
 * @param host the address to bind; anything but a loopback address requires {@link #authEnabled}
 * @param port the TCP port ({@code 0}: any free port)
 * @param tokens bearer tokens, each stored as the SHA-256 of the token, never the token itself
 * @param jwtSecret the HS256 signing secret of accepted JWTs, {@code null} for none
 */
public record ServerConfig(String host, int port, List<Token> tokens, String jwtSecret) {
  public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, List.of(), null);

  /** The scopes a token can carry: {@code read} lists and gets, {@code write} changes, runs. */
  public static final List<String> SCOPES = List.of("read", "write", "admin");

  public ServerConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  private static final String DEFAULT_HOST = "127.0.0.1";

  /** True when requests must carry a token or a JWT. */
  public boolean authEnabled() {
    return !tokens.isEmpty() || jwtSecret != null;
  }

  public ServerConfig withAddress(String newHost, Integer newPort) {
    return new ServerConfig(
        newHost != null ? newHost : host, newPort != null ? newPort : port, tokens, jwtSecret);
  }

  /**
   * A bearer token: its name (shown in logs instead of the token), the lower-case hex SHA-256 of
   * the token and its scopes.
   */
  public record Token(String name, String sha256, Set<String> scopes) {
    public Token {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
      return "Token[" + name + ", scopes=" + scopes + "]";
    }
  }
}
