package dev.gantry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.config.StoreConfig;
import dev.gantry.store.Store;
import dev.gantry.task.Project;
import dev.gantry.testkit.StoreContract;
import dev.gantry.testkit.store.StoreFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL, given by {@code GANTRY_TEST_POSTGRES_URL} (a JDBC URL)
 * with {@code GANTRY_TEST_POSTGRES_USER} and {@code GANTRY_TEST_POSTGRES_PASSWORD}. Skipped when
 * the URL is not set. The tests delete every row of Gantry's tables in that database.
 */
class PostgresJdbcStoreIT extends StoreContract {
  private static final String URL = System.getenv("GANTRY_TEST_POSTGRES_URL");
  private static final String USER = System.getenv("GANTRY_TEST_POSTGRES_USER");
  private static final String PASSWORD = System.getenv("GANTRY_TEST_POSTGRES_PASSWORD");
  private static final List<String> TABLES =
      List.of(
          "idempotency_keys",
          "leases",
          "transitions",
          "results",
          "executions",
          "workflows",
          "pipelines",
          "tasks",
          "phases",
          "projects");

  /** Skips each test, with the reason in the report, when no PostgreSQL is given. */
  private static void requirePostgres() {
    assumeTrue(
        URL != null && !URL.isBlank(),
        "GANTRY_TEST_POSTGRES_URL is not set: set it to a JDBC URL such as"
            + " jdbc:postgresql://127.0.0.1:5432/gantry_test (with GANTRY_TEST_POSTGRES_USER and"
            + " GANTRY_TEST_POSTGRES_PASSWORD) to run the store contract on PostgreSQL");
  }

  private static Store open() {
    return new JdbcStoreProvider().open(new StoreConfig("jdbc", URL, USER, PASSWORD), null);
  }

  @Override
  protected Store createStore() {
    requirePostgres();
    Store store = open();
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      store.close();
      throw new IllegalStateException("could not empty the test database " + URL, e);
    }
    return store;
  }

  @Test
  void dataSurvivesReopeningTheStore() {
    Project p = store().insertProject(StoreFixtures.project("p-1", StoreFixtures.T0));
    store().close();

    try (Store reopened = open()) {
      assertThat(reopened.findProject(p.id())).contains(p);
    }
  }
}
