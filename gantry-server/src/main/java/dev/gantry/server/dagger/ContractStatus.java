package dev.gantry.server.dagger;

import dev.gantry.workflow.WorkflowState;
import java.util.List;

/** The contract's four statuses of workflows and executions, from Gantry's states. */
public final class ContractStatus {
  public static final List<String> VALUES = List.of("pending", "running", "completed", "failed");

  private ContractStatus() {}

  public static String of(WorkflowState state) {
    return switch (state) {
      case CREATED, QUEUED -> "pending";
      case RUNNING, RETRYING -> "running";
      case COMPLETED -> "completed";
      case FAILED, CANCELLED, TIMED_OUT -> "failed";
    };
  }
}
