package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.GantryException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals that happen before the engine is asked anything. */
class LocalImagesTest {
  private final DockerEngine engine =
      DockerEngine.connect(
          DockerHost.resolve(null, Map.of("DOCKER_HOST", "unix:///nonexistent/gantry.sock")));

  @Test
  void aDynamicallyLinkedBinaryIsRefusedWithAdvice() {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    assertThatThrownBy(() -> new LocalImages(engine).buildBusybox(java, "x/busybox:test"))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("not a statically linked executable")
        .hasMessageContaining("busybox-static");
  }

  @Test
  void aMissingBinaryIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> new LocalImages(engine).buildBusybox(Path.of("/nonexistent/busybox"), "x/b:t"))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("/nonexistent/busybox does not exist")
        .hasMessageContaining("apt-get install busybox-static");
  }
}
