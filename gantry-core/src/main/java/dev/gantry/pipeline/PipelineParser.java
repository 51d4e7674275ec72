package dev.gantry.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Documents.Format;
import dev.gantry.internal.Fields;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.StepParser.Parsed;
import dev.gantry.pipeline.internal.ResilienceFields;
import dev.gantry.pipeline.internal.ResourceFields;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a custom pipeline definition (YAML, JSON or a map, as in the seed's {@code
 * create_custom_pipeline}) into a validated {@link PipelineSpec}. It walks the raw tree itself so
 * that every problem names its full path, e.g. {@code steps[2].depends_on[0]: unknown step 'bild'
 * (did you mean 'build'?)}, and reports all problems of a document in one {@link
 * InvalidInputException}.
 *
 * <pre>
 * name: build-and-test            # optional
 * description: ...                # optional
 * steps:
 *   - name: build                 # required: letters, digits, '_', '.', '-'
 *     image: busybox:latest       # optional: the parser's default image
 *     command: echo hello         # required: a string (run as sh -c) or a list (argv)
 *     env: {GREETING: hi}         # or 'environment'; values: string, number, boolean
 *     secrets: [API_TOKEN]        # names from the config's secrets section
 *     workdir: /work              # or 'working_dir'; absolute
 *     user: "1000"
 *     outputs: [/work/out]        # absolute paths passed to dependent steps
 *     depends_on: [fetch]         # or a single name
 *     timeout_seconds: 60
 *     resources: {memory: 64m, cpus: 0.5, pids: 64}
 *     network: none               # none | bridge | true (bridge) | false (none)
 *     cache: {ttl_seconds: 600}   # or 'never'; see docs/caching.md
 *     retry: {max_retries: 2}     # also backoff_factor, jitter, max_delay_seconds
 *     retryable_exit_codes: [75]  # exit codes retried as transient (docs/resilience.md)
 *     total_timeout_seconds: 900  # all attempts and waits; timeout_seconds is per attempt
 * </pre>
 */
public final class PipelineParser {
  /** The subject of the errors of a definition given as text or map. */
  public static final String SUBJECT = "invalid pipeline definition";

  static final List<String> KEYS = List.of("name", "description", "steps");

  /** Every key a step of a definition accepts (in a template too). */
  public static final List<String> STEP_KEYS = StepParser.KEYS;

  private final StepParser stepParser;

  /**
   * @param defaultImage the image of steps that name none; {@code null} makes {@code image}
   *     required
   */
  public PipelineParser(String defaultImage) {
    this.stepParser = new StepParser(defaultImage);
  }

  /** A definition given as a map (from JSON, YAML or built in code). */
  public PipelineSpec parse(Map<String, ?> definition) {
    return build(definition, SUBJECT);
  }

  /**
   * A definition that is a map, or a string: JSON when it starts with '{' and parses as JSON, else
   * YAML.
   */
  public PipelineSpec parse(Object definition) {
    if (definition instanceof Map<?, ?> map) {
      return build(map, SUBJECT);
    }
    if (definition instanceof String text) {
      if (!text.stripLeading().startsWith("{")) {
        return parseYaml(text);
      }
      try {
        return parseJson(text);
      } catch (InvalidInputException jsonError) {
        if (!Documents.isSyntaxError(jsonError)) {
          throw jsonError;
        }
        // Not JSON: a YAML flow mapping such as {steps: [...]} is also a valid definition.
        try {
          return parseYaml(text);
        } catch (InvalidInputException yamlError) {
          throw Documents.isSyntaxError(yamlError) ? jsonError : yamlError;
        }
      }
    }
    throw new InvalidInputException(
        SUBJECT,
        List.of(
            new Problem(
                null,
                "expected an object or a YAML or JSON string, got "
                    + Fields.describe(definition))));
  }

  public PipelineSpec parseYaml(String yaml) {
    return document(Documents.read(yaml, Format.YAML, SUBJECT), SUBJECT);
  }

  public PipelineSpec parseJson(String json) {
    return document(Documents.read(json, Format.JSON, SUBJECT), SUBJECT);
  }

  /** A definition file: {@code .json}, {@code .yaml} or {@code .yml}; errors name the file. */
  public PipelineSpec parseFile(Path file) {
    String subject = SUBJECT + " " + file;
    Format format = Format.ofFile(file);
    if (format == null) {
      throw new InvalidInputException(
          subject, List.of(new Problem(null, "expected a file ending in .json, .yaml or .yml")));
    }
    return document(Documents.readFile(file, format, subject), subject);
  }

