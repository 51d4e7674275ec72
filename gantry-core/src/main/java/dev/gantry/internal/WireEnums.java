package dev.gantry.internal;

import dev.gantry.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing of enums written in lower snake case ({@code in_progress}) with a clear error. */
public final class WireEnums {
  private WireEnums() {}

  public static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
    return parse(type, field, text, WireEnums::wireName);
  }

  public static <E extends Enum<E>> E parse(
      Class<E> type, String field, String text, Function<E, String> name) {
    if (text != null) {
      String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (name.apply(e).equals(wanted)) {
          return e;
        }
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(name).collect(Collectors.joining(", "));
    throw new InvalidInputException(
        field,
        "expected one of " + allowed + ", got " + (text == null ? "nothing" : "'" + text + "'"));
  }
}
