package dev.gantry.server.batch;

import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import dev.gantry.server.http.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The API's view of the batches this server started: their progress events give the per-task
 * results while a batch runs; a finished batch answers with its {@link BatchResult}.
 */
public final class BatchViews {
  static final int CAPACITY = 200;

  private final Map<String, List<BatchTaskResult>> ended =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<BatchTaskResult>> eldest) {
          return size() > CAPACITY;
        }
      };

  private final Map<String, String> projects =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Remembers the project of a batch this server started. */
  public void started(String batchId, String projectId) {
    synchronized (ended) {
      projects.put(batchId, projectId);
    }
  }

  /** The listener to give {@code executeWorkflowsForProjectAsync}. */
  public void record(BatchProgress p) {
    if (p.result() == null) {
      return;
    }
    synchronized (ended) {
      ended.computeIfAbsent(p.batchId(), id -> new ArrayList<>()).add(p.result());
    }
  }

  /** The answer of {@code GET /v1/batches/{id}}. */
  public Map<String, Object> view(BatchHandle handle) {
    BatchProgress p = handle.progress();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("batch_id", handle.batchId());
    if (handle.isDone()) {
      BatchResult r = finished(handle);
      view.put("project_id", r.projectId());
      view.put("status", r.cancelled() ? "cancelled" : r.success() ? "completed" : "failed");
      view.put("done", true);
      view.put("total", r.tasks().size());
      view.put("finished", r.tasks().size());
      view.put("running", 0);
      view.put("percent", 100);
      view.put("counts", r.counts());
      view.put("started_at", r.startedAt());
      view.put("finished_at", r.finishedAt());
      view.put("tasks", r.tasks());
      return view;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("completed", p.completed());
    counts.put("failed", p.failed());
    counts.put("blocked", p.blocked());
    counts.put("skipped", p.skipped());
    counts.put("cancelled", p.cancelled());
    synchronized (ended) {
      String projectId = projects.get(handle.batchId());
      if (projectId != null) {
        view.put("project_id", projectId);
      }
    }
    view.put("status", "running");
    view.put("done", false);
    view.put("total", p.total());
    view.put("finished", p.finished());
    view.put("running", p.running());
    view.put("percent", p.percent());
    view.put("counts", counts);
    synchronized (ended) {
      view.put("tasks", List.copyOf(ended.getOrDefault(handle.batchId(), List.of())));
    }
    return view;
  }

  /** The result of a batch that finished. */
  public static BatchResult finished(BatchHandle handle) {
    try {
      return handle.await(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted", "interrupted reading batch " + handle.batchId());
    } catch (TimeoutException e) {
      throw new ApiException(
          503, "not_ready", "batch " + handle.batchId() + " has not settled yet; try again");
    }
  }
}
