package dev.gantry.bench;

/**
 * The machine a benchmark ran on, as {@code ./scripts/bench} read it from {@code /proc/cpuinfo} and
 * {@code free}.
 */
record Machine(String cpu, int cpus, String memory, String os, String java, String docker) {}
