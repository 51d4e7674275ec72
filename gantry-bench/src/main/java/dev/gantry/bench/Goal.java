package dev.gantry.bench;

import java.util.function.DoublePredicate;

/**
 * A figure's goal from issue 7, e.g. {@code ≤ 1.0×} or {@code ≤ 20 ms}.
 *
 * @param text how the report shows it
 * @param met whether a value meets it
 */
record Goal(String text, DoublePredicate met) {
  static Goal atMost(double limit, String unit) {
    return new Goal("≤ " + Figure.format(limit) + unit(unit), v -> v <= limit);
  }

  static Goal atLeast(double limit, String unit) {
    return new Goal("≥ " + Figure.format(limit) + unit(unit), v -> v >= limit);
  }

  private static String unit(String unit) {
    return unit.equals("×") ? "×" : " " + unit;
  }
}
