package dev.gantry.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a baseline and Gantry alternately — A B A B … — after discarded warm-up pairs, and keeps the
 * time of each side of each pair.
 */
final class Interleaved {
  /** One side of a pair: does the work once; its wall time is what is measured. */
  @FunctionalInterface
  interface Side {
    void run() throws Exception;
  }

  /** Per-pair times in milliseconds: {@code a.get(i)} and {@code b.get(i)} ran back to back. */
  record Times(Samples a, Samples b) {
    /** Per pair, {@code b / a}. */
    Samples ratio() {
      return b.dividedBy(a);
    }
  }

  private Interleaved() {}

  static Times run(int pairs, int warmups, Side a, Side b) throws Exception {
    for (int i = 0; i < warmups; i++) {
      a.run();
      b.run();
    }
    List<Double> as = new ArrayList<>();
    List<Double> bs = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      as.add(millis(a));
      bs.add(millis(b));
    }
    return new Times(new Samples(as), new Samples(bs));
  }

  static double millis(Side side) throws Exception {
    long t0 = System.nanoTime();
    side.run();
    return (System.nanoTime() - t0) / 1e6;
  }
}
