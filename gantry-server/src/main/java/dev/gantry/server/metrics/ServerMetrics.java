package dev.gantry.server.metrics;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.server.events.EventCursor;
import dev.gantry.server.events.EventReader;
import dev.gantry.server.events.StateEvent;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.WorkflowState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gantry's Prometheus metrics through Micrometer: executions by status, the queue depth, step
 * durations (from the store's transitions, read when scraped), workflow cache hits and misses,
 * circuit breaker states and the API's own requests.
 */
public final class ServerMetrics {
  private final TaskWorkflowIntegration api;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EventCursor steps;
  private final Set<String> breakers = ConcurrentHashMap.newKeySet();

  public ServerMetrics(TaskWorkflowIntegration api, EventReader reader) {
    this.api = api;
    this.steps = new EventCursor(reader, 0, 0);
    for (WorkflowState state : WorkflowState.values()) {
      Gauge.builder("gantry.executions", () -> count(state))
          .description("Executions in the store by status")
          .tag("status", state.wireName())
          .register(registry);
    }
    Gauge.builder("gantry.queue.depth", () -> count(WorkflowState.QUEUED))
        .description("Executions queued and not yet running")
        .register(registry);
    FunctionCounter.builder("gantry.workflow.cache.hits", api, a -> a.cacheStats().hits())
        .description("Workflow cache hits")
        .register(registry);
    FunctionCounter.builder("gantry.workflow.cache.misses", api, a -> a.cacheStats().misses())
        .description("Workflow cache misses")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Registers a gauge read from {@code value} when scraped. */
  public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Records an API request. */
  public void request(String method, String route, int status, Duration took) {
    Timer.builder("gantry.http.requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(took);
  }

  /** The text exposition, after catching up on step durations and breakers. */
  public synchronized String scrape() {
    recordSteps();
    for (CircuitBreakerInfo b : api.circuitBreakers()) {
      if (breakers.add(b.name())) {
        Gauge.builder("gantry.circuit.breaker.state", () -> stateOf(b.name()))
            .description("0 closed, 1 half-open, 2 open")
            .tag("name", b.name())
            .register(registry);
      }
    }
    return registry.scrape();
  }

  private void recordSteps() {
    List<StateEvent> events;
    do {
      events = steps.next(1000);
      for (StateEvent e : events) {
        if (e.subject() != null && e.subject().startsWith("step:") && e.executionId() != null) {
          record(e);
        }
      }
    } while (events.size() == 1000);
  }

  private void record(StateEvent e) {
    String step = e.subject().substring(5);
    Execution execution = api.store().findExecution(ExecutionId.of(e.executionId())).orElse(null);
    if (execution == null) {
      return;
    }
    StepRun run = execution.stepsByName().get(step);
    if (run == null
        || run.startedAt() == null
        || run.finishedAt() == null
        || !e.to().equals(run.state().wireName())) {
      return;
    }
    Timer.builder("gantry.step.duration")
        .description("Time from a step's start to its end")
        .tag("status", run.state().wireName())
        .register(registry)
        .record(Duration.between(run.startedAt(), run.finishedAt()));
  }

  private double count(WorkflowState state) {
    return api.store().listExecutionsInState(List.of(state)).size();
  }

  private double stateOf(String name) {
    return api.circuitBreakers().stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .map(
            b ->
                switch (b.state().toUpperCase(Locale.ROOT)) {
                  case "OPEN", "FORCED_OPEN" -> 2.0;
                  case "HALF_OPEN" -> 1.0;
                  default -> 0.0;
                })
        .orElse(0.0);
  }
}
