package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.GantryException;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the engine session: environment, a started {@code dagger session}, or a clear error. */
class DaggerSessionTest {
  @TempDir Path temp;

  @Test
  void theEnvironmentOfDaggerRunIsUsed() {
    try (DaggerSession session =
        DaggerSession.open(
            Map.of("DAGGER_SESSION_PORT", "41234", "DAGGER_SESSION_TOKEN", "tok"), null)) {
      assertThat(session.endpoint().queryUri().toString())
          .isEqualTo("http://127.0.0.1:41234/query");
      assertThat(session.endpoint().token()).isEqualTo("tok");
      assertThat(session.describe()).contains("DAGGER_SESSION_PORT=41234");
    }
  }

  @Test
  void withoutASessionTheErrorNamesTheVariablesAndTheConfigKey() {
    assertThatThrownBy(() -> DaggerSession.open(Map.of(), null))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("DAGGER_SESSION_PORT")
        .hasMessageContaining("DAGGER_SESSION_TOKEN")
        .hasMessageContaining("dagger run")
        .hasMessageContaining("runtime.dagger_cli");
  }

  @Test
  void aPortWithoutTokenOrABadPortIsNamed() {
    assertThatThrownBy(() -> DaggerSession.open(Map.of("DAGGER_SESSION_PORT", "1"), null))
        .hasMessageContaining("DAGGER_SESSION_TOKEN is not");
    assertThatThrownBy(
            () ->
                DaggerSession.open(
                    Map.of("DAGGER_SESSION_PORT", "http", "DAGGER_SESSION_TOKEN", "t"), null))
        .hasMessageContaining("DAGGER_SESSION_PORT: expected a TCP port number, got 'http'");
  }

  @Test
  void theCliSessionsConnectionLineIsRead() {
    DaggerEndpoint endpoint = CliSession.parse("{\"port\":39123,\"session_token\":\"abc\"}");

    assertThat(endpoint.queryUri().toString()).isEqualTo("http://127.0.0.1:39123/query");
    assertThat(endpoint.token()).isEqualTo("abc");
    assertThatThrownBy(() -> CliSession.parse("Connected to engine"))
        .isInstanceOf(RuntimeUnavailableException.class);
    assertThatThrownBy(() -> CliSession.parse("{\"port\":1}"))
        .hasMessageContaining("session_token");
    assertThatThrownBy(() -> CliSession.parse(null)).hasMessageContaining("ended without");
  }

  /**
   * A CLI that speaks {@code dagger session}'s protocol (one JSON line on stdout, then waits for
   * its standard input to close) is started, read and ended.
   */
  @Test
  void aConfiguredCliIsStartedAndEndedWithTheSession() throws IOException {
    Path marker = temp.resolve("ended");
    Path cli = temp.resolve("dagger");
    Files.writeString(
        cli,
        "#!/bin/sh\n"
            + "[ \"$1\" = session ] || exit 2\n"
            + "echo '{\"port\":40111,\"session_token\":\"from-cli\"}'\n"
            + "cat >/dev/null\n"
            + "touch '"
            + marker
            + "'\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));

    try (DaggerSession session = DaggerSession.open(Map.of(), cli)) {
      assertThat(session.endpoint().queryUri().getPort()).isEqualTo(40111);
      assertThat(session.endpoint().token()).isEqualTo("from-cli");
      assertThat(marker).doesNotExist();
    }
    assertThat(marker).exists();
  }

  @Test
  void aCliThatIsNotThereIsNamed() {
    Path missing = temp.resolve("no-dagger");

    assertThatThrownBy(() -> DaggerSession.open(Map.of(), missing))
        .hasMessageContaining("runtime.dagger_cli")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void aCliThatEndsWithoutParametersIsRuntimeUnavailable() throws IOException {
    Path cli = temp.resolve("dagger-broken");
    Files.writeString(cli, "#!/bin/sh\necho 'engine failed' >&2\nexit 1\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> DaggerSession.open(Map.of(), cli))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("connection parameters");
  }
}
