package dev.gantry.bench;

import java.nio.file.Path;

/**
 * What a benchmark gets: the options and a scratch directory of its own (deleted afterwards).
 *
 * @param work an empty directory for data directories, databases and files
 */
record BenchContext(Options options, Path work) {
  int pairs() {
    return options.pairs();
  }

  /** "7 pairs" — how figures describe their basis. */
  String pairsText() {
    return options.pairs() + " pairs";
  }
}
