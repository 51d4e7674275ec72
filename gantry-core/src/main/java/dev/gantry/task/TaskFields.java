package dev.gantry.task;

import dev.gantry.InvalidInputException;

final class TaskFields {
  private TaskFields() {}

  static String requireName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (name.length() > 500) {
      throw new InvalidInputException(field, "must be at most 500 characters");
    }
    return name;
  }

  static int requireProgress(int progress) {
    if (progress < 0 || progress > 100) {
      throw new InvalidInputException("progress", "expected 0-100, got " + progress);
    }
    return progress;
  }
}
