package dev.gantry.api;

import dev.gantry.internal.Maps;
import java.util.Map;

/**
 * Which tasks of a project a batch runs and how. {@code null} filters match everything.
 *
 * @param phaseId only the tasks of this phase
 * @param status only tasks in this status (wire name, e.g. {@code pending})
 * @param workflowType {@code containerized_workflow} (default) or {@code dagger_pipeline}
 * @param workflowParams parameters given to every task's workflow
 * @param concurrency workflows that run at once; {@code null}: {@code
 *     runtime.max_parallel_workflows}
 * @param force run tasks that are already {@code completed} again (otherwise they are skipped)
 */
public record BatchRequest(
    String projectId,
    String phaseId,
    String status,
    String workflowType,
    Map<String, Object> workflowParams,
    boolean skipCache,
    Integer concurrency,
    boolean force) {
  public BatchRequest {
    workflowParams = Maps.copy(workflowParams);
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder of a request; only the project is required. */
  public static final class Builder {
    private final String projectId;
    private String phaseId;
    private String status;
    private String workflowType;
    private Map<String, Object> workflowParams;
    private boolean skipCache;
    private Integer concurrency;
    private boolean force;

    private Builder(String projectId) {
      this.projectId = projectId;
    }

    public Builder phaseId(String v) {
      phaseId = v;
      return this;
    }

    public Builder status(String v) {
      status = v;
      return this;
    }

    public Builder workflowType(String v) {
      workflowType = v;
      return this;
    }

    public Builder workflowParams(Map<String, Object> v) {
      workflowParams = v;
      return this;
    }

    public Builder skipCache(boolean v) {
      skipCache = v;
      return this;
    }

    public Builder concurrency(Integer v) {
      concurrency = v;
      return this;
    }

    public Builder force(boolean v) {
      force = v;
      return this;
    }

    public BatchRequest build() {
      return new BatchRequest(
          projectId, phaseId, status, workflowType, workflowParams, skipCache, concurrency, force);
    }
  }
}
