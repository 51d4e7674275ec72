package dev.gantry.secret;

import dev.gantry.GantryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HMAC-SHA256 of secret values with a per-installation key, so that something derived from a secret
 * (a cache key, a fingerprint) changes when the secret changes but never shows it, and cannot be
 * checked against guesses without the key.
 *
 * <p>The key is {@value #KEY_BYTES} random bytes in a file (by convention {@code
 * <data_directory>/secret-hmac.key}, see {@link #KEY_FILE}), created on first use, readable and
 * writable by its owner only. Concurrent first uses, even from several processes, agree on one key:
 * the file is written aside and linked into place only if no key file exists yet. Thread-safe.
 */
public final class SecretHmac {
  private static final Logger log = LoggerFactory.getLogger(SecretHmac.class);

  /** The key file's name in the data directory. */
  public static final String KEY_FILE = "secret-hmac.key";

  /** The key's length. */
  public static final int KEY_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path keyFile;
  private volatile SecretKeySpec key;

  /** An HMAC whose key lives in {@code keyFile}; nothing is read or written until first use. */
  public SecretHmac(Path keyFile) {
    this.keyFile = keyFile.toAbsolutePath().normalize();
  }

  /** The HMAC for the installation whose data directory is {@code dataDirectory}. */
  public static SecretHmac inDataDirectory(Path dataDirectory) {
    return new SecretHmac(dataDirectory.resolve(KEY_FILE));
  }

  public Path keyFile() {
    return keyFile;
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code value}, as 64 lower-case hex digits. */
  public String hmac(String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      synchronized (this) {
        k = key;
        if (k == null) {
          k = new SecretKeySpec(loadOrCreate(), ALGORITHM);
          key = k;
        }
      }
    }
    return k;
  }

  private byte[] loadOrCreate() {
    try {
      if (!Files.exists(keyFile)) {
        create();
      }
      byte[] bytes = Files.readAllBytes(keyFile);
      if (bytes.length != KEY_BYTES) {
        throw new GantryException(
            "Secret HMAC key "
                + keyFile
                + " has "
                + bytes.length
                + " bytes, expected "
                + KEY_BYTES
                + ". Delete it to have a new key created (cached results that depend on secrets"
                + " will then miss once).");
      }
      return bytes;
    } catch (IOException e) {
      throw new GantryException(
          "Cannot read or create the secret HMAC key "
              + keyFile
              + ": "
              + e.getMessage()
              + ". Check that the data directory is writable by this user.",
          e);
    }
  }

  /** Writes a new key aside, then links it into place unless another writer got there first. */
  private void create() throws IOException {
    Path dir = keyFile.getParent();
    Files.createDirectories(dir);
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    Path temp =
        posix
            ? Files.createTempFile(
                dir, KEY_FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, KEY_FILE, ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.createLink(keyFile, temp);
        log.info("Created the secret HMAC key {}", keyFile);
      } catch (FileAlreadyExistsException e) {
        log.debug("Secret HMAC key {} was created concurrently; using it", keyFile);
      } catch (UnsupportedOperationException e) {
        if (!Files.exists(keyFile)) {
          Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
          log.info("Created the secret HMAC key {}", keyFile);
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
