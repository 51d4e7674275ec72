package dev.gantry.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
  @Test
  void theMaskIsThreeStars() {
    assertThat(SecretMask.MASK).isEqualTo("***");
  }

  @Test
  void replacesEveryOccurrenceLongestFirstAndIgnoresEmptyValues() {
    assertThat(SecretMask.redact("a pass b password123 c pass", List.of("", "pass", "password123")))
        .isEqualTo("a *** b *** c ***");
  }

  @Test
  void leavesTextWithoutSecretsAndNullAlone() {
    assertThat(SecretMask.redact("plain", List.of("s3cr3t"))).isEqualTo("plain");
    assertThat(SecretMask.redact(null, List.of("s3cr3t"))).isNull();
    assertThat(SecretMask.redact("s3cr3t", List.of())).isEqualTo("s3cr3t");
  }
}
