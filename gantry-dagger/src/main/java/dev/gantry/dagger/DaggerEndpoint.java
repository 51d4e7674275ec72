package dev.gantry.dagger;

import dev.gantry.secret.SecretMask;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a Dagger engine session answers GraphQL and the token that opens it: {@code POST
 * http://127.0.0.1:<port>/query} with HTTP Basic auth, the token as user name and an empty
 * password. The token is never printed.
 *
 * @param queryUri the session's {@code /query} address
 * @param token the session token ({@code DAGGER_SESSION_TOKEN})
 */
public record DaggerEndpoint(URI queryUri, String token) {
  public DaggerEndpoint {
    Objects.requireNonNull(queryUri, "queryUri");
    Objects.requireNonNull(token, "token");
  }

  /** The session on this machine's loopback at {@code port}. */
  public static DaggerEndpoint local(int port, String token) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected a TCP port in 1..65535, got " + port);
    }
    return new DaggerEndpoint(URI.create("http://127.0.0.1:" + port + "/query"), token);
  }

  /** The value of the {@code Authorization} header: {@code Basic base64(token + ":")}. */
  public String authorization() {
    return "Basic "
        + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "DaggerEndpoint[queryUri=" + queryUri + ", token=" + SecretMask.MASK + "]";
  }
}
