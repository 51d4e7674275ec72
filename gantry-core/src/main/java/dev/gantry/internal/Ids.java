package dev.gantry.internal;

import dev.gantry.InvalidInputException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Creation and validation of the string ids of Gantry's records. */
public final class Ids {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new id such as {@code task-3f9c0a1b2c4d}. */
  public static String random(String prefix) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return prefix + "-" + HexFormat.of().formatHex(bytes);
  }

  /** Throws unless {@code value} is a valid id: 1-128 of letters, digits, '.', '_', ':' or '-'. */
  public static void check(String field, String value) {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new InvalidInputException(
          field,
          "expected 1-128 letters, digits, '.', '_', ':' or '-' starting with a letter or digit, got "
              + (value == null ? "nothing" : "'" + value + "'"));
    }
  }
}
