package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {
  @Test
  void splitsReferences() {
    assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef(null, "busybox", "latest"));
    assertThat(ImageRef.parse("busybox:1.36")).isEqualTo(new ImageRef(null, "busybox", "1.36"));
    assertThat(ImageRef.parse("library/busybox:1"))
        .isEqualTo(new ImageRef(null, "library/busybox", "1"));
    assertThat(ImageRef.parse("localhost:5000/team/app"))
        .isEqualTo(new ImageRef("localhost:5000", "localhost:5000/team/app", "latest"));
    assertThat(ImageRef.parse("registry.example/app:2"))
        .isEqualTo(new ImageRef("registry.example", "registry.example/app", "2"));
    assertThat(ImageRef.parse("localhost/app:3"))
        .isEqualTo(new ImageRef("localhost", "localhost/app", "3"));
    assertThat(ImageRef.parse("app@sha256:abc")).isEqualTo(new ImageRef(null, "app", "sha256:abc"));
  }

  @Test
  void credentialsGoOnlyToTheirRegistry() {
    ImageRef ref = ImageRef.parse("registry.example:5000/app:1");
    assertThat(ref.isFrom("registry.example:5000")).isTrue();
    assertThat(ref.isFrom("https://registry.example:5000/")).isTrue();
    assertThat(ref.isFrom("other.example")).isFalse();
    assertThat(ImageRef.parse("busybox").isFrom("registry.example")).isFalse();
  }
}
