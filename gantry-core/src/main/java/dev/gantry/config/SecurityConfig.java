package dev.gantry.config;

import java.util.List;

/** The {@code security} section. Host paths outside {@code allowedHostPaths} are never mounted. */
public record SecurityConfig(List<String> allowedHostPaths) {
  public static final SecurityConfig DEFAULT = new SecurityConfig(List.of());

  public SecurityConfig {
    allowedHostPaths = allowedHostPaths == null ? List.of() : List.copyOf(allowedHostPaths);
  }
}
