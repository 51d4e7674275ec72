package dev.gantry.dagger;

import dev.gantry.GantryException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Dagger engine session Gantry talks to, found the way Dagger clients find one:
 *
 * <ol>
 *   <li>{@code DAGGER_SESSION_PORT} and {@code DAGGER_SESSION_TOKEN} in the environment (set by
 *       {@code dagger run …}, {@code dagger api with-session …} in the 1.0 CLI): the session
 *       belongs to that command and is left alone;
 *   <li>else, when {@code runtime.dagger_cli} names a {@code dagger} CLI: Gantry starts {@code
 *       dagger session} and ends it on {@link #close()};
 *   <li>else: an error naming both ways.
 * </ol>
 */
public interface DaggerSession extends AutoCloseable {
  /** The environment variable holding the session's port. */
  String PORT_ENV = "DAGGER_SESSION_PORT";

  /** The environment variable holding the session's token. */
  String TOKEN_ENV = "DAGGER_SESSION_TOKEN";

  DaggerEndpoint endpoint();

  /** How the session was found, for logs and errors (never the token). */
  String describe();

  @Override
  void close();

  /**
   * Finds or starts the session.
   *
   * @param env the process environment
   * @param cli the {@code dagger} CLI to start a session with, or null
   */
  static DaggerSession open(Map<String, String> env, Path cli) {
    String port = env.get(PORT_ENV);
    String token = env.get(TOKEN_ENV);
    if (port != null && !port.isBlank()) {
      if (token == null || token.isBlank()) {
        throw new GantryException(
            PORT_ENV + " is set but " + TOKEN_ENV + " is not: run Gantry under 'dagger run'.");
      }
      int number;
      try {
        number = Integer.parseInt(port.strip());
      } catch (NumberFormatException e) {
        throw new GantryException(
            PORT_ENV + ": expected a TCP port number, got '" + port + "'", e, false);
      }
      DaggerEndpoint endpoint = DaggerEndpoint.local(number, token);
      return new DaggerSession() {
        @Override
        public DaggerEndpoint endpoint() {
          return endpoint;
        }

        @Override
        public String describe() {
          return "the session of " + PORT_ENV + "=" + number;
        }

        @Override
        public void close() {}
      };
    }
    if (cli != null) {
      return CliSession.start(cli);
    }
    throw new GantryException(
        "runtime.type is dagger but no Dagger engine session is available: run Gantry under"
            + " 'dagger run' (it sets "
            + PORT_ENV
            + " and "
            + TOKEN_ENV
            + "), or set runtime.dagger_cli in the configuration to the path of a dagger CLI"
            + " so that Gantry starts 'dagger session' itself.");
  }
}
