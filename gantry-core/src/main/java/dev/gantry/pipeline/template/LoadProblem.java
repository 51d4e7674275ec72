package dev.gantry.pipeline.template;

import java.nio.file.Path;

/** A template file that could not be loaded, and why. */
public record LoadProblem(Path file, String reason) {
  @Override
  public String toString() {
    return file + ": " + reason;
  }
}
