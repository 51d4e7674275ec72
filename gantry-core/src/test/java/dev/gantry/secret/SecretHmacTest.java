package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.GantryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretHmacTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyKeyOfThirtyTwoBytesOnFirstUse() throws Exception {
    SecretHmac hmac = SecretHmac.inDataDirectory(dir.resolve("data"));
    Path keyFile = dir.resolve("data").resolve(SecretHmac.KEY_FILE);
    assertThat(keyFile).doesNotExist();

    hmac.hmac("s3cr3t");

    assertThat(keyFile).isRegularFile();
    assertThat(Files.size(keyFile)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    try (var files = Files.list(keyFile.getParent())) {
      assertThat(files).containsExactly(keyFile); // no temporary file left behind
    }
  }

  @Test
  void isHmacSha256OfTheValueWithTheStoredKeyInHex() throws Exception {
    SecretHmac hmac = new SecretHmac(dir.resolve("k"));
    String digest = hmac.hmac("s3cr3t");

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Files.readAllBytes(dir.resolve("k")), "HmacSHA256"));
    assertThat(digest)
        .isEqualTo(HexFormat.of().formatHex(mac.doFinal("s3cr3t".getBytes("UTF-8"))))
        .matches("[0-9a-f]{64}")
        .doesNotContain("s3cr3t");
  }

  @Test
  void theSameKeyFileGivesTheSameDigestAcrossInstancesAndOtherValuesDiffer() {
    String first = new SecretHmac(dir.resolve("k")).hmac("a");
    SecretHmac again = new SecretHmac(dir.resolve("k"));
    assertThat(again.hmac("a")).isEqualTo(first);
    assertThat(again.hmac("b")).isNotEqualTo(first);
  }

  @Test
  void anotherInstallationsKeyGivesAnotherDigest() {
    assertThat(new SecretHmac(dir.resolve("one")).hmac("a"))
        .isNotEqualTo(new SecretHmac(dir.resolve("two")).hmac("a"));
  }

  @Test
  void concurrentFirstUsesAgreeOnOneKey() {
    Set<String> digests = ConcurrentHashMap.newKeySet();
    List<SecretHmac> instances =
        IntStream.range(0, 8).mapToObj(i -> new SecretHmac(dir.resolve("k"))).toList();
    instances.parallelStream().forEach(h -> digests.add(h.hmac("same")));
    assertThat(digests).hasSize(1);
  }

  @Test
  void aKeyFileOfTheWrongLengthIsAClearError() throws Exception {
    Files.writeString(dir.resolve("k"), "short");
    assertThatThrownBy(() -> new SecretHmac(dir.resolve("k")).hmac("a"))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining(dir.resolve("k").toString())
        .hasMessageContaining("5 bytes, expected 32");
  }
}
