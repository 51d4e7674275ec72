package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.runtime.Archives;
import dev.gantry.runtime.TarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts to host directories and back. */
class HostFilesTest {
  @TempDir Path temp;

  private Path artifact(String name) throws IOException {
    Path file = temp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        TarWriter tar = new TarWriter(out)) {
      tar.directory("work/out", 0755);
      tar.file("work/out/a.txt", 0644, "a\n".getBytes(StandardCharsets.UTF_8));
      tar.file("work/out/run.sh", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
      tar.directory("work/out/sub", 0700);
      tar.symlink("work/out/link", "a.txt");
      tar.finish();
    }
    return file;
  }

  @Test
  void anArtifactExtractedAndArchivedAgainHasTheSameDigest() throws IOException {
    Path original = artifact("in.tar");
    Path root = Files.createDirectory(temp.resolve("root"));

    HostFiles.extract(original, root);
    Path again = HostFiles.archive(root, "work/out");
    try {
      assertThat(Files.readString(root.resolve("work/out/a.txt"))).isEqualTo("a\n");
      assertThat(Files.isSymbolicLink(root.resolve("work/out/link"))).isTrue();
      assertThat(Archives.list(again))
          .extracting(Archives.Entry::name)
          .containsExactly(
              "work/out/", "work/out/a.txt", "work/out/link", "work/out/run.sh", "work/out/sub/");
      assertThat(Archives.list(again))
          .filteredOn(e -> e.name().equals("work/out/run.sh"))
          .extracting(Archives.Entry::mode)
          .containsExactly(0755);
      assertThat(Archives.digest(again))
          .isEqualTo(Archives.digest(HostFiles.archive(root, "work/out")));
    } finally {
      Files.deleteIfExists(again);
    }
  }

  @Test
  void aSingleFileIsArchivedUnderItsPath() throws IOException {
    Path root = Files.createDirectory(temp.resolve("r"));
    Files.createDirectories(root.resolve("work"));
    Files.writeString(root.resolve("work/report.txt"), "top\n");

    Path tar = HostFiles.archive(root, "work/report.txt");
    try {
      assertThat(Archives.list(tar))
          .extracting(Archives.Entry::name)
          .containsExactly("work/report.txt");
      assertThat(Archives.readFile(tar, "/work/report.txt", 10))
          .hasValue("top\n".getBytes(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  @Test
  void entriesPointingOutsideTheRootAreRefused() throws IOException {
    Path evil = temp.resolve("evil.tar");
    try (OutputStream out = Files.newOutputStream(evil)) {
      TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
      TarArchiveEntry e = new TarArchiveEntry("../escape.txt");
      e.setSize(1);
      tar.putArchiveEntry(e);
      tar.write('x');
      tar.closeArchiveEntry();
      tar.finish();
    }
    Path root = Files.createDirectory(temp.resolve("root"));

    assertThatThrownBy(() -> HostFiles.extract(evil, root)).hasMessageContaining("outside");
    assertThat(temp.resolve("escape.txt")).doesNotExist();
  }

  @Test
  void deleteTreeRemovesReadOnlyDirectories() throws IOException {
    Path root = Files.createDirectory(temp.resolve("tree"));
    HostFiles.extract(artifact("x.tar"), root);

    HostFiles.deleteTree(root);

    assertThat(root).doesNotExist();
  }
}
