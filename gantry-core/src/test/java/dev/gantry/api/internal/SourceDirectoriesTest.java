package dev.gantry.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.Archives;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.FileArtifactStore;
import dev.gantry.workflow.SourceArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDirectoriesTest {
  @TempDir Path dir;
  GantryConfig config;
  SourceDirectories sources;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(dir.resolve("workflows/app/conf"));
    Files.writeString(dir.resolve("workflows/app/conf/settings.txt"), "hello\n");
    Files.createSymbolicLink(dir.resolve("workflows/app/link"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(dir.resolve("workflows/escape"), Path.of("/etc"));
    Files.createDirectories(dir.resolve("elsewhere"));
    config = new ConfigLoader(Map.of()).parse("workflow_directory: workflows\n", dir);
    sources = new SourceDirectories(config, new FileArtifactStore(dir.resolve("artifacts")));
  }

  @Test
  void theDirectoryIsStoredAsAnArtifactUnderSource() throws Exception {
    Map<String, Object> params = new LinkedHashMap<>(Map.of("source_directory", "app"));

    sources.attach(params);

    ArtifactRef ref = SourceArtifact.of(params);
    assertThat(ref.path()).isEqualTo("/source");
    Path tar = new FileArtifactStore(dir.resolve("artifacts")).locate(ref);
    assertThat(Archives.list(tar).stream().map(Archives.Entry::name))
        .contains("source/conf/settings.txt", "source/link");
    Map<String, Object> again = new LinkedHashMap<>(Map.of("source_directory", "app"));
    sources.attach(again);
    assertThat(SourceArtifact.of(again)).isEqualTo(ref);
  }

  @Test
  void pathsOutsideTheWorkflowDirectoryAreRefusedNamingTheField() {
    for (String bad :
        new String[] {
          "../elsewhere",
          "escape",
          "/etc",
          "/",
          "app/conf/settings.txt",
          "a\u0000b",
          "z".repeat(5000)
        }) {
      assertThatThrownBy(() -> SourceDirectories.resolve(config, "source_directory", bad))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("source_directory");
    }
    assertThatThrownBy(
            () ->
                sources.attach(
                    new LinkedHashMap<>(
                        Map.of("source_directory", dir.resolve("elsewhere").toString()))))
        .hasMessageContaining("workflow_params.source_directory");
  }

  @Test
  void aSourceArtifactGivenByTheCallerIsDropped() {
    Map<String, Object> params =
        new LinkedHashMap<>(Map.of("source_artifact", Map.of("digest", "sha256:00", "size", 1)));
    sources.attach(params);
    assertThat(SourceArtifact.of(params)).isNull();
  }
}
