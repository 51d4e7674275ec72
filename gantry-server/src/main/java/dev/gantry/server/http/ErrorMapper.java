package dev.gantry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.resilience.CircuitBreakerOpenException;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.workflow.IllegalStateTransitionException;
import dev.gantry.workflow.WorkflowBusyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions into {@link ApiError}s: what went wrong and which field, id or state. */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  public static ApiError map(Exception e, String route) {
    return switch (e) {
      case ApiException a -> new ApiError(a.status(), a.code(), a.getMessage(), a.details());
      case InvalidInputException i -> invalid(i);
      case NotFoundException n ->
          new ApiError(404, "not_found", n.getMessage(), Map.of("kind", n.kind(), "id", n.id()));
      case DuplicateIdException d -> new ApiError(409, "conflict", d.getMessage(), Map.of());
      case IllegalStateTransitionException s ->
          new ApiError(409, "invalid_state", s.getMessage(), Map.of());
      case WorkflowBusyException b -> new ApiError(409, "invalid_state", b.getMessage(), Map.of());
      case CircuitBreakerOpenException c ->
          new ApiError(503, "circuit_open", c.getMessage(), Map.of());
      case RuntimeUnavailableException r ->
          new ApiError(503, "runtime_unavailable", r.getMessage(), Map.of());
      case UnsupportedOperationException u ->
          new ApiError(501, "not_supported", String.valueOf(u.getMessage()), Map.of());
      case IllegalArgumentException a ->
          new ApiError(400, "invalid_request", String.valueOf(a.getMessage()), Map.of());
      case GantryException g -> unexpected(g, route, g.getMessage());
      default -> unexpected(e, route, "internal error; see the server log");
    };
  }

  private static ApiError invalid(InvalidInputException e) {
    List<Map<String, String>> problems =
        e.problems().stream()
            .map(p -> Map.of("path", p.path() == null ? "" : p.path(), "message", p.message()))
            .toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("problems", problems);
    return new ApiError(400, "invalid_request", e.getMessage(), details);
  }

  /** A body that is not JSON, named with where the parser stopped. */
  public static ApiException malformedJson(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new ApiException(
        400,
        "malformed_json",
        "request body: expected a JSON object" + where + " (" + e.getOriginalMessage() + ")");
  }

  private static ApiError unexpected(Exception e, String route, String message) {
    LOG.error("{} failed", route, e);
    return new ApiError(500, "internal_error", message, Map.of());
  }
}
