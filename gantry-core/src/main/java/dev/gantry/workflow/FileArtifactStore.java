package dev.gantry.workflow;

import dev.gantry.GantryException;
import dev.gantry.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** {@link ArtifactStore} in a directory: {@code <root>/sha256/<first two hex>/<hex>.tar}. */
public final class FileArtifactStore implements ArtifactStore {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private final Path root;

  public FileArtifactStore(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("sha256"));
    } catch (IOException e) {
      throw new GantryException("cannot create the artifact directory " + root + ": " + e, e);
    }
  }

  @Override
  public ArtifactRef put(String path, Path tarFile) {
    try {
      String hex = sha256(tarFile);
      long size = Files.size(tarFile);
      Path target = file(hex);
      if (Files.exists(target)) {
        Files.delete(tarFile);
      } else {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), hex, ".part");
        Files.move(tarFile, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return new ArtifactRef(path, "sha256:" + hex, size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the artifact of " + path, e);
    }
  }

  @Override
  public Path locate(ArtifactRef ref) {
    if (!DIGEST.matcher(ref.digest()).matches()) {
      throw new NotFoundException("artifact", ref.digest());
    }
    Path file = file(ref.digest().substring("sha256:".length()));
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("artifact", ref.digest() + " (" + ref.path() + ")");
    }
    return file;
  }

  private Path file(String hex) {
    return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex + ".tar");
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
