package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.internal.Json;
import dev.gantry.runtime.Archives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxImageTest {
  @TempDir Path dir;

  @Test
  void appletsComeFromTheListOutput() {
    assertThat(BusyboxImage.applets("[\n[[\nbusybox\nsh\n\n echo \nbad/name\nsh\n"))
        .containsExactly("[", "[[", "sh", "echo");
  }

  @Test
  void rootfsHasTheBinaryAppletLinksAndAWorldWritableTmp() throws IOException {
    Path binary = Files.write(dir.resolve("busybox"), "fake binary".getBytes());
    Path layer =
        Files.write(dir.resolve("layer.tar"), BusyboxImage.rootfs(binary, List.of("sh", "echo")));

    List<Archives.Entry> entries = Archives.list(layer);
    assertThat(entries.subList(0, 4))
        .containsExactly(
            new Archives.Entry("bin/", Archives.Type.DIRECTORY, 0755, 0, ""),
            new Archives.Entry("bin/busybox", Archives.Type.FILE, 0755, 11, ""),
            new Archives.Entry("bin/sh", Archives.Type.SYMLINK, 0777, 0, "busybox"),
            new Archives.Entry("bin/echo", Archives.Type.SYMLINK, 0777, 0, "busybox"));
    assertThat(entries)
        .contains(new Archives.Entry("tmp/", Archives.Type.DIRECTORY, 01777, 0, ""))
        .extracting(Archives.Entry::name)
        .contains("etc/passwd", "etc/group", "proc/", "sys/", "dev/", "root/");
  }

  @Test
  void loadArchiveHasManifestConfigAndLayerThatMatch() throws IOException {
    Path binary = Files.write(dir.resolve("busybox"), "fake binary".getBytes());
    byte[] layer = BusyboxImage.rootfs(binary, List.of("sh"));
    Path archive = dir.resolve("image.tar");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BusyboxImage.write(layer, "busybox:test", out);
    Files.write(archive, out.toByteArray());

    String layerHex = BusyboxImage.sha256Hex(layer);
    JsonNode manifest = Json.JSON.readTree(read(archive, "/manifest.json"));
    String configName = manifest.get(0).get("Config").asText();
    assertThat(manifest.get(0).get("RepoTags").get(0).asText()).isEqualTo("busybox:test");
    assertThat(manifest.get(0).get("Layers").get(0).asText()).isEqualTo(layerHex + "/layer.tar");
    assertThat(read(archive, "/" + layerHex + "/layer.tar")).isEqualTo(layer);

    byte[] configBytes = read(archive, "/" + configName);
    assertThat(configName).isEqualTo(BusyboxImage.sha256Hex(configBytes) + ".json");
    JsonNode config = Json.JSON.readTree(configBytes);
    assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo("sha256:" + layerHex);
    assertThat(config.at("/config/Env/0").asText()).isEqualTo(BusyboxImage.PATH_ENV);
    assertThat(config.at("/config/Cmd/0").asText()).isEqualTo("sh");
    assertThat(config.get("os").asText()).isEqualTo("linux");
  }

  @Test
  void sameBinaryGivesTheSameBytes() throws IOException {
    Path binary = Files.write(dir.resolve("busybox"), "fake binary".getBytes());
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    BusyboxImage.write(BusyboxImage.rootfs(binary, List.of("sh")), "busybox:latest", first);
    BusyboxImage.write(BusyboxImage.rootfs(binary, List.of("sh")), "busybox:latest", second);

    assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
  }

  private static byte[] read(Path archive, String path) throws IOException {
    return Archives.readFile(archive, path, 10_000_000)
        .orElseThrow(() -> new AssertionError(path + " missing in " + archive));
  }
}
