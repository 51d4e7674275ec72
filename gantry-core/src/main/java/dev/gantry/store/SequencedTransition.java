package dev.gantry.store;

import dev.gantry.workflow.Transition;

/**
 * A transition with its place in the store's order of all appends: {@code seq} grows with every
 * append and is never reused (the server's event stream resumes from it).
 */
public record SequencedTransition(long seq, Transition transition) {}
