package dev.gantry.api.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.LogFollow;
import dev.gantry.runtime.VolumeMount;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.Store;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The seed's container management API behind {@code TaskWorkflowIntegration}: containers belong to
 * a workflow and carry its labels ({@code gantry.owner}, {@code gantry.workflow}, {@code
 * gantry.task}, {@code gantry.kind=managed}). Only managed containers can be addressed; any other
 * id is not found. The runtime's {@link ContainerManager} is opened on first use.
 */
public final class ContainerOps implements AutoCloseable {
  /** The grace period of {@link #stop(String)}. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private static final String KIND = "gantry.kind";
  private static final String MANAGED = "managed";

  private final Store store;
  private final String ownerId;
  private final Supplier<ContainerManager> opener;
  private final RuntimeConfig runtime;
  private final ContainerSecrets secrets;
  private ContainerManager manager;

  /**
   * @param runtime the limits every container gets ({@code default_resources}) and may not exceed
   *     ({@code max_resources})
   * @param secrets what is masked in the containers' logs
   */
  public ContainerOps(
      Store store,
      String ownerId,
      Supplier<ContainerManager> opener,
      RuntimeConfig runtime,
      ContainerSecrets secrets) {
    this.store = store;
    this.ownerId = ownerId;
    this.opener = opener;
    this.runtime = runtime;
    this.secrets = secrets;
  }

  private synchronized ContainerManager manager() {
    if (manager == null) {
      manager = opener.get();
    }
    return manager;
  }

  public ContainerInfo create(
      String workflowId,
      String image,
      String name,
      Map<String, String> environment,
      List<Map<String, Object>> volumes,
      List<String> command) {
    return create(workflowId, image, name, environment, volumes, command, null);
  }

  /**
   * Creates a managed container with limits: {@code resources} ({@code null} or a null limit: the
   * {@code runtime.default_resources} one), each at most the {@code runtime.max_resources} one.
   */
  public ContainerInfo create(
      String workflowId,
      String image,
      String name,
      Map<String, String> environment,
      List<Map<String, Object>> volumes,
      List<String> command,
      Resources resources) {
    Workflow workflow = workflow(workflowId);
    Resources limits = ResourceCaps.container(resources, runtime);
    if (image == null || image.isBlank()) {
      throw new InvalidInputException("image", "an image is required, e.g. 'busybox:latest'");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, ownerId);
    labels.put(Labels.WORKFLOW, workflow.id().value());
    labels.put(Labels.TASK, workflow.taskId().value());
    labels.put(KIND, MANAGED);
    return manager()
        .create(
            new ContainerRequest(
                image, name, environment, mounts(volumes), command, labels, Optional.of(limits)));
  }

  public void start(String id) {
    manager().start(managed(id).id());
  }

  public void stop(String id) {
    stop(id, DEFAULT_GRACE);
  }

  public void stop(String id, Duration grace) {
    manager().stop(managed(id).id(), grace);
  }

  /** Deletes a managed container; an id that is gone already is a no-op. */
  public void delete(String id) {
    try {
      manager().delete(managed(id).id());
    } catch (NotFoundException e) {
      // already gone: deleting twice is harmless
    }
  }

  /** Its logs so far, secret values masked. */
  public String logs(String id, Integer tail, Instant since) {
    String cid = managed(id).id();
    return SecretMask.redact(manager().logs(cid, tail, since), masked(cid));
  }

  /**
   * Follows its logs line by line, secret values masked, until it stops or the handle is closed.
   */
  public LogFollow follow(String id, Integer tail, Instant since, Consumer<String> lines) {
    String cid = managed(id).id();
    List<String> hidden = masked(cid);
    return manager().followLogs(cid, tail, since, l -> lines.accept(SecretMask.redact(l, hidden)));
  }

  private List<String> masked(String containerId) {
    return secrets.values(manager().environment(containerId));
  }

  public ContainerInfo get(String id) {
    return managed(id);
  }

  /** Managed containers, of one workflow ({@code null}: all) and one status ({@code null}: any). */
  public List<ContainerInfo> list(String workflowId, String status) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(KIND, MANAGED);
    if (workflowId != null) {
      labels.put(Labels.WORKFLOW, workflow(workflowId).id().value());
    }
    return manager().list(labels, status);
  }

  /** Deletes every container of the workflow; returns how many. */
  public int deleteWorkflowContainers(String workflowId) {
    List<ContainerInfo> found = list(workflowId, null);
    found.forEach(c -> manager().delete(c.id()));
    return found.size();
  }

  private ContainerInfo managed(String id) {
    if (id == null || id.isBlank()) {
      throw new InvalidInputException("container_id", "a container id is required");
    }
    ContainerInfo info = manager().inspect(id);
    if (!MANAGED.equals(info.labels().get(KIND))) {
      throw new NotFoundException("container", id);
    }
    return info;
  }

  private Workflow workflow(String workflowId) {
    if (workflowId == null || workflowId.isBlank()) {
      throw new InvalidInputException("workflow_id", "a workflow id is required");
    }
    return store
        .findWorkflow(WorkflowId.of(workflowId))
        .orElseThrow(() -> new NotFoundException("workflow", workflowId));
  }

  /** The seed's volume maps: {@code source}, {@code target}, optional {@code read_only}. */
  static List<VolumeMount> mounts(List<Map<String, Object>> volumes) {
    List<VolumeMount> mounts = new ArrayList<>();
    if (volumes == null) {
      return mounts;
    }
    for (int i = 0; i < volumes.size(); i++) {
      Map<String, Object> v = volumes.get(i);
      String path = "volumes[" + i + "]";
      Object source = v == null ? null : v.get("source");
      Object target = v == null ? null : v.get("target");
      if (!(source instanceof String s) || s.isBlank()) {
        throw new InvalidInputException(
            path + ".source", "expected a named volume or an absolute host path");
      }
      if (!(target instanceof String t) || !t.startsWith("/")) {
        throw new InvalidInputException(
            path + ".target", "expected an absolute path inside the container, e.g. '/data'");
      }
      Object ro = v.getOrDefault("read_only", v.getOrDefault("readOnly", false));
      mounts.add(new VolumeMount(s, t, Boolean.TRUE.equals(ro) || "true".equals(ro)));
    }
    return mounts;
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
    }
  }
}
