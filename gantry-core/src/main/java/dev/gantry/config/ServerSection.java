package dev.gantry.config;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code server} section of the configuration. */
final class ServerSection {
  static final List<String> KEYS = List.of("host", "port", "tokens", "jwt_secret");
  static final List<String> TOKEN_KEYS = List.of("name", "sha256", "scopes");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private ServerSection() {}

  static ServerConfig read(Fields f) {
    ServerConfig d = ServerConfig.DEFAULT;
    if (f == null) {
      return d;
    }
    Integer port = f.integer("port", 0);
    if (port != null && port > 65535) {
      f.problem("port", "expected a TCP port from 0 to 65535, got " + port);
      port = null;
    }
    String secret = f.string("jwt_secret");
    if (secret != null && secret.length() < 32) {
      f.problem("jwt_secret", "expected at least 32 characters for an HS256 secret");
      secret = null;
    }
    return new ServerConfig(f.string("host"), port != null ? port : d.port(), tokens(f), secret);
  }

  private static List<ServerConfig.Token> tokens(Fields f) {
    Object raw = f.raw("tokens");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      f.problem("tokens", "expected a list of {name, sha256, scopes}, got " + Fields.describe(raw));
      return List.of();
    }
    List<ServerConfig.Token> tokens = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = Fields.index(f.pathOf("tokens"), i);
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        f.problems().add(new Problem(path, "expected an object {name, sha256, scopes}"));
        continue;
      }
      Fields t = new Fields(map, path, f.problems());
      for (String key : t.unknownKeys(TOKEN_KEYS)) {
        t.problem(key, "unknown key (known keys: " + String.join(", ", TOKEN_KEYS) + ")");
      }
      String name = t.requiredString("name");
      String sha = t.requiredString("sha256");
      if (sha != null && !SHA256.matcher(sha).matches()) {
        t.problem(
            "sha256",
            "expected the 64 hex digits of the token's SHA-256 (gantry server hash-token)");
        sha = null;
      }
      Set<String> scopes = scopes(t);
      if (name != null && sha != null && scopes != null) {
        tokens.add(new ServerConfig.Token(name, sha, scopes));
      }
    }
    return tokens;
  }

  private static Set<String> scopes(Fields t) {
    List<String> given = t.strings("scopes");
    if (given == null || given.isEmpty()) {
      if (given != null) {
        t.problem("scopes", "expected at least one of " + String.join(", ", ServerConfig.SCOPES));
      } else if (!t.has("scopes")) {
        t.problem("scopes", "is required: a list of " + String.join(", ", ServerConfig.SCOPES));
      }
      return null;
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String s : given) {
      if (!ServerConfig.SCOPES.contains(s)) {
        t.problem(
            "scopes",
            "unknown scope '" + s + "' (known: " + String.join(", ", ServerConfig.SCOPES) + ")");
        return null;
      }
      scopes.add(s);
    }
    return scopes;
  }
}
