package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource limits of a step. {@code null} means "use the configured default". Memory is in bytes
 * (YAML accepts {@code 64m}, {@code 1g}); CPUs may be fractional.
 */
public record Resources(
    @JsonProperty("memory_bytes") Long memoryBytes,
    Double cpus,
    @JsonProperty("pids_limit") Long pidsLimit) {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)i?b?");

  public static final Resources DEFAULTS = new Resources(null, null, null);

  public Resources {
    if (memoryBytes != null && memoryBytes < 6 * 1024 * 1024) {
      throw new InvalidInputException(
          "resources.memory",
          "expected at least 6m (Docker's minimum), got " + memoryBytes + " bytes");
    }
    if (cpus != null && (cpus <= 0 || cpus > 1024)) {
      throw new InvalidInputException("resources.cpus", "expected a number > 0, got " + cpus);
    }
    if (pidsLimit != null && pidsLimit < 1) {
      throw new InvalidInputException(
          "resources.pids", "expected a positive integer, got " + pidsLimit);
    }
  }

  /** Each limit of this, or of {@code fallback} where this one has none. */
  public Resources orElse(Resources fallback) {
    return new Resources(
        memoryBytes != null ? memoryBytes : fallback.memoryBytes,
        cpus != null ? cpus : fallback.cpus,
        pidsLimit != null ? pidsLimit : fallback.pidsLimit);
  }

  /**
   * The limits ({@code memory}, {@code cpus}, {@code pids}) of this that are above the same limit
   * of {@code max}; a limit unset on either side is never above.
   */
  public List<String> over(Resources max) {
    List<String> over = new ArrayList<>();
    if (memoryBytes != null && max.memoryBytes != null && memoryBytes > max.memoryBytes) {
      over.add("memory");
    }
    if (cpus != null && max.cpus != null && cpus > max.cpus) {
      over.add("cpus");
    }
    if (pidsLimit != null && max.pidsLimit != null && pidsLimit > max.pidsLimit) {
      over.add("pids");
    }
    return over;
  }

  /** Parses {@code 64m}, {@code 1g}, {@code 512k} or a number of bytes. */
  public static long parseSize(String field, String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(
          field, "expected a size such as 64m, 1g or a number of bytes, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "k" -> n * 1024;
      case "m" -> n * 1024 * 1024;
      case "g" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }
}
