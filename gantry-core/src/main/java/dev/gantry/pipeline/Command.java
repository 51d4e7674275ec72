package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.InvalidInputException;
import java.util.List;

/**
 * What a step runs: an argv list passed to the container as it is, or a shell string (the
 * definition's author wrote shell) run as {@code sh -c}. In JSON and YAML an argv is a list and a
 * shell string is a string.
 */
public sealed interface Command {
  /** The argv the container runs. */
  List<String> argv();

  @JsonValue
  Object json();

  /** A command from its JSON form: a string (shell) or a list of strings (argv). */
  @JsonCreator
  static Command of(Object json) {
    if (json instanceof String s) {
      return new Shell(s);
    }
    if (json instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof String)) {
          throw new InvalidInputException(
              "command[" + i + "]",
              "expected a string, got " + PipelineTypes.describe(list.get(i)));
        }
      }
      return new Argv(list.stream().map(String.class::cast).toList());
    }
    throw new InvalidInputException(
        "command", "expected a string or a list of strings, got " + PipelineTypes.describe(json));
  }

  /** An argv list, run without a shell. */
  record Argv(List<String> args) implements Command {
    public Argv {
      if (args == null || args.isEmpty()) {
        throw new InvalidInputException("command", "must not be an empty list");
      }
      args = List.copyOf(args);
    }

    @Override
    public List<String> argv() {
      return args;
    }

    @Override
    public Object json() {
      return args;
    }
  }

  /** A shell script, run as {@code sh -c script}. */
  record Shell(String script) implements Command {
    public Shell {
      if (script == null || script.isBlank()) {
        throw new InvalidInputException("command", "must not be empty");
      }
    }

    @Override
    public List<String> argv() {
      return List.of("sh", "-c", script);
    }

    @Override
    public Object json() {
      return script;
    }
  }
}
