package dev.gantry.server.dagger;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.internal.Ids;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.server.http.Requests;
import dev.gantry.workflow.WorkflowState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's agents: execution profiles on the server's runtime endpoint. The built-in agent is
 * the configured runtime itself; {@code POST /agents} adds a named profile (capabilities, registry,
 * workflow directory, a load limit), kept in the {@link InternalProject}'s metadata. Load figures
 * are real: {@code current_load} counts the executions queued or running on the runtime, {@code
 * status} is {@code error} while the runtime's circuit breaker is open.
 */
public final class Agents {
  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "capabilities",
          "container_registry",
          "workflow_directory",
          "max_concurrent_executions",
          "timeout_seconds");
  public static final List<String> STATUSES = List.of("idle", "busy", "offline", "error");
  private static final String AGENTS = "api_agents";

  private final TaskWorkflowIntegration api;
  private final InternalProject project;

  public Agents(TaskWorkflowIntegration api, InternalProject project) {
    this.api = api;
    this.project = project;
  }

  public synchronized Map<String, Object> register(Requests.Body body) {
    var f = body.fields();
    for (String key : f.unknownKeys(KEYS)) {
      f.problem(key, "unknown key (known keys: " + String.join(", ", KEYS) + ")");
    }
    String name = f.requiredString("name");
    String description = f.string("description");
    List<String> capabilities = f.strings("capabilities");
    String registry = f.string("container_registry");
    String directory = f.string("workflow_directory");
    Integer max = f.integer("max_concurrent_executions", 1);
    Integer timeout = f.integer("timeout_seconds", 1);
    body.check();
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("id", Ids.random("agent"));
    agent.put("name", name);
    agent.put("description", description == null ? "" : description);
    agent.put("capabilities", capabilities == null ? List.of() : capabilities);
    agent.put("container_registry", registry);
    agent.put("workflow_directory", directory);
    agent.put("max_concurrent_executions", max == null ? defaultMax() : max);
    agent.put("timeout_seconds", timeout);
    agent.put("created_at", java.time.Instant.now().toString());
    List<Object> all = new ArrayList<>(stored());
    all.add(agent);
    api.tasks().updateProject(project.id(), null, null, Map.of(AGENTS, all));
    return view(agent, load(), breakerOpen());
  }

  /** All agents with their live status, filtered by status and capability. */
  public List<Map<String, Object>> list(String status, String capability) {
    int load = load();
    boolean open = breakerOpen();
    List<Map<String, Object>> all = new ArrayList<>();
    all.add(view(builtIn(), load, open));
    stored().forEach(a -> all.add(view(castMap(a), load, open)));
    return all.stream()
        .filter(a -> status == null || status.equals(a.get("status")))
        .filter(a -> capability == null || ((List<?>) a.get("capabilities")).contains(capability))
        .toList();
  }

  private Map<String, Object> builtIn() {
    Map<String, Object> agent = new LinkedHashMap<>();
    String type = api.config().runtime().type();
    agent.put("id", "runtime-" + type);
    agent.put("name", type);
    agent.put("description", "the server's " + type + " runtime");
    agent.put("capabilities", List.of(type, "containers", "pipelines", "step-cache"));
    agent.put("container_registry", api.config().containerRegistry());
    agent.put("workflow_directory", api.config().workflowDirectory().toString());
    agent.put("max_concurrent_executions", defaultMax());
    agent.put("timeout_seconds", api.config().workflowDefaults().timeoutSeconds());
    return agent;
  }

  private Map<String, Object> view(Map<String, Object> agent, int load, boolean open) {
    Map<String, Object> view = new LinkedHashMap<>(agent);
    int max = ((Number) agent.get("max_concurrent_executions")).intValue();
    view.put("status", open ? "error" : load > 0 ? "busy" : "idle");
    view.put("current_load", load);
    view.put("max_load", max);
    view.put("runtime", api.config().runtime().type());
    view.values().removeIf(java.util.Objects::isNull);
    return view;
  }

  private int defaultMax() {
    return api.config().runtime().maxParallelSteps();
  }

  private int load() {
    return api.store()
        .listExecutionsInState(
            List.of(WorkflowState.QUEUED, WorkflowState.RUNNING, WorkflowState.RETRYING))
        .size();
  }

  private boolean breakerOpen() {
    return api.circuitBreakers().stream()
        .map(CircuitBreakerInfo::state)
        .anyMatch("OPEN"::equalsIgnoreCase);
  }

  private List<?> stored() {
    Object agents = project.project().metadata().get(AGENTS);
    return agents instanceof List<?> list ? list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }
}
