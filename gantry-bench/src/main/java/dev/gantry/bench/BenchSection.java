package dev.gantry.bench;

import java.util.List;
import java.util.Map;

/**
 * What one benchmark returns: its figures (rows of the table), its section of {@code
 * docs/benchmarks.md} (markdown: what was run, the baseline, the commands) and extra raw data for
 * the JSON.
 */
record BenchSection(
    String id,
    String title,
    List<Figure> figures,
    String markdown,
    Map<String, Object> json,
    double seconds) {
  BenchSection withSeconds(double s) {
    return new BenchSection(id, title, figures, markdown, json, s);
  }
}
