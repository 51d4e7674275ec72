package dev.gantry.bench;

import java.util.ArrayList;
import java.util.List;

/** Measured values (milliseconds or ratios) with their median, minimum and maximum. */
record Samples(List<Double> values) {
  Samples {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    values = List.copyOf(values);
  }

  double median() {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** Element-wise {@code this[i] / other[i]}. */
  Samples dividedBy(Samples other) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      ratios.add(values.get(i) / other.values().get(i));
    }
    return new Samples(ratios);
  }
}
