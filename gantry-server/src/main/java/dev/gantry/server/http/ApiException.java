package dev.gantry.server.http;

import java.util.Map;

/**
 * An error answered as {@code {status, code, message, details}}: thrown by handlers for the
 * statuses that no core exception maps to (401, 403, an execution that can no longer be cancelled).
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
