package dev.gantry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.gantry.InvalidInputException;
import dev.gantry.config.LoggingConfig;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies log levels from the config's {@code logging} section and {@code --log-level}. The Docker
 * client's HTTP header and wire loggers ({@link #HEADER_LOGGERS}) stay at INFO whatever is asked:
 * at DEBUG they print every request header verbatim, and image pulls carry the registry password in
 * the {@code X-Registry-Auth} header.
 */
final class LogLevels {
  static final List<String> HEADER_LOGGERS =
      List.of(
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers",
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.wire");

  private LogLevels() {}

  static void apply(LoggingConfig logging, String override) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    for (Map.Entry<String, String> e : logging.loggers().entrySet()) {
      context.getLogger(e.getKey()).setLevel(level("logging.loggers." + e.getKey(), e.getValue()));
    }
    String root = override != null ? override : logging.level();
    if (override != null || !"info".equals(logging.level())) {
      context
          .getLogger(Logger.ROOT_LOGGER_NAME)
          .setLevel(level(override != null ? "--log-level" : "logging.level", root));
    }
    for (String name : HEADER_LOGGERS) {
      Logger logger = context.getLogger(name);
      if (!logger.getEffectiveLevel().isGreaterOrEqual(Level.INFO)) {
        logger.setLevel(Level.INFO);
      }
    }
  }

  /** Only errors from {@code type}'s logger: for commands that report its warnings themselves. */
  static void errorsOnly(Class<?> type) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(type).setLevel(Level.ERROR);
    }
  }

  private static Level level(String field, String text) {
    Level level = Level.toLevel(text, null);
    if (level == null) {
      throw new InvalidInputException(
          field, "expected trace, debug, info, warn or error, got '" + text + "'");
    }
    return level;
  }
}
