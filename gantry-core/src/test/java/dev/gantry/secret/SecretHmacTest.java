package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretHmacTest {
  @TempDir Path dir;

  @Test
  void theInstallationKeyIsMadeOnceAndKeptPrivate() throws Exception {
    SecretHmac first = SecretHmac.forDataDirectory(dir.resolve("data"));
    Path key = dir.resolve("data").resolve(SecretHmac.KEY_FILE);
    byte[] bytes = Files.readAllBytes(key);
    SecretHmac again = SecretHmac.forDataDirectory(dir.resolve("data"));

    assertThat(bytes).hasSize(32);
    assertThat(Files.readAllBytes(key)).isEqualTo(bytes);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(first.of("s3cr3t")).isEqualTo(again.of("s3cr3t")).startsWith("hmac-sha256:");
    assertThat(first.of("s3cr3t")).isNotEqualTo(first.of("s3cr3t2")).doesNotContain("s3cr3t");
  }

  @Test
  void anotherInstallationGivesAnotherFingerprint() {
    SecretHmac one = SecretHmac.forDataDirectory(dir.resolve("one"));
    SecretHmac two = SecretHmac.forDataDirectory(dir.resolve("two"));
    assertThat(one.of("same")).isNotEqualTo(two.of("same"));
  }
}
