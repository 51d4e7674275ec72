package dev.gantry.docker;

import dev.gantry.internal.Json;
import dev.gantry.runtime.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a one-layer image of a statically linked busybox binary in the format {@code docker save}
 * writes and {@code docker load} ({@code POST /images/load}) reads: {@code manifest.json}, the
 * image config and the layer tar. The root filesystem has {@code /bin/busybox} with a symlink per
 * applet, {@code /etc/passwd} and {@code /etc/group} (root, nobody), {@code /tmp} (mode 1777) and
 * the usual empty directories. The config sets {@code PATH} and {@code Cmd ["sh"]}, like the
 * official busybox image. All times are the epoch, so the same binary gives the same image id.
 */
final class BusyboxImage {
  static final String PATH_ENV =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Pattern APPLET = Pattern.compile("[A-Za-z0-9_.\\[\\]-]+");
  private static final String EPOCH = "1970-01-01T00:00:00Z";

  private BusyboxImage() {}

  /** The applet names busybox prints with {@code --list}, one a line; others are skipped. */
  static List<String> applets(String listOutput) {
    return listOutput
        .lines()
        .map(String::strip)
        .filter(name -> APPLET.matcher(name).matches() && !name.equals("busybox"))
        .distinct()
        .toList();
  }

  /** The root filesystem layer. */
  static byte[] rootfs(Path busybox, List<String> applets) throws IOException {
    ByteArrayOutputStream layer = new ByteArrayOutputStream((int) Files.size(busybox) + 65536);
    try (TarWriter tar = new TarWriter(layer)) {
      tar.directory("bin", 0755);
      try (InputStream in = Files.newInputStream(busybox)) {
        tar.file("bin/busybox", 0755, Files.size(busybox), in);
      }
      for (String applet : applets) {
        tar.symlink("bin/" + applet, "busybox");
      }
      tar.directory("dev", 0755);
      tar.directory("etc", 0755);
      tar.file(
          "etc/passwd",
          0644,
          utf8("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"));
      tar.file("etc/group", 0644, utf8("root:x:0:\nnogroup:x:65534:\n"));
      tar.directory("home", 0755);
      tar.directory("proc", 0555);
      tar.directory("root", 0700);
      tar.directory("sys", 0555);
      tar.directory("tmp", 01777);
      tar.directory("usr", 0755);
      tar.directory("var", 0755);
    }
    return layer.toByteArray();
  }

  /** The whole {@code docker load} archive for image {@code repoTag} from a rootfs layer. */
  static void write(byte[] layer, String repoTag, OutputStream out) throws IOException {
    String layerHex = sha256Hex(layer);
    Map<String, Object> config =
        ordered(
            "architecture", architecture(),
            "os", "linux",
            "created", EPOCH,
            "config", ordered("Env", List.of(PATH_ENV), "Cmd", List.of("sh")),
            "rootfs", ordered("type", "layers", "diff_ids", List.of("sha256:" + layerHex)),
            "history",
                List.of(
                    ordered("created", EPOCH, "created_by", "gantry: busybox-static of the host")));
    byte[] configJson = utf8(Json.write(config));
    String configName = sha256Hex(configJson) + ".json";
    String layerName = layerHex + "/layer.tar";
    byte[] manifest =
        utf8(
            Json.write(
                List.of(
                    ordered(
                        "Config", configName,
                        "RepoTags", List.of(repoTag),
                        "Layers", List.of(layerName)))));
    try (TarWriter tar = new TarWriter(out)) {
      tar.directory(layerHex, 0755);
      tar.file(layerName, 0644, layer);
      tar.file(configName, 0644, configJson);
      tar.file("manifest.json", 0644, manifest);
    }
  }

  /** The engine architecture name of this JVM's (and so the host busybox's) CPU. */
  static String architecture() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> arch;
    };
  }

  /** A map that keeps the given key order, so the JSON (and its digest) is always the same. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
