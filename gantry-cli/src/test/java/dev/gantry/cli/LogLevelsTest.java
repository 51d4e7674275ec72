package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.gantry.config.LoggingConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Level rootLevel = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
  private final Level dockerLevel = context.getLogger("com.github.dockerjava").getLevel();

  @AfterEach
  void restore() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    context.getLogger("com.github.dockerjava").setLevel(dockerLevel);
    LogLevels.HEADER_LOGGERS.forEach(name -> context.getLogger(name).setLevel(null));
  }

  @Test
  void theHttpHeaderLoggersThatWouldPrintRegistryPasswordsStayAtInfo() {
    LogLevels.apply(
        new LoggingConfig(
            "trace",
            Map.of("com.github.dockerjava", "trace", LogLevels.HEADER_LOGGERS.get(0), "debug")),
        null);

    assertThat(context.getLogger("com.github.dockerjava").getEffectiveLevel())
        .isEqualTo(Level.TRACE);
    assertThat(LogLevels.HEADER_LOGGERS)
        .extracting(name -> context.getLogger(name).getEffectiveLevel())
        .containsOnly(Level.INFO);
  }

  @Test
  void theyAreLeftAloneWhenQuieterAlready() {
    LogLevels.apply(new LoggingConfig("warn", Map.of()), "error");

    assertThat(LogLevels.HEADER_LOGGERS)
        .extracting(name -> context.getLogger(name).getEffectiveLevel())
        .allSatisfy(level -> assertThat(level.isGreaterOrEqual(Level.INFO)).isTrue());
  }
}
