package dev.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the report's table.
 *
 * @param value the headline: the median of the pairs, or a percentile where {@code basis} says so
 * @param min the smallest sample
 * @param max the largest sample
 * @param unit {@code ×} for ratios, else {@code ms}, {@code ms/step}, {@code /s}, …
 * @param basis how {@code value} was computed, e.g. "median of 7 pairs" or "p95 of 70 steps"
 * @param goal the goal it is measured against, or null for a figure shown as context
 * @param samples the raw values (in the JSON), empty when not measured
 * @param notMeasured why there is no value (then value, min and max are NaN), or null
 */
record Figure(
    String name,
    String unit,
    double value,
    double min,
    double max,
    String basis,
    Goal goal,
    List<Double> samples,
    String notMeasured) {

  /** The median of per-pair values, with their min and max. */
  static Figure median(String name, String unit, Samples s, String pairs, Goal goal) {
    return new Figure(
        name, unit, s.median(), s.min(), s.max(), "median of " + pairs, goal, s.values(), null);
  }

  /** The {@code p}-th percentile (nearest rank) of pooled samples, with their min and max. */
  static Figure percentile(String name, String unit, int p, Samples s, String of, Goal goal) {
    return new Figure(
        name,
        unit,
        percentile(s.values(), p),
        s.min(),
        s.max(),
        "p" + p + " of " + of,
        goal,
        s.values(),
        null);
  }

  /** A slot for a figure that this run could not measure, and why. */
  static Figure notMeasured(String name, String unit, Goal goal, String why) {
    return new Figure(name, unit, Double.NaN, Double.NaN, Double.NaN, "", goal, List.of(), why);
  }

  boolean measured() {
    return notMeasured == null;
  }

  /** "yes", "NO", "not measured" or "" (no goal). */
  String met() {
    if (!measured()) {
      return "not measured";
    }
    if (goal == null) {
      return "";
    }
    return goal.met().test(value) ? "yes" : "NO";
  }

  static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    double a = Math.abs(v);
    return a >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
