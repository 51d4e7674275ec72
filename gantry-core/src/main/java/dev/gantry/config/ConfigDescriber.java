package dev.gantry.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.internal.ResourceFields;
import dev.gantry.secret.SecretMask;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The effective configuration as YAML, without secrets. */
final class ConfigDescriber {
  static final String REDACTED = SecretMask.MASK;

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  private ConfigDescriber() {}

  static String describe(GantryConfig c) {
    Map<String, Object> map = new LinkedHashMap<>();
    put(map, "container_registry", c.containerRegistry());
    if (c.containerCredentials() != null) {
      Map<String, Object> credentials = new LinkedHashMap<>();
      put(credentials, "username", c.containerCredentials().username());
      put(credentials, "password", redact(c.containerCredentials().password()));
      map.put("container_credentials", credentials);
    }
    map.put("workflow_directory", c.workflowDirectory().toString());
    map.put("workflow_defaults", workflowDefaults(c.workflowDefaults()));
    Map<String, Object> breaker = new LinkedHashMap<>();
    breaker.put("failure_threshold", c.circuitBreaker().failureThreshold());
    breaker.put("reset_timeout_seconds", c.circuitBreaker().resetTimeoutSeconds());
    breaker.put("half_open_calls", c.circuitBreaker().halfOpenCalls());
    map.put("circuit_breaker", breaker);
    map.put("runtime", runtime(c.runtime()));
    map.put("store", store(c.store()));
    map.put("security", Map.of("allowed_host_paths", c.security().allowedHostPaths()));
    Map<String, Object> secrets = new LinkedHashMap<>();
    c.secrets().keySet().stream()
        .sorted()
        .forEach(name -> secrets.put(name, redactProvider(c.secrets().get(name))));
    map.put("secrets", secrets);
    map.put("templates_dir", c.templatesDir().toString());
    map.put("data_directory", c.dataDirectory().toString());
    Map<String, Object> logging = new LinkedHashMap<>();
    logging.put("level", c.logging().level());
    logging.put("loggers", new LinkedHashMap<>(c.logging().loggers()));
    map.put("logging", logging);
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("host", c.server().host());
    server.put("port", c.server().port());
    server.put(
        "tokens",
        c.server().tokens().stream()
            .map(t -> Map.of("name", t.name(), "sha256", REDACTED, "scopes", t.scopes()))
            .toList());
    put(server, "jwt_secret", redact(c.server().jwtSecret()));
    map.put("server", server);
    Map<String, Object> recovery = new LinkedHashMap<>();
    recovery.put("lease_seconds", c.recovery().leaseSeconds());
    recovery.put("reconcile_interval_seconds", c.recovery().reconcileIntervalSeconds());
    map.put("recovery", recovery);
    map.put("shutdown", Map.of("grace_seconds", c.shutdown().graceSeconds()));
    try {
      return Json.YAML.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> workflowDefaults(WorkflowDefaults d) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("timeout_seconds", d.timeoutSeconds());
    map.put("max_retries", d.maxRetries());
    map.put("retry_backoff_factor", d.retryBackoffFactor());
    map.put("retry_jitter", d.retryJitter());
    map.put("caching_enabled", d.cachingEnabled());
    map.put("cache_directory", d.cacheDirectory());
    map.put("cache_ttl_seconds", d.cacheTtlSeconds());
    map.put("retry_max_delay_seconds", d.retryMaxDelaySeconds());
    map.put("cache_salt", d.cacheSalt());
    map.put("cache_max_bytes", d.cacheMaxBytes());
    return map;
  }

  private static Map<String, Object> runtime(RuntimeConfig r) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", r.type());
    put(map, "docker_host", r.dockerHost());
    map.put("default_image", r.defaultImage());
    map.put("max_parallel_steps", r.maxParallelSteps());
    map.put("default_resources", ResourceFields.toMap(r.defaultResources()));
    map.put("max_log_bytes", r.maxLogBytes());
    map.put("max_resources", ResourceFields.toMap(r.maxResources()));
    put(map, "dagger_cli", r.daggerCli() == null ? null : r.daggerCli().toString());
    map.put("max_parallel_workflows", r.maxParallelWorkflows());
    return map;
  }

  private static Map<String, Object> store(StoreConfig s) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", s.type());
    put(map, "url", s.url() == null ? null : redactUrl(s.url()));
    put(map, "username", s.username());
    put(map, "password", redact(s.password()));
    return map;
  }

  /** A JDBC URL without the password of its {@code password=} parameter or user info. */
  static String redactUrl(String url) {
    String out = URL_PASSWORD.matcher(url).replaceAll("$1" + REDACTED);
    return URL_USER_INFO.matcher(out).replaceAll("$1" + REDACTED + "@");
  }

  /** {@code env:***} or {@code file:***}: the kind of provider, not where it points. */
  private static String redactProvider(String provider) {
    int colon = provider.indexOf(':');
    return (colon < 0 ? "" : provider.substring(0, colon + 1)) + REDACTED;
  }

  private static String redact(String secret) {
    return secret == null ? null : REDACTED;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
