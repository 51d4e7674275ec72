package dev.gantry.server.auth;

import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * What a route requires. {@code admin} includes {@code write}, which includes {@code read}; {@code
 * PUBLIC} routes need no token.
 */
public enum Scope implements RouteRole {
  PUBLIC,
  READ,
  WRITE,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when a caller holding {@code granted} may call a route that requires this scope. */
  public boolean grantedBy(Set<String> granted) {
    return switch (this) {
      case PUBLIC -> true;
      case READ ->
          granted.contains("read") || granted.contains("write") || granted.contains("admin");
      case WRITE -> granted.contains("write") || granted.contains("admin");
      case ADMIN -> granted.contains("admin");
    };
  }
}
