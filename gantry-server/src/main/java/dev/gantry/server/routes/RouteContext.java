package dev.gantry.server.routes;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.server.dagger.Agents;
import dev.gantry.server.dagger.ApiPipelines;
import dev.gantry.server.dagger.ApiWorkflows;
import dev.gantry.server.dagger.InternalProject;
import dev.gantry.server.http.Idempotency;

/** What the route classes share: the facade and the contract's services. */
public record RouteContext(
    TaskWorkflowIntegration api,
    ApiWorkflows workflows,
    ApiPipelines pipelines,
    Agents agents,
    Idempotency idempotency) {
  public static RouteContext of(TaskWorkflowIntegration api) {
    InternalProject project = new InternalProject(api.tasks());
    return new RouteContext(
        api,
        new ApiWorkflows(api, project),
        new ApiPipelines(api, project),
        new Agents(api, project),
        new Idempotency(api.store(), java.time.Clock.systemUTC()));
  }
}
