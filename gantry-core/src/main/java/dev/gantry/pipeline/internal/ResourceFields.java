package dev.gantry.pipeline.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.Resources;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads and writes a {@code resources} object ({@code memory}, {@code cpus}, {@code pids}) of a
 * pipeline step or of the runtime's default limits.
 */
public final class ResourceFields {
  /** The keys of a resources object. */
  public static final List<String> KEYS = List.of("memory", "cpus", "pids");

  private static final long KIB = 1024;
  private static final String SIZE_EXPECTED =
      "expected a size such as 64m, 1g or a number of bytes";

  private ResourceFields() {}

  /**
   * The limits given in {@code f}, each absent one {@code null}; {@code null} when a value is bad
   * (the problems are added to {@code f}). Unknown keys are the caller's business.
   */
  public static Resources read(Fields f) {
    int before = f.problems().size();
    Long memory = memory(f);
    Double cpus = f.number("cpus", Double.NEGATIVE_INFINITY);
    Long pids = f.longInteger("pids", 1);
    // each limit on its own, so that every bad one is reported
    construct(f, () -> new Resources(memory, null, null));
    construct(f, () -> new Resources(null, cpus, null));
    construct(f, () -> new Resources(null, null, pids));
    return f.problems().size() > before ? null : new Resources(memory, cpus, pids);
  }

  private static Long memory(Fields f) {
    Object raw = f.raw("memory");
    if (raw == null) {
      return null;
    }
    BigInteger bytes = Fields.toBigInteger(raw);
    if (bytes != null && bytes.bitLength() < 63) {
      return bytes.longValue();
    }
    if (raw instanceof String s && bytes == null) {
      try {
        return f.checked(() -> Resources.parseSize("memory", s));
      } catch (NumberFormatException e) {
        f.problem("memory", SIZE_EXPECTED + ", got '" + s + "'");
        return null;
      }
    }
    f.problem("memory", SIZE_EXPECTED + ", got " + Fields.describe(raw));
    return null;
  }

  /** Runs a {@link Resources} constructor, reporting its {@code resources.x} paths under f. */
  private static void construct(Fields f, Supplier<Resources> constructor) {
    try {
      constructor.get();
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        String key = p.path() == null ? "" : p.path().replaceFirst("^resources\\.", "");
        f.problems().add(new Problem(Fields.join(f.path(), key), p.message()));
      }
    }
  }

  /** The documented map form of {@code resources}: only the limits that are set. */
  public static Map<String, Object> toMap(Resources resources) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (resources.memoryBytes() != null) {
      map.put("memory", formatSize(resources.memoryBytes()));
    }
    if (resources.cpus() != null) {
      map.put("cpus", resources.cpus());
    }
    if (resources.pidsLimit() != null) {
      map.put("pids", resources.pidsLimit());
    }
    return map;
  }

  /** {@code 64m}, {@code 1g}, {@code 512k}, or the number of bytes when not a whole unit. */
  public static Object formatSize(long bytes) {
    if (bytes > 0 && bytes % (KIB * KIB * KIB) == 0) {
      return bytes / (KIB * KIB * KIB) + "g";
    }
    if (bytes > 0 && bytes % (KIB * KIB) == 0) {
      return bytes / (KIB * KIB) + "m";
    }
    if (bytes > 0 && bytes % KIB == 0) {
      return bytes / KIB + "k";
    }
    return bytes;
  }
}
