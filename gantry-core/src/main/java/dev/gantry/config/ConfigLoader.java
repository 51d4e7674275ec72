package dev.gantry.config;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Documents.Format;
import dev.gantry.internal.Fields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link GantryConfig} from one YAML file (see {@code docs/configuration.md}). String
 * values may use {@code ${VAR}} and {@code ${VAR:-default}}, expanded from the environment before
 * the values are typed. Absent keys keep their defaults; unknown keys and bad values fail with one
 * {@link InvalidInputException} that lists every problem by key path. Relative paths resolve
 * against the file's directory; so do the default paths.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final EnvExpander expander;

  /** A loader that expands variables from {@link System#getenv()}. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /** A loader that expands variables from {@code environment}. */
  public ConfigLoader(Map<String, String> environment) {
    this.expander = new EnvExpander(Map.copyOf(environment));
  }

  /** The configuration in {@code file}; errors name the file. */
  public GantryConfig load(Path file) {
    String subject = "invalid configuration " + file;
    Object tree = Documents.readFile(file, Format.YAML, subject);
    Path directory = file.toAbsolutePath().getParent();
    GantryConfig config = type(tree, directory, subject);
    LOG.info("Loaded configuration from {}", file);
    return config;
  }

  /** The configuration in {@code yaml}, with relative paths resolved against {@code directory}. */
  public GantryConfig parse(String yaml, Path directory) {
    String subject = "invalid configuration";
    return type(Documents.read(yaml, Format.YAML, subject), directory, subject);
  }

  private GantryConfig type(Object tree, Path directory, String subject) {
    List<Problem> problems = new ArrayList<>();
    if (tree == null) {
      tree = Map.of();
    } else if (!(tree instanceof Map<?, ?>)) {
      problems.add(
          new Problem(null, "expected an object of settings, got " + Fields.describe(tree)));
      throw new InvalidInputException(subject, problems);
    }
    Map<?, ?> expanded = (Map<?, ?>) expander.expand(tree, "", problems);
    Set<String> unexpanded = problems.stream().map(Problem::path).collect(Collectors.toSet());
    List<Problem> typing = new ArrayList<>();
    GantryConfig config = new ConfigReader(directory).read(new Fields(expanded, "", typing));
    // a value that could not be expanded is already reported; "is required" would only repeat it
    typing.stream().filter(p -> !unexpanded.contains(p.path())).forEach(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(subject, problems);
    }
    return config;
  }

  /**
   * The effective configuration as YAML in the documented shape, with passwords, credentials in the
   * store URL and secret providers redacted: for logging at start and {@code gantry config check}.
   */
  public static String describe(GantryConfig config) {
    return ConfigDescriber.describe(config);
  }
}
