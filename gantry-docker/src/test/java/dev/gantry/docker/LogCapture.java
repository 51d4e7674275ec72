package dev.gantry.docker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM at TRACE (Gantry's, docker-java's, the HTTP client's) while
 * open, so a test can check that a secret appears in none of them. The console appenders are
 * detached meanwhile. Like Gantry's CLI, it keeps the HTTP client's header and wire loggers at INFO
 * ({@link #HEADER_LOGGERS}): they print each request's headers verbatim, and pulls carry
 * credentials in the {@code X-Registry-Auth} header, as the Docker engine API requires.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

  /**
   * The shaded Apache HTTP client's loggers that print request headers (see the CLI's LogLevels).
   */
  static final List<String> HEADER_LOGGERS =
      List.of(
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers",
          "com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.wire");

  LogCapture() {
    root.iteratorForAppenders().forEachRemaining(detached::add);
    detached.forEach(root::detachAppender);
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    for (String name : HEADER_LOGGERS) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
    }
  }

  /** Every captured event: message, arguments, MDC and exception chain, one per line. */
  String text() {
    synchronized (appender.list) {
      return appender.list.stream().map(LogCapture::describe).collect(Collectors.joining("\n"));
    }
  }

  int size() {
    return appender.list.size();
  }

  private static String describe(ILoggingEvent event) {
    StringBuilder sb =
        new StringBuilder(event.getLoggerName())
            .append(' ')
            .append(event.getFormattedMessage())
            .append(' ')
            .append(event.getMDCPropertyMap());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return sb.toString();
  }

  @Override
  public void close() {
    root.setLevel(rootLevel);
    for (String name : HEADER_LOGGERS) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
    root.detachAppender(appender);
    appender.stop();
    detached.forEach(root::addAppender);
  }
}
