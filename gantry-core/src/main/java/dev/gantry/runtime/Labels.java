package dev.gantry.runtime;

/** Labels every container, volume and pod Gantry creates carries. */
public final class Labels {
  public static final String OWNER = "gantry.owner";
  public static final String WORKFLOW = "gantry.workflow";
  public static final String EXECUTION = "gantry.execution";
  public static final String STEP = "gantry.step";
  public static final String ATTEMPT = "gantry.attempt";
  public static final String TASK = "gantry.task";

  private Labels() {}
}
