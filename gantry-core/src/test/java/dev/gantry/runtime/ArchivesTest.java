package dev.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  @TempDir Path dir;

  /** A tar as Docker returns {@code GET /containers/{id}/archive?path=/work/out}. */
  private static byte[] dockerArchive(long mtimeMillis, int uid, String user, String content)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry dirEntry = new TarArchiveEntry("out/", TarConstants.LF_DIR);
      dirEntry.setMode(0755);
      dirEntry.setModTime(mtimeMillis);
      dirEntry.setIds(uid, uid);
      dirEntry.setNames(user, user);
      tar.putArchiveEntry(dirEntry);
      tar.closeArchiveEntry();
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry file = new TarArchiveEntry("out/result.txt");
      file.setMode(0640);
      file.setSize(data.length);
      file.setModTime(mtimeMillis);
      file.setIds(uid, uid);
      file.setNames(user, user);
      tar.putArchiveEntry(file);
      tar.write(data);
      tar.closeArchiveEntry();
      TarArchiveEntry link = new TarArchiveEntry("out/latest", TarConstants.LF_SYMLINK);
      link.setLinkName("result.txt");
      link.setModTime(mtimeMillis);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      TarArchiveEntry hard = new TarArchiveEntry("out/copy.txt", TarConstants.LF_LINK);
      hard.setLinkName("out/result.txt");
      hard.setMode(0640);
      tar.putArchiveEntry(hard);
      tar.closeArchiveEntry();
      TarArchiveEntry script = new TarArchiveEntry("out/run.sh");
      script.setMode(04755);
      script.setSize(0);
      tar.putArchiveEntry(script);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private Path reroot(byte[] dockerTar, String parent) throws IOException {
    return Archives.rerootToTempFile(new ByteArrayInputStream(dockerTar), parent);
  }

  @Test
  void rerootsDockerArchiveBelowRootKeepingModesAndOrder() throws IOException {
    Path archive = reroot(dockerArchive(1_700_000_000_000L, 1000, "alice", "42\n"), "/work");

    assertThat(Archives.list(archive))
        .containsExactly(
            new Archives.Entry("work/out/", Archives.Type.DIRECTORY, 0755, 0, ""),
            new Archives.Entry("work/out/result.txt", Archives.Type.FILE, 0640, 3, ""),
            new Archives.Entry("work/out/latest", Archives.Type.SYMLINK, 0777, 0, "result.txt"),
            new Archives.Entry(
                "work/out/copy.txt", Archives.Type.HARDLINK, 0640, 0, "work/out/result.txt"),
            new Archives.Entry("work/out/run.sh", Archives.Type.FILE, 04755, 0, ""));
    assertThat(Archives.readFile(archive, "/work/out/result.txt", 100))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("42\n"));
    assertThat(Archives.readFile(archive, "/work/out/missing", 100)).isEmpty();
  }

  @Test
  void headersAreNormalised() throws IOException {
    Path archive = reroot(dockerArchive(1_700_000_000_000L, 1000, "alice", "x"), "/work");

    try (var tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
            Files.newInputStream(archive))) {
      TarArchiveEntry e;
      int n = 0;
      while ((e = tar.getNextEntry()) != null) {
        n++;
        assertThat(e.getModTime().getTime()).as(e.getName()).isZero();
        assertThat(e.getLongUserId()).as(e.getName()).isZero();
        assertThat(e.getLongGroupId()).as(e.getName()).isZero();
        assertThat(e.getUserName()).as(e.getName()).isEmpty();
        assertThat(e.getGroupName()).as(e.getName()).isEmpty();
      }
      assertThat(n).isEqualTo(5);
    }
  }

  @Test
  void sameContentHasSameDigestWhateverTheTimesAndOwners() throws IOException {
    Path first = reroot(dockerArchive(1_700_000_000_000L, 1000, "alice", "same"), "/work");
    Path second = reroot(dockerArchive(1_800_000_123_000L, 0, "root", "same"), "/work");

    assertThat(Archives.digest(first)).isEqualTo(Archives.digest(second)).startsWith("sha256:");
    assertThat(Archives.digest(first)).hasSize("sha256:".length() + 64);
  }

  @Test
  void differentContentOrPlaceHasDifferentDigest() throws IOException {
    Path base = reroot(dockerArchive(0, 0, "", "one"), "/work");
    Path otherContent = reroot(dockerArchive(0, 0, "", "two"), "/work");
    Path otherParent = reroot(dockerArchive(0, 0, "", "one"), "/data");

    assertThat(Archives.digest(base))
        .isNotEqualTo(Archives.digest(otherContent))
        .isNotEqualTo(Archives.digest(otherParent));
  }

  @Test
  void rootParentKeepsNamesAndNormaliseIsIdempotent() throws IOException {
    Path atRoot = reroot(dockerArchive(5_000L, 7, "bob", "z"), "/");
    assertThat(Archives.list(atRoot).getFirst().name()).isEqualTo("out/");

    Path again = dir.resolve("again.tar");
    try (var in = Files.newInputStream(atRoot);
        var out = Files.newOutputStream(again)) {
      Archives.normalise(in, out);
    }
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(atRoot));
  }

  @Test
  void longAndNonAsciiNamesSurvive() throws IOException {
    String longName = "work/" + "d".repeat(120) + "/" + "f".repeat(120) + "-é.txt";
    Path archive = dir.resolve("long.tar");
    try (var writer = new TarWriter(Files.newOutputStream(archive))) {
      writer.file(longName, 0644, "hi".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Archives.list(archive)).extracting(Archives.Entry::name).containsExactly(longName);
  }

  @Test
  void parentOfOutputPaths() {
    assertThat(Archives.parentOf("/work/out")).isEqualTo("/work");
    assertThat(Archives.parentOf("/work/out/")).isEqualTo("/work");
    assertThat(Archives.parentOf("/out")).isEqualTo("/");
    assertThat(Archives.parentOf("/a/b/c.txt")).isEqualTo("/a/b");
    assertThatThrownBy(() -> Archives.parentOf("/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Archives.parentOf("relative"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsEntriesEscapingTheRoot() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var writer = new TarWriter(bytes)) {
      writer.file("../etc/passwd", 0644, new byte[0]);
    }
    assertThatThrownBy(
            () ->
                Archives.normalise(
                    new ByteArrayInputStream(bytes.toByteArray()),
                    java.io.OutputStream.nullOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../etc/passwd");
  }

  @Test
  void readFileRefusesFilesOverTheLimit() throws IOException {
    Path archive = reroot(dockerArchive(0, 0, "", "0123456789"), "/work");
    assertThatThrownBy(() -> Archives.readFile(archive, "/work/out/result.txt", 4))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/work/out/result.txt");
    assertThat(List.of(Archives.list(archive).size())).containsExactly(5);
  }
}
