package dev.gantry.secret;

import dev.gantry.GantryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of secret values under a key of this installation, so that a value's fingerprint can
 * be stored (e.g. in a step cache key) without the value: equal values give equal fingerprints, and
 * without the key a fingerprint tells nothing about the value, even a short one. The key is 32
 * random bytes in {@code <data directory>/secret-hmac.key}, created (owner-only) on first use.
 */
public final class SecretHmac {
  /** The key file's name under the data directory. */
  public static final String KEY_FILE = "secret-hmac.key";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;

  private final SecretKeySpec key;

  public SecretHmac(byte[] key) {
    if (key.length < KEY_BYTES) {
      throw new IllegalArgumentException("an HMAC key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** The installation's HMAC, its key read from (or first created in) {@code dataDirectory}. */
  public static SecretHmac forDataDirectory(Path dataDirectory) {
    Path file = dataDirectory.resolve(KEY_FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < KEY_BYTES) {
        throw new GantryException(
            "the secret HMAC key "
                + file
                + " is shorter than 32 bytes; delete it to have a new one made (cached steps"
                + " that use secrets will run again)");
      }
      return new SecretHmac(key);
    } catch (IOException e) {
      throw new GantryException("cannot read or create the secret HMAC key " + file + ": " + e, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path temp = Files.createTempFile(file.getParent(), KEY_FILE, ".part");
    try {
      restrict(temp);
      Files.write(temp, key);
      // Two processes may race to create it: a hard link never replaces a file, so the first one
      // wins and the other reads its key.
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException e) {
      // another process created it first
    } catch (UnsupportedOperationException e) {
      moveUnlessPresent(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveUnlessPresent(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file);
    } catch (FileAlreadyExistsException e) {
      // another process created it first
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data directory's own permissions protect it
    }
  }

  /** {@code hmac-sha256:<hex>} of {@code value}'s UTF-8 bytes. */
  public String of(String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return "hmac-sha256:"
          + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
