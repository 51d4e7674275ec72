package dev.gantry.server.http;

import java.util.Map;

/** The body of every error answer (the contract's {@code Error}). */
public record ApiError(int status, String code, String message, Map<String, Object> details) {
  public ApiError {
    details = details == null ? Map.of() : details;
  }
}
