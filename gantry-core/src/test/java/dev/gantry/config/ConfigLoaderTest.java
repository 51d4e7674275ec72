package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.pipeline.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final String SEED_EXAMPLE =
      """
      # Dagger configuration
      container_registry: "docker.io"
      container_credentials:
        username: "username"
        password: "password"
      workflow_directory: "workflows"
      workflow_defaults:
        timeout_seconds: 600
        max_retries: 3
        retry_backoff_factor: 0.5
        retry_jitter: true
        caching_enabled: true
        cache_directory: ".dagger_cache"
        cache_ttl_seconds: 3600
      """;

  @TempDir Path dir;

  final ConfigLoader loader = new ConfigLoader(Map.of());

  GantryConfig parse(String yaml) {
    return loader.parse(yaml, dir);
  }

  @Test
  void seedExampleFileLoadsAsItIs() throws Exception {
    Path file = Files.writeString(dir.resolve("dagger.yaml"), SEED_EXAMPLE);

    GantryConfig config = loader.load(file);

    assertThat(config.containerRegistry()).isEqualTo("docker.io");
    assertThat(config.containerCredentials())
        .isEqualTo(new RegistryCredentials("username", "password"));
    assertThat(config.workflowDirectory()).isEqualTo(dir.resolve("workflows"));
    WorkflowDefaults defaults = config.workflowDefaults();
    assertThat(defaults.timeoutSeconds()).isEqualTo(600);
    assertThat(defaults.maxRetries()).isEqualTo(3);
    assertThat(defaults.retryBackoffFactor()).isEqualTo(0.5);
    assertThat(defaults.retryJitter()).isTrue();
    assertThat(defaults.cachingEnabled()).isTrue();
    assertThat(defaults.cacheDirectory()).isEqualTo(dir.resolve(".dagger_cache").toString());
    assertThat(defaults.cacheTtlSeconds()).isEqualTo(3600);
    // sections the seed does not have keep their defaults
    assertThat(config.circuitBreaker()).isEqualTo(CircuitBreakerConfig.DEFAULT);
    assertThat(config.runtime()).isEqualTo(RuntimeConfig.DEFAULT);
    assertThat(config.store()).isEqualTo(StoreConfig.DEFAULT);
    assertThat(config.security()).isEqualTo(SecurityConfig.DEFAULT);
    assertThat(config.secrets()).isEmpty();
    assertThat(config.logging()).isEqualTo(LoggingConfig.DEFAULT);
  }

  @Test
  void emptyFileIsAllDefaultsWithDefaultPathsUnderItsDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "# nothing set\n");
    GantryConfig defaults = GantryConfig.defaults();

    GantryConfig config = loader.load(file);

    assertThat(config.workflowDirectory()).isEqualTo(dir.resolve("workflows"));
    assertThat(config.templatesDir()).isEqualTo(dir.resolve("templates/pipelines"));
    assertThat(config.dataDirectory()).isEqualTo(defaults.dataDirectory());
    assertThat(config.workflowDefaults().cacheDirectory())
        .isEqualTo(dir.resolve(".dagger_cache").toString());
    assertThat(
            config
                .withWorkflowDefaults(WorkflowDefaults.DEFAULT)
                .withTemplatesDir(defaults.templatesDir()))
        .usingRecursiveComparison()
        .ignoringFields("workflowDirectory")
        .isEqualTo(defaults);
  }

  @Test
  void everySectionIsRead() {
    GantryConfig config =
        parse(
            """
            circuit_breaker: {failure_threshold: 3, reset_timeout_seconds: 10, half_open_calls: 2}
            runtime:
              type: Docker
              docker_host: unix:///run/user/1000/docker.sock
              default_image: alpine:3.20
              max_parallel_steps: 8
              default_resources: {memory: 1g, cpus: 2, pids: 512}
              max_log_bytes: 1024
              max_resources: {memory: 4g, cpus: 4}
            store: {type: memory, url: "jdbc:h2:mem:x", username: sa, password: pw}
            security: {allowed_host_paths: [/srv/data/, /tmp/../var/cache]}
            secrets: {API_TOKEN: "env:GANTRY_API_TOKEN", DB_PASSWORD: "file:/run/secrets/db"}
            templates_dir: /etc/gantry/templates
            data_directory: /var/lib/gantry
            logging: {level: DEBUG, loggers: {dev.gantry.workflow: trace}}
            """);

    assertThat(config.circuitBreaker()).isEqualTo(new CircuitBreakerConfig(3, 10, 2));
    assertThat(config.runtime())
        .isEqualTo(
            new RuntimeConfig(
                "docker",
                "unix:///run/user/1000/docker.sock",
                "alpine:3.20",
                8,
                new Resources(1024L * 1024 * 1024, 2.0, 512L),
                1024,
                new Resources(4L * 1024 * 1024 * 1024, 4.0, null),
                null,
                RuntimeConfig.DEFAULT_MAX_PARALLEL_WORKFLOWS));
    assertThat(config.store()).isEqualTo(new StoreConfig("memory", "jdbc:h2:mem:x", "sa", "pw"));
    assertThat(config.security().allowedHostPaths()).containsExactly("/srv/data", "/var/cache");
    assertThat(config.secrets())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("API_TOKEN", "env:GANTRY_API_TOKEN", "DB_PASSWORD", "file:/run/secrets/db"));
    assertThat(config.templatesDir()).isEqualTo(Path.of("/etc/gantry/templates"));
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/gantry"));
    assertThat(config.logging())
        .isEqualTo(new LoggingConfig("debug", Map.of("dev.gantry.workflow", "trace")));
  }

  @Test
  void theDaggerRuntimeAndItsCliAreRead() {
    GantryConfig config = parse("runtime: {type: dagger, dagger_cli: bin/dagger}");

    assertThat(config.runtime().type()).isEqualTo("dagger");
    assertThat(config.runtime().daggerCli()).isEqualTo(dir.resolve("bin/dagger").normalize());
    assertThat(ConfigLoader.describe(config)).contains("dagger_cli: " + dir.resolve("bin/dagger"));
    assertThat(parse("runtime: {type: docker}").runtime().daggerCli()).isNull();
  }

  @Test
  void aPartialSectionKeepsTheDefaultsOfAbsentKeys() {
    GantryConfig config =
        parse(
            """
            workflow_defaults: {max_retries: 0}
            runtime: {default_resources: {memory: 256m}}
            """);

    assertThat(config.workflowDefaults())
        .isEqualTo(
            new WorkflowDefaults(
                600, 0, 0.5, true, true, dir.resolve(".dagger_cache").toString(), 3600));
    assertThat(config.runtime().defaultResources())
        .isEqualTo(new Resources(256L * 1024 * 1024, 1.0, 256L));
    assertThat(config.runtime().defaultImage()).isEqualTo("busybox:latest");
  }

  @Test
  void expandsVariablesFromTheEnvironmentBeforeTyping() {
    ConfigLoader withEnv =
        new ConfigLoader(
            Map.of(
                "REGISTRY", "registry.local:5000",
                "REGISTRY_PASSWORD", "s3cret",
                "TIMEOUT", "120",
                "JITTER", "false",
                "EMPTY", ""));

    GantryConfig config =
        withEnv.parse(
            """
            container_registry: ${REGISTRY}
            container_credentials:
              username: ${REGISTRY_USER:-gantry}
              password: ${REGISTRY_PASSWORD}
            workflow_directory: ${FLOWS:-${HOME_DIR:-/srv}/flows}
            workflow_defaults:
              timeout_seconds: ${TIMEOUT}
              max_retries: ${RETRIES:-5}
              retry_jitter: ${JITTER}
              cache_directory: ${EMPTY:-/cache}
            runtime:
              docker_host: "tcp://$${HOST}:${PORT:-2375}"
            """,
            dir);

    assertThat(config.containerRegistry()).isEqualTo("registry.local:5000");
    assertThat(config.containerCredentials())
        .isEqualTo(new RegistryCredentials("gantry", "s3cret"));
    assertThat(config.workflowDirectory()).isEqualTo(Path.of("/srv/flows"));
    assertThat(config.workflowDefaults().timeoutSeconds()).isEqualTo(120);
    assertThat(config.workflowDefaults().maxRetries()).isEqualTo(5);
    assertThat(config.workflowDefaults().retryJitter()).isFalse();
    assertThat(config.workflowDefaults().cacheDirectory()).isEqualTo("/cache");
    assertThat(config.runtime().dockerHost()).isEqualTo("tcp://${HOST}:2375");
  }

  @Test
  void aMissingVariableWithoutDefaultNamesTheKeyAndTheVariable() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () ->
                parse(
                    """
                    container_credentials: {username: me, password: "${REGISTRY_PASSWORD}"}
                    workflow_defaults: {timeout_seconds: "${TIMEOUT}0"}
                    runtime: {docker_host: "tcp://${HOST"}
                    """));

    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "container_credentials.password: environment variable 'REGISTRY_PASSWORD' is not set"
                + " (write ${REGISTRY_PASSWORD:-default} to give a default)",
            "workflow_defaults.timeout_seconds: environment variable 'TIMEOUT' is not set (write"
                + " ${TIMEOUT:-default} to give a default)",
            "runtime.docker_host: unterminated '${' in 'tcp://${HOST' (write $${ for a literal"
                + " ${)");
    assertThat(e.getMessage()).startsWith("invalid configuration: 3 problems");
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        bad(
            "workflow_defaults: {timeout_seconds: ten}",
            "workflow_defaults.timeout_seconds: expected a positive integer, got 'ten'"),
        bad(
            "workflow_defaults: {timeout_seconds: 0}",
            "workflow_defaults.timeout_seconds: expected a positive integer, got 0"),
        bad(
            "workflow_defaults: {max_retries: -1}",
            "workflow_defaults.max_retries: expected a non-negative integer, got -1"),
        bad(
            "workflow_defaults: {retry_backoff_factor: -0.5}",
            "workflow_defaults.retry_backoff_factor: expected a non-negative number, got -0.5"),
        bad(
            "workflow_defaults: {retry_jitter: maybe}",
            "workflow_defaults.retry_jitter: expected true or false, got 'maybe'"),
        bad(
            "workflow_defaults: {caching_enabled: 1}",
            "workflow_defaults.caching_enabled: expected true or false, got a number (1)"),
        bad(
            "workflow_defaults: {cache_ttl_seconds: 1.5}",
            "workflow_defaults.cache_ttl_seconds: expected a non-negative integer, got 1.5"),
        bad(
            "workflow_defaults: {cache_directory: ''}",
            "workflow_defaults.cache_directory: expected a path, got ''"),
        bad("workflow_defaults: 5", "workflow_defaults: expected an object, got a number (5)"),
        bad(
            "workflow_default: {}",
            "workflow_default: unknown key (did you mean 'workflow_defaults'? known keys:"
                + " container_registry, container_credentials, workflow_directory,"
                + " workflow_defaults, circuit_breaker, runtime, store, security, secrets,"
                + " templates_dir, data_directory, logging, server, recovery, shutdown)"),
        bad("container_credentials: {username: me}", "container_credentials.password: is required"),
        bad("container_registry: [docker.io]", "container_registry: expected a string, got a list"),
        bad(
            "circuit_breaker: {failure_threshold: 0}",
            "circuit_breaker.failure_threshold: expected a positive integer, got 0"),
        bad(
            "circuit_breaker: {half_open: 1}",
            "circuit_breaker.half_open: unknown key (known keys: failure_threshold,"
                + " reset_timeout_seconds, half_open_calls)"),
        bad(
            "runtime: {typo: docker}",
            "runtime.typo: unknown key (did you mean 'type'? known keys: type, docker_host,"
                + " default_image, max_parallel_steps, default_resources, max_log_bytes,"
                + " max_resources, dagger_cli, max_parallel_workflows)"),
        bad(
            "runtime: {max_resources: {memory: 256m, pids: 0}}",
            "runtime.max_resources.pids: expected a positive integer, got 0"),
        bad(
            "runtime: {max_resources: {memory: 256m, cpus: 0.5}}",
            "runtime.default_resources.memory: is above runtime.max_resources.memory; lower it or"
                + " raise the cap",
            "runtime.default_resources.cpus: is above runtime.max_resources.cpus; lower it or"
                + " raise the cap"),
        bad(
            "runtime: {type: kubernetes}",
            "runtime.type: unknown runtime 'kubernetes' (known: docker, dagger)"),
        bad(
            "runtime: {max_parallel_steps: 0}",
            "runtime.max_parallel_steps: expected a positive integer, got 0"),
        bad(
            "runtime: {max_log_bytes: 99999999999}",
            "runtime.max_log_bytes: expected a positive integer of at most 2147483647, got"
                + " 99999999999"),
        bad(
            "runtime: {default_image: 'busy box'}",
            "runtime.default_image: expected an image reference such as busybox:latest, got 'busy"
                + " box'"),
        bad(
            "runtime: {default_resources: {memory: lots, cpus: 0}}",
            "runtime.default_resources.memory: expected a size such as 64m, 1g or a number of"
                + " bytes, got 'lots'",
            "runtime.default_resources.cpus: expected a number > 0, got 0.0"),
        bad(
            "runtime: {default_resources: {mem: 1g}}",
            "runtime.default_resources.mem: unknown key (known keys: memory, cpus, pids)"),
        bad("store: {type: mongo}", "store.type: unknown store 'mongo' (known: jdbc, memory)"),
        bad(
            "security: {allowed_host_paths: [/srv, data]}",
            "security.allowed_host_paths[1]: expected an absolute path, got 'data'"),
        bad(
            "security: {allowed_host_paths: /srv}",
            "security.allowed_host_paths: expected a list of strings, got '/srv'"),
        bad(
            "secrets: {TOKEN: 'vault:x'}",
            "secrets.TOKEN: expected 'env:VARIABLE' or 'file:PATH', got 'vault:x'"),
        bad(
            "secrets: {TOKEN: 'env:'}",
            "secrets.TOKEN: expected 'env:VARIABLE' or 'file:PATH', got 'env:'"),
        bad(
            "secrets: {api-token: 'env:X'}",
            "secrets.api-token: expected a secret name of letters, digits and '_' not starting"
                + " with a digit"),
        bad(
            "logging: {level: loud}",
            "logging.level: unknown level 'loud' (known: trace, debug, info, warn, error)"),
        bad(
            "logging: {loggers: {dev.gantry: verbose}}",
            "logging.loggers.dev.gantry: unknown level 'verbose' (known: trace, debug, info, warn,"
                + " error)"),
        bad(
            "runtime: {docker_host: '${1X}'}",
            "runtime.docker_host: invalid reference '${1X}': expected ${NAME} or"
                + " ${NAME:-default}"),
        bad("- a", "expected an object of settings, got a list"),
        bad(
            "runtime:\n  type: docker\n type: x\n",
            "YAML syntax error at line 3, column 2: expected <block end>, but found"
                + " '<block mapping start>' (while parsing a block mapping started at line 1,"
                + " column 1)"));
  }

  private static Arguments bad(String yaml, String... problems) {
    return Arguments.of(yaml, List.of(problems));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badValuesAndUnknownKeysNameTheirKeyPath(String yaml, List<String> expected) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> parse(yaml));

    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).isEqualTo(expected);
    assertThat(e.getMessage()).startsWith("invalid configuration: ");
  }

  @Test
  void allProblemsOfAFileAreReportedAndTheFileIsNamed() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gantry.yaml"),
            """
            workflow_defaults: {timeout_seconds: ten, retries: 3}
            store: {type: mongo}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "invalid configuration "
                + file
                + ": 3 problems\n"
                + "  - workflow_defaults.retries: unknown key (known keys: timeout_seconds,"
                + " max_retries, retry_backoff_factor, retry_jitter, caching_enabled,"
                + " cache_directory, cache_ttl_seconds, retry_max_delay_seconds, cache_salt, cache_max_bytes)\n"
                + "  - workflow_defaults.timeout_seconds: expected a positive integer, got 'ten'\n"
                + "  - store.type: unknown store 'mongo' (known: jdbc, memory)");
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
        .hasMessage(
            "invalid configuration " + dir.resolve("missing.yaml") + ": the file does not exist");
  }

  @Test
  void relativePathsResolveAgainstTheConfigFilesDirectory() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("etc/gantry"));
    Path file =
        Files.writeString(
            conf.resolve("gantry.yaml"),
            """
            workflow_directory: flows
            templates_dir: ../templates
            data_directory: /var/lib/gantry
            workflow_defaults: {cache_directory: ./cache/../.cache}
            secrets: {DB_PASSWORD: "file:secrets/db"}
            """);

    GantryConfig config = loader.load(file);

    assertThat(config.workflowDirectory()).isEqualTo(conf.resolve("flows"));
    assertThat(config.templatesDir()).isEqualTo(dir.resolve("etc/templates"));
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/gantry"));
    assertThat(config.workflowDefaults().cacheDirectory())
        .isEqualTo(conf.resolve(".cache").toString());
    assertThat(config.secrets()).containsEntry("DB_PASSWORD", "file:" + conf.resolve("secrets/db"));
  }

  @Test
  void describeRedactsPasswordsAndSecretProviders() {
    GantryConfig config =
        parse(
            SEED_EXAMPLE
                + """
                store:
                  url: "jdbc:postgresql://gantry:pg-pass@db:5432/gantry?ssl=true&password=url-pass"
                  username: gantry
                  password: store-pass
                secrets: {API_TOKEN: "env:GANTRY_API_TOKEN", DB: "file:/run/secrets/db"}
                """);

    String described = ConfigLoader.describe(config);

    assertThat(described)
        .doesNotContain("\"password\"", "pg-pass", "url-pass", "store-pass")
        .doesNotContain("GANTRY_API_TOKEN", "/run/secrets/db")
        .contains("container_registry: docker.io")
        .contains("username: username")
        .contains("password: '***'")
        .contains("jdbc:postgresql://gantry:***@db:5432/gantry?ssl=true&password=***")
        .contains("API_TOKEN: env:***", "DB: file:***")
        .contains("timeout_seconds: 600", "cache_ttl_seconds: 3600", "memory: 512m");
  }

  @Test
  void describedConfigWithoutSecretsLoadsBackToTheSameConfig() {
    GantryConfig config =
        parse(
            """
            container_registry: registry.local
            workflow_directory: /srv/flows
            workflow_defaults: {timeout_seconds: 60, retry_backoff_factor: 1.5}
            runtime: {default_resources: {memory: 100000000, cpus: 0.5}}
            security: {allowed_host_paths: [/srv]}
            logging: {loggers: {dev.gantry: debug}}
            data_directory: /var/lib/gantry
            """);

    assertThat(parse(ConfigLoader.describe(config))).isEqualTo(config);
  }
}
