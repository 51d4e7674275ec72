package dev.gantry.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gantry's configuration: the seed's keys ({@code container_registry}, {@code
 * container_credentials}, {@code workflow_directory}, {@code workflow_defaults}) and Gantry's own
 * sections. Loaded and validated by {@link ConfigLoader}; see {@code docs/configuration.md}.
 *
 * @param secrets secret name to provider ({@code env:NAME} or {@code file:PATH})
 */
public record GantryConfig(
    String containerRegistry,
    RegistryCredentials containerCredentials,
    Path workflowDirectory,
    WorkflowDefaults workflowDefaults,
    CircuitBreakerConfig circuitBreaker,
    RuntimeConfig runtime,
    StoreConfig store,
    SecurityConfig security,
    Map<String, String> secrets,
    Path templatesDir,
    Path dataDirectory,
    LoggingConfig logging,
    ServerConfig server,
    RecoveryConfig recovery,
    ShutdownConfig shutdown) {
  public GantryConfig {
    workflowDefaults = workflowDefaults == null ? WorkflowDefaults.DEFAULT : workflowDefaults;
    circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.DEFAULT : circuitBreaker;
    runtime = runtime == null ? RuntimeConfig.DEFAULT : runtime;
    store = store == null ? StoreConfig.DEFAULT : store;
    security = security == null ? SecurityConfig.DEFAULT : security;
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    workflowDirectory = workflowDirectory == null ? Path.of("workflows") : workflowDirectory;
    templatesDir = templatesDir == null ? Path.of("templates/pipelines") : templatesDir;
    dataDirectory = dataDirectory == null ? defaultDataDirectory() : dataDirectory;
    logging = logging == null ? LoggingConfig.DEFAULT : logging;
    server = server == null ? ServerConfig.DEFAULT : server;
    recovery = recovery == null ? RecoveryConfig.DEFAULT : recovery;
    shutdown = shutdown == null ? ShutdownConfig.DEFAULT : shutdown;
  }

  /**
   * Without the {@code server}, {@code recovery} and {@code shutdown} sections (their defaults).
   */
  public GantryConfig(
      String containerRegistry,
      RegistryCredentials containerCredentials,
      Path workflowDirectory,
      WorkflowDefaults workflowDefaults,
      CircuitBreakerConfig circuitBreaker,
      RuntimeConfig runtime,
      StoreConfig store,
      SecurityConfig security,
      Map<String, String> secrets,
      Path templatesDir,
      Path dataDirectory,
      LoggingConfig logging) {
    this(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        null,
        null,
        null);
  }

  /** All defaults: Docker runtime, H2 store under the data directory. */
  public static GantryConfig defaults() {
    return new GantryConfig(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@code $GANTRY_HOME/data}, else {@code ~/.gantry/data}. */
  public static Path defaultDataDirectory() {
    String home = System.getenv("GANTRY_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".gantry");
    return base.resolve("data");
  }

  public GantryConfig withStore(StoreConfig newStore) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        newStore,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        server,
        recovery,
        shutdown);
  }

  public GantryConfig withDataDirectory(Path newDataDirectory) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        newDataDirectory,
        logging,
        server,
        recovery,
        shutdown);
  }

  public GantryConfig withRuntime(RuntimeConfig newRuntime) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        newRuntime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        server,
        recovery,
        shutdown);
  }

  public GantryConfig withWorkflowDefaults(WorkflowDefaults newWorkflowDefaults) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        newWorkflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        server,
        recovery,
        shutdown);
  }

  public GantryConfig withServer(ServerConfig newServer) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        newServer,
        recovery,
        shutdown);
  }

  public GantryConfig withRecovery(RecoveryConfig newRecovery) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        server,
        newRecovery,
        shutdown);
  }

  public GantryConfig withShutdown(ShutdownConfig newShutdown) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        templatesDir,
        dataDirectory,
        logging,
        server,
        recovery,
        newShutdown);
  }

  public GantryConfig withTemplatesDir(Path newTemplatesDir) {
    return new GantryConfig(
        containerRegistry,
        containerCredentials,
        workflowDirectory,
        workflowDefaults,
        circuitBreaker,
        runtime,
        store,
        security,
        secrets,
        newTemplatesDir,
        dataDirectory,
        logging,
        server,
        recovery,
        shutdown);
  }
}
