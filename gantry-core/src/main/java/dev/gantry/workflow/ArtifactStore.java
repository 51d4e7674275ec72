package dev.gantry.workflow;

import java.nio.file.Path;

/**
 * Content-addressed storage of step outputs: each artifact is a tar file (entries relative to
 * {@code /}) named by the sha256 of its bytes.
 */
public interface ArtifactStore {
  /**
   * Takes ownership of {@code tarFile} (it is moved or deleted) and returns its reference for
   * {@code path}, the declared output it holds.
   */
  ArtifactRef put(String path, Path tarFile);

  /** The stored tar file of {@code ref}; throws {@link dev.gantry.NotFoundException} if gone. */
  Path locate(ArtifactRef ref);
}
