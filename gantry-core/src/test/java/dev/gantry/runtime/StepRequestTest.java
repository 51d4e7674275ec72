package dev.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRequestTest {
  @Test
  void toStringMasksSecretValuesAndThePassword() {
    StepRequest request =
        new StepRequest(
            Map.of(),
            "build",
            "busybox:latest",
            List.of("sh", "-c", "echo s3cr3t-arg"),
            Map.of("API_TOKEN", "s3cr3t-env", "PLAIN", "visible"),
            null,
            null,
            new Resources(64L * 1024 * 1024, 1.0, 64L),
            NetworkMode.NONE,
            List.of(),
            List.of(),
            Duration.ofSeconds(5),
            "reg.example",
            new RegistryCredentials("me", "reg-pa55"),
            List.of("s3cr3t-env", "s3cr3t-arg", "reg-pa55"));

    assertThat(request.toString())
        .contains("API_TOKEN=***", "PLAIN=visible", "echo ***", "username=me", "redactions=3")
        .doesNotContain("s3cr3t", "reg-pa55");
  }
}
