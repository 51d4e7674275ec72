package dev.gantry.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.gantry.config.ServerConfig;
import dev.gantry.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks bearer credentials: configured tokens by the SHA-256 of the presented token, compared in
 * constant time with every configured hash, and HS256 JWTs when a signing secret is configured.
 * Neither the token nor its hash ever appears in a message.
 */
public final class Authenticator {
  private final ServerConfig config;
  private final List<byte[]> hashes;
  private final JWTVerifier jwt;

  public Authenticator(ServerConfig config) {
    this.config = config;
    this.hashes = config.tokens().stream().map(t -> HexFormat.of().parseHex(t.sha256())).toList();
    this.jwt =
        config.jwtSecret() == null
            ? null
            : JWT.require(Algorithm.HMAC256(config.jwtSecret())).acceptLeeway(5).build();
  }

  public boolean enabled() {
    return config.authEnabled();
  }

  /** The caller of a request with this {@code Authorization} header; 401 when it is not valid. */
  public Principal authenticate(String authorization) {
    if (!enabled()) {
      return Principal.LOCAL;
    }
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("the Authorization header must use the Bearer scheme");
    }
    String token = authorization.substring(7).trim();
    return token(token)
        .or(() -> jwt(token))
        .orElseThrow(() -> unauthorized("invalid or expired bearer token"));
  }

  private Optional<Principal> token(String token) {
    byte[] presented = sha256(token);
    ServerConfig.Token match = null;
    for (int i = 0; i < hashes.size(); i++) {
      // Every hash is compared, whatever matched before: the time does not depend on the token.
      if (MessageDigest.isEqual(presented, hashes.get(i))) {
        match = config.tokens().get(i);
      }
    }
    return Optional.ofNullable(match).map(t -> new Principal(t.name(), t.scopes()));
  }

  private Optional<Principal> jwt(String token) {
    if (jwt == null || token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    try {
      DecodedJWT decoded = jwt.verify(token);
      Set<String> scopes = new LinkedHashSet<>();
      String scope = decoded.getClaim("scope").asString();
      if (scope != null) {
        scopes.addAll(Arrays.asList(scope.trim().split("\\s+")));
      }
      scopes.removeIf(String::isEmpty);
      String subject = decoded.getSubject() == null ? "jwt" : "jwt:" + decoded.getSubject();
      return Optional.of(new Principal(subject, scopes));
    } catch (JWTVerificationException e) {
      return Optional.empty();
    }
  }

  /** The lower-case hex SHA-256 of a token, as the config's {@code tokens[].sha256} holds it. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }
}
