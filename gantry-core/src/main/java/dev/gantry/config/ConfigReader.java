package dev.gantry.config;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.internal.ResourceFields;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Types an (expanded) configuration tree into a {@link GantryConfig}; absent keys keep the records'
 * defaults and every bad value or unknown key is a problem with its key path.
 */
final class ConfigReader {
  /** The known keys of each section ({@code ""} is the top level). */
  static final Map<String, List<String>> KEYS = keys();

  static final List<String> RUNTIMES = List.of("docker", "dagger");
  static final List<String> STORES = List.of("jdbc", "memory");
  static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Path baseDirectory;

  /** Relative paths resolve against {@code baseDirectory}, the config file's directory. */
  ConfigReader(Path baseDirectory) {
    this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
  }

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put(
        "",
        List.of(
            "container_registry",
            "container_credentials",
            "workflow_directory",
            "workflow_defaults",
            "circuit_breaker",
            "runtime",
            "store",
            "security",
            "secrets",
            "templates_dir",
            "data_directory",
            "logging",
            "server",
            "recovery",
            "shutdown"));
    keys.put("container_credentials", List.of("username", "password"));
    keys.put(
        "workflow_defaults",
        List.of(
            "timeout_seconds",
            "max_retries",
            "retry_backoff_factor",
            "retry_jitter",
            "caching_enabled",
            "cache_directory",
            "cache_ttl_seconds",
            "retry_max_delay_seconds",
            "cache_salt",
            "cache_max_bytes"));
    keys.put(
        "circuit_breaker",
        List.of("failure_threshold", "reset_timeout_seconds", "half_open_calls"));
    keys.put(
        "runtime",
        List.of(
            "type",
            "docker_host",
            "default_image",
            "max_parallel_steps",
            "default_resources",
            "max_log_bytes",
            "max_resources",
            "dagger_cli",
            "max_parallel_workflows"));
    keys.put("runtime.default_resources", ResourceFields.KEYS);
    keys.put("runtime.max_resources", ResourceFields.KEYS);
    keys.put("store", List.of("type", "url", "username", "password"));
    keys.put("security", List.of("allowed_host_paths"));
    keys.put("logging", List.of("level", "loggers"));
    keys.put("server", ServerSection.KEYS);
    keys.put("recovery", List.of("lease_seconds", "reconcile_interval_seconds"));
    keys.put("shutdown", List.of("grace_seconds"));
    return Map.copyOf(keys);
  }

  /** The configuration; relative paths, given or default, are resolved against the directory. */
  GantryConfig read(Fields root) {
    known(root, "");
    GantryConfig defaults = GantryConfig.defaults();
    return new GantryConfig(
        root.string("container_registry"),
        credentials(root.object("container_credentials")),
        or(path(root, "workflow_directory"), resolve(defaults.workflowDirectory())),
        workflowDefaults(root.object("workflow_defaults")),
        circuitBreaker(root.object("circuit_breaker")),
        runtime(root.object("runtime")),
        store(root.object("store")),
        security(root.object("security")),
        secrets(root.object("secrets")),
        or(path(root, "templates_dir"), resolve(defaults.templatesDir())),
        or(path(root, "data_directory"), resolve(defaults.dataDirectory())),
        logging(root.object("logging")),
        server(root.object("server")),
        recovery(root.object("recovery")),
        shutdown(root.object("shutdown")));
  }

  private static RecoveryConfig recovery(Fields f) {
    RecoveryConfig d = RecoveryConfig.DEFAULT;
    if (f == null) {
      return d;
    }
    known(f, "recovery");
    return new RecoveryConfig(
        or(f.integer("lease_seconds", 1), d.leaseSeconds()),
        or(f.integer("reconcile_interval_seconds", 1), d.reconcileIntervalSeconds()));
  }

  private static ShutdownConfig shutdown(Fields f) {
    ShutdownConfig d = ShutdownConfig.DEFAULT;
    if (f == null) {
      return d;
    }
    known(f, "shutdown");
    return new ShutdownConfig(or(f.integer("grace_seconds", 0), d.graceSeconds()));
  }

  private Path resolve(Path path) {
    return baseDirectory.resolve(path).normalize();
  }

  /** Adds a problem for each key of {@code f} that is not a known key of {@code section}. */
  private static void known(Fields f, String section) {
    List<String> known = KEYS.get(section);
    for (String key : f.unknownKeys(known)) {
      String hint =
          DidYouMean.closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
      f.problem(key, "unknown key (" + hint + "known keys: " + String.join(", ", known) + ")");
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static RegistryCredentials credentials(Fields f) {
    if (f == null) {
      return null;
    }
    known(f, "container_credentials");
    return new RegistryCredentials(f.requiredString("username"), f.requiredString("password"));
  }

  private WorkflowDefaults workflowDefaults(Fields f) {
    WorkflowDefaults d = WorkflowDefaults.DEFAULT;
    String defaultCache = resolve(Path.of(d.cacheDirectory())).toString();
    if (f == null) {
      return new WorkflowDefaults(
          d.timeoutSeconds(),
          d.maxRetries(),
          d.retryBackoffFactor(),
          d.retryJitter(),
          d.cachingEnabled(),
          defaultCache,
          d.cacheTtlSeconds(),
          d.retryMaxDelaySeconds(),
          d.cacheSalt(),
          d.cacheMaxBytes());
    }
    known(f, "workflow_defaults");
    Path cacheDirectory = path(f, "cache_directory");
    return new WorkflowDefaults(
        or(f.integer("timeout_seconds", 1), d.timeoutSeconds()),
        or(f.integer("max_retries", 0), d.maxRetries()),
        or(f.number("retry_backoff_factor", 0), d.retryBackoffFactor()),
        or(f.bool("retry_jitter"), d.retryJitter()),
        or(f.bool("caching_enabled"), d.cachingEnabled()),
        cacheDirectory == null ? defaultCache : cacheDirectory.toString(),
        or(f.longInteger("cache_ttl_seconds", 0), d.cacheTtlSeconds()),
        or(f.number("retry_max_delay_seconds", 0), d.retryMaxDelaySeconds()),
        or(f.string("cache_salt"), d.cacheSalt()),
        or(size(f, "cache_max_bytes"), d.cacheMaxBytes()));
  }

  /** A positive size: a number of bytes or a text such as {@code 512m} or {@code 1g}. */
  private static Long size(Fields f, String key) {
    Object raw = f.raw(key);
    if (raw == null) {
      return null;
    }
    java.math.BigInteger n = Fields.toBigInteger(raw);
    Long bytes = null;
    if (n != null && n.signum() > 0 && n.bitLength() < 63) {
      bytes = n.longValue();
    } else if (n == null && raw instanceof String s) {
      try {
        bytes = Resources.parseSize(key, s);
      } catch (RuntimeException e) {
        bytes = null;
      }
    }
    if (bytes == null || bytes < 1) {
      f.problem(
          key,
          "expected a positive size such as 256m, 1g or a number of bytes, got "
              + Fields.describe(raw));
    }
    return bytes;
  }

  private static CircuitBreakerConfig circuitBreaker(Fields f) {
    CircuitBreakerConfig d = CircuitBreakerConfig.DEFAULT;
    if (f == null) {
      return d;
    }
    known(f, "circuit_breaker");
    return new CircuitBreakerConfig(
        or(f.integer("failure_threshold", 1), d.failureThreshold()),
        or(f.integer("reset_timeout_seconds", 1), d.resetTimeoutSeconds()),
        or(f.integer("half_open_calls", 1), d.halfOpenCalls()));
  }

  private RuntimeConfig runtime(Fields f) {
    RuntimeConfig d = RuntimeConfig.DEFAULT;
    if (f == null) {
      return d;
    }
    known(f, "runtime");
    String type = oneOf(f, "type", RUNTIMES, "runtime");
    String image = f.string("default_image");
    if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
      f.problem(
          "default_image",
          "expected an image reference such as busybox:latest, got '" + image + "'");
    }
    Resources resources = null;
    Fields limits = f.object("default_resources");
    if (limits != null) {
      known(limits, "runtime.default_resources");
      Resources given = ResourceFields.read(limits);
      resources = given == null ? null : given.orElse(d.defaultResources());
    }
    Resources max = null;
    Fields caps = f.object("max_resources");
    if (caps != null) {
      known(caps, "runtime.max_resources");
      max = ResourceFields.read(caps);
    }
    if (max != null) {
      Resources defaults = or(resources, d.defaultResources());
      for (String over : defaults.over(max)) {
        f.problem(
            "default_resources." + over,
            "is above runtime.max_resources." + over + "; lower it or raise the cap");
      }
    }
    return new RuntimeConfig(
        or(type, d.type()),
        or(f.string("docker_host"), d.dockerHost()),
        or(image, d.defaultImage()),
        or(f.integer("max_parallel_steps", 1), d.maxParallelSteps()),
        or(resources, d.defaultResources()),
        or(f.integer("max_log_bytes", 1), d.maxLogBytes()),
        or(max, d.maxResources()),
        path(f, "dagger_cli"),
        or(f.integer("max_parallel_workflows", 1), d.maxParallelWorkflows()));
  }

  private static StoreConfig store(Fields f) {
    if (f == null) {
      return StoreConfig.DEFAULT;
    }
    known(f, "store");
    return new StoreConfig(
        oneOf(f, "type", STORES, "store"),
        f.string("url"),
        f.string("username"),
        f.string("password"));
  }

  /** A value among {@code known} (any case), stored in lower case. */
  private static String oneOf(Fields f, String key, List<String> known, String what) {
    String value = f.string(key);
    if (value == null) {
      return null;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (known.contains(lower)) {
      return lower;
    }
    f.problem(
        key, "unknown " + what + " '" + value + "' (known: " + String.join(", ", known) + ")");
    return null;
  }

  private static SecurityConfig security(Fields f) {
    if (f == null) {
      return SecurityConfig.DEFAULT;
    }
    known(f, "security");
    List<String> paths = f.strings("allowed_host_paths");
    if (paths == null) {
      return SecurityConfig.DEFAULT;
    }
    List<String> normalized = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String p = paths.get(i);
      if (!p.startsWith("/")) {
        f.problems()
            .add(
                new Problem(
                    Fields.index(f.pathOf("allowed_host_paths"), i),
                    "expected an absolute path, got '" + p + "'"));
      } else {
        normalized.add(Path.of(p).normalize().toString());
      }
    }
    return new SecurityConfig(normalized);
  }

  private Map<String, String> secrets(Fields f) {
    if (f == null) {
      return null;
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String name : f.keys()) {
      Object raw = f.raw(name);
      if (!NAME.matcher(name).matches()) {
        f.problem(
            name, "expected a secret name of letters, digits and '_' not starting with a digit");
      } else if (raw instanceof String s
          && s.startsWith("env:")
          && NAME.matcher(s.substring(4)).matches()) {
        secrets.put(name, s);
      } else if (raw instanceof String s && s.startsWith("file:") && s.length() > 5) {
        Path file = toPath(f, name, s.substring(5));
        if (file != null) {
          secrets.put(name, "file:" + file);
        }
      } else {
        f.problem(name, "expected 'env:VARIABLE' or 'file:PATH', got " + Fields.describe(raw));
      }
    }
    return secrets;
  }

  private static ServerConfig server(Fields f) {
    if (f != null) {
      known(f, "server");
    }
    return ServerSection.read(f);
  }

  private static LoggingConfig logging(Fields f) {
    if (f == null) {
      return LoggingConfig.DEFAULT;
    }
    known(f, "logging");
    String level = oneOf(f, "level", LEVELS, "level");
    Map<String, String> loggers = new LinkedHashMap<>();
    Fields given = f.object("loggers");
    if (given != null) {
      for (String logger : given.keys()) {
        String value = oneOf(given, logger, LEVELS, "level");
        if (value != null) {
          loggers.put(logger, value);
        }
      }
    }
    return new LoggingConfig(level, loggers);
  }

  /** The path at {@code key}, resolved against the config file's directory. */
  private Path path(Fields f, String key) {
    String text = f.string(key);
    return text == null ? null : toPath(f, key, text);
  }

  private Path toPath(Fields f, String key, String text) {
    if (text.isBlank()) {
      f.problem(key, "expected a path, got ''");
      return null;
    }
    try {
      return baseDirectory.resolve(text).normalize();
    } catch (InvalidPathException e) {
      f.problem(key, "expected a path, got '" + text + "' (" + e.getReason() + ")");
      return null;
    }
  }
}
