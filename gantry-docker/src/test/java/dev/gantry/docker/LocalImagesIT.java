package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.testkit.StepRequestBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Busybox without a registry, built from the host's busybox-static. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalImagesIT {
  private final String owner = "local-images-it-" + UUID.randomUUID();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String tagA = "gantry-it/busybox:a-" + suffix;
  private final String tagB = "gantry-it/busybox:b-" + suffix;
  private DockerStepRunner runner;
  private LocalImages images;

  @BeforeAll
  void start() {
    runner = new DockerStepRunner(DockerEngine.connect(DockerHost.fromEnvironment()));
    images = new LocalImages(runner.engine());
  }

  @AfterAll
  void removeImagesThenClose() {
    try {
      for (String tag : List.of(tagA, tagB)) {
        if (new ImagePuller(runner.engine(), Duration.ofSeconds(1)).present(tag)) {
          runner.engine().calls().removeImageCmd(tag).exec();
        }
      }
      assertThat(DockerTestSupport.containers(runner.engine(), Map.of(Labels.OWNER, owner), false))
          .isEmpty();
    } finally {
      runner.close();
    }
  }

  @Test
  void ensureBusyboxLeavesTheImagePresent() {
    images.ensureBusybox();

    assertThat(images.ensureBusybox()).isEqualTo(LocalImages.Source.PRESENT);
  }

  @Test
  void imageBuiltFromTheHostBinaryRunsShellCommands() {
    images.buildBusybox(LocalImages.HOST_BUSYBOX, tagA);

    StepOutcome outcome =
        runner.run(
            StepRequestBuilder.step("built")
                .labels(Map.of(Labels.OWNER, owner, Labels.STEP, "built"))
                .image(tagA)
                .shell(
                    "echo hi; echo $PATH; ls -ld /tmp | cut -c1-10; sed -n 1p /etc/passwd;"
                        + " wc -l < /etc/group")
                .build());

    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout())
        .isEqualTo(
            "hi\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\ndrwxrwxrwt\n"
                + "root:x:0:0:root:/root:/bin/sh\n2\n");
  }

  @Test
  void theSameBinaryAlwaysGivesTheSameImageId() {
    images.buildBusybox(LocalImages.HOST_BUSYBOX, tagA);
    images.buildBusybox(LocalImages.HOST_BUSYBOX, tagB);

    String idA = runner.engine().calls().inspectImageCmd(tagA).exec().getId();
    String idB = runner.engine().calls().inspectImageCmd(tagB).exec().getId();
    assertThat(idA).isEqualTo(idB).startsWith("sha256:");
  }
}
