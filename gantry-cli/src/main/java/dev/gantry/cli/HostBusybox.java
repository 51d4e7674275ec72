package dev.gantry.cli;

import dev.gantry.docker.LocalImages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs Debian's busybox-static when the demo needs to build its image from the host and the
 * binary is missing (Debian/Ubuntu as root only; otherwise the image step explains what to do).
 */
final class HostBusybox {
  private HostBusybox() {}

  static void installIfMissing(PrintStream out) throws InterruptedException {
    if (Files.exists(LocalImages.HOST_BUSYBOX)
        || !"root".equals(System.getProperty("user.name"))
        || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return;
    }
    out.println("installing Debian's busybox-static (needed to build a busybox image offline)");
    if (!apt(List.of("apt-get", "install", "-y", "-q", "busybox-static"))) {
      apt(List.of("apt-get", "update", "-q"));
      apt(List.of("apt-get", "install", "-y", "-q", "busybox-static"));
    }
  }

  private static boolean apt(List<String> argv) throws InterruptedException {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p = pb.start();
      p.getOutputStream().close();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
