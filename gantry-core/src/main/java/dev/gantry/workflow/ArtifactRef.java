package dev.gantry.workflow;

/** A declared output of a step, stored as a content-addressed tarball ({@code sha256:<hex>}). */
public record ArtifactRef(String path, String digest, long size) {}
