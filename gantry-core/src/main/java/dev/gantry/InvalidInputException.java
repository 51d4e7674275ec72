package dev.gantry;

import java.util.List;

/**
 * Input that does not have the expected shape. Each problem names the path of the offending field
 * (for example {@code steps[2].depends_on[0]}) and what was expected.
 */
public class InvalidInputException extends GantryException {
  private final List<Problem> problems;

  public InvalidInputException(String subject, List<Problem> problems) {
    super(format(subject, problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String path, String message) {
    this(null, List.of(new Problem(path, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String subject, List<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    if (subject != null) {
      sb.append(subject).append(": ");
    }
    if (problems.size() == 1) {
      return sb.append(problems.get(0)).toString();
    }
    sb.append(problems.size()).append(" problems");
    for (Problem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  /** One problem: where ({@code path}) and what. */
  public record Problem(String path, String message) {
    @Override
    public String toString() {
      return path == null || path.isEmpty() ? message : path + ": " + message;
    }
  }
}
