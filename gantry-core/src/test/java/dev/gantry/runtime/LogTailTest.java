package dev.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {
  private static void append(LogTail tail, String text) {
    tail.append(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsEverythingUnderTheBound() {
    LogTail tail = new LogTail(100, List.of());
    append(tail, "hello ");
    append(tail, "world\n");
    assertThat(tail.text()).isEqualTo("hello world\n");
    assertThat(tail.truncated()).isFalse();
    assertThat(tail.totalBytes()).isEqualTo(12);
  }

  @Test
  void keepsTheTailWhenOverTheBound() {
    LogTail tail = new LogTail(10, List.of());
    for (int i = 0; i < 100; i++) {
      append(tail, "line" + i + "\n");
    }
    assertThat(tail.text()).isEqualTo("98\nline99\n");
    assertThat(tail.text()).hasSize(10);
    assertThat(tail.truncated()).isTrue();
  }

  @Test
  void oneHugeChunkKeepsItsEnd() {
    LogTail tail = new LogTail(5, List.of());
    append(tail, "abcdefghij");
    assertThat(tail.text()).isEqualTo("fghij");
  }

  @Test
  void redactsSecretsSplitAcrossChunks() {
    LogTail tail = new LogTail(1000, List.of("s3cr3t"));
    append(tail, "token=s3c");
    append(tail, "r3t and again s3cr3t\n");
    assertThat(tail.text()).isEqualTo("token=*** and again ***\n");
  }

  @Test
  void secretStraddlingTheTailStartIsMaskedNotShownInPart() {
    LogTail tail = new LogTail(8, List.of("SECRETVALUE"));
    append(tail, "xxxxxxxxxxSECRETVALUE-end");
    // the last 8 bytes of the stream are "LUE-end" preceded by 'A'; the secret is masked whole.
    assertThat(tail.text()).doesNotContain("LUE").doesNotContain("VALUE").endsWith("-end");
    assertThat(tail.text()).isEqualTo("***-end");
  }

  @Test
  void longestSecretWinsAndEmptySecretsAreIgnored() {
    LogTail tail = new LogTail(100, List.of("", "pass", "password123"));
    append(tail, "a password123 b pass c");
    assertThat(tail.text()).isEqualTo("a *** b *** c");
  }

  @Test
  void neverStartsInsideAMultiByteCharacter() {
    LogTail tail = new LogTail(4, List.of());
    append(tail, "éééa"); // 7 bytes; the last 4 are the second byte of an é, an é and 'a'
    assertThat(tail.text()).isEqualTo("éa");
  }

  @Test
  void shortSecretsExpandingToTheMaskStayWithinTheBound() {
    LogTail tail = new LogTail(6, List.of("k"));
    append(tail, "kkkkkkkkkk");
    assertThat(tail.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(6);
    assertThat(tail.text()).doesNotContain("k");
  }
}