  private PipelineSpec document(Object tree, String subject) {
    if (tree instanceof Map<?, ?> map) {
      return build(map, subject);
    }
    String got = tree == null ? "an empty document" : Fields.describe(tree);
    throw new InvalidInputException(
        subject, List.of(new Problem(null, "expected an object with 'steps', got " + got)));
  }

  private PipelineSpec build(Map<?, ?> definition, String subject) {
    List<Problem> problems = new ArrayList<>();
    Fields f = new Fields(definition, "", problems);
    StepParser.unknownKeys(f, KEYS);
    String name = f.string("name");
    String description = f.string("description");
    List<Parsed> steps = steps(f);
    if (steps != null && steps.stream().allMatch(s -> s.name() != null)) {
      problems.addAll(PipelineSpec.check(steps.stream().map(PipelineParser::graphNode).toList()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(subject, problems);
    }
    return new PipelineSpec(name, description, steps.stream().map(Parsed::spec).toList());
  }

  private List<Parsed> steps(Fields f) {
    Object raw = f.raw("steps");
    if (raw == null) {
      f.problem("steps", "is required");
      return null;
    }
    if (!(raw instanceof List<?> list)) {
      f.problem("steps", "expected a list of steps, got " + Fields.describe(raw));
      return null;
    }
    if (list.isEmpty()) {
      f.problem("steps", "expected at least one step");
      return null;
    }
    List<Parsed> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      steps.add(stepParser.parse(list.get(i), "steps[" + i + "]", f.problems()));
    }
    return steps;
  }

  /**
   * The step for the graph checks (duplicates, unknown dependencies, cycles): the parsed spec, or,
   * for a step with other problems, one with just its name and dependencies, so that graph problems
   * are reported in the same pass.
   */
  private static StepSpec graphNode(Parsed parsed) {
    if (parsed.spec() != null) {
      return parsed.spec();
    }
    return new StepSpec(
        parsed.name(),
        null,
        "none",
        new Command.Argv(List.of("true")),
        null,
        null,
        null,
        null,
        null,
        parsed.dependsOn(),
        null,
        null,
        null);
  }

  /** The documented map form of {@code spec}, which {@link #parse(Map)} reads back to it. */
  public static Map<String, Object> toMap(PipelineSpec spec) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", spec.name());
    if (!spec.description().isEmpty()) {
      map.put("description", spec.description());
    }
    map.put("steps", spec.steps().stream().map(PipelineParser::stepMap).toList());
    return map;
  }

  /** {@link #toMap} as YAML. */
  public static String toYaml(PipelineSpec spec) {
    try {
      return Json.YAML.writeValueAsString(toMap(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> stepMap(StepSpec step) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", step.name());
    putIf(map, "description", step.description(), !step.description().isEmpty());
    map.put("image", step.image());
    map.put("command", step.command().json());
    putIf(map, "env", step.env(), !step.env().isEmpty());
    putIf(map, "secrets", step.secrets(), !step.secrets().isEmpty());
    putIf(map, "workdir", step.workdir(), step.workdir() != null);
    putIf(map, "user", step.user(), step.user() != null);
    putIf(map, "outputs", step.outputs(), !step.outputs().isEmpty());
    putIf(map, "depends_on", step.dependsOn(), !step.dependsOn().isEmpty());
    putIf(map, "timeout_seconds", step.timeoutSeconds(), step.timeoutSeconds() != null);
    Map<String, Object> resources = ResourceFields.toMap(step.resources());
    putIf(map, "resources", resources, !resources.isEmpty());
    putIf(map, "network", step.network().wireName(), step.network() != NetworkMode.NONE);
    Object cache = ResilienceFields.toDefinition(step.cache());
    putIf(map, "cache", cache, cache != null);
    Map<String, Object> retry = ResilienceFields.toDefinition(step.retry());
    putIf(map, "retry", retry, retry != null);
    putIf(
        map,
        "retryable_exit_codes",
        step.retryableExitCodes(),
        !step.retryableExitCodes().isEmpty());
    putIf(
        map,
        "total_timeout_seconds",
        step.totalTimeoutSeconds(),
        step.totalTimeoutSeconds() != null);
    if (step.registryCredentials() != null) {
      map.put("registry_credentials", step.registryCredentials().toMap());
    }
    return map;
  }

  private static void putIf(Map<String, Object> map, String key, Object value, boolean condition) {
    if (condition) {
      map.put(key, value);
    }
  }
}
