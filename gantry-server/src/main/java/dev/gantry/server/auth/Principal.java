package dev.gantry.server.auth;

import java.util.Set;

/** Who called: a token's configured name or a JWT's subject, with the scopes granted. */
public record Principal(String name, Set<String> scopes) {
  public static final Principal LOCAL = new Principal("local", Set.of("read", "write", "admin"));

  public Principal {
    scopes = Set.copyOf(scopes);
  }
}
