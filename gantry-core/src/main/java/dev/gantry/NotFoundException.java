package dev.gantry;

/** A project, phase, task, workflow, execution or container that does not exist. */
public class NotFoundException extends GantryException {
  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super(kind + " '" + id + "' not found");
    this.kind = kind;
    this.id = id;
  }

  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
