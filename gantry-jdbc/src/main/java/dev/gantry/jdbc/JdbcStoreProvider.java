package dev.gantry.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gantry.GantryException;
import dev.gantry.config.StoreConfig;
import dev.gantry.secret.SecretMask;
import dev.gantry.store.Store;
import dev.gantry.store.StoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link JdbcStore} ({@code store.type: jdbc}): on {@code store.url}, or by default on an
 * H2 file {@code <data directory>/gantry}. Migrates the schema with Flyway before returning.
 */
public final class JdbcStoreProvider implements StoreProvider {
  /** Connections the store keeps at most. */
  public static final int MAX_POOL_SIZE = 8;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreProvider.class);
  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Store open(StoreConfig config, Path dataDirectory) {
    String url = config.url() != null ? config.url() : defaultUrl(dataDirectory);
    HikariDataSource dataSource = connect(url, config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new GantryException(
          "store: could not migrate the database at " + redact(url) + ": " + e.getMessage(), e);
    }
    LOG.info("Store opened on {}", redact(url));
    return new JdbcStore(dataSource, Clock.systemUTC());
  }

  /**
   * The default database: an H2 file {@code gantry} in {@code dataDirectory} (created). {@code
   * WRITE_DELAY=0}: each commit reaches the file before the call returns (H2 otherwise writes up to
   * 500 ms later), so an execution accepted just before the process is killed is not lost. The
   * {@code async:} file system keeps the file open when a writing thread is interrupted (a
   * cancelled step's thread records its end); H2's default channel would close the database.
   */
  static String defaultUrl(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Path dir = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GantryException(
          "store: could not create the data directory " + dir + ": " + e.getMessage(), e);
    }
    return "jdbc:h2:async:" + dir.resolve("gantry") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
  }

  private static HikariDataSource connect(String url, StoreConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("gantry-store");
    hikari.setJdbcUrl(url);
    hikari.setUsername(config.username());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(MAX_POOL_SIZE);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new GantryException(
          "store: could not connect to "
              + redact(url)
              + " (check store.url, store.username and store.password): "
              + rootMessage(e),
          e,
          true);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** The URL without a password given in it. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1" + SecretMask.MASK);
  }
}
