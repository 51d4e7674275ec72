package dev.gantry.workflow;

import java.util.Map;

/**
 * The copy of an execution's source directory in the artifact store, named by its parameter {@value
 * #PARAM} as {@code {path, digest, size}}; every step gets its files at {@value #MOUNT}.
 */
public final class SourceArtifact {
  /** Where the source directory's files appear in each step's container. */
  public static final String MOUNT = "/source";

  /** The execution parameter that carries the stored copy. */
  public static final String PARAM = "source_artifact";

  private SourceArtifact() {}

  /** The stored copy named by an execution's parameters, or null. */
  public static ArtifactRef of(Map<String, Object> params) {
    if (params.get(PARAM) instanceof Map<?, ?> m
        && m.get("digest") instanceof String digest
        && m.get("size") instanceof Number size) {
      return new ArtifactRef(MOUNT, digest, size.longValue());
    }
    return null;
  }
}
