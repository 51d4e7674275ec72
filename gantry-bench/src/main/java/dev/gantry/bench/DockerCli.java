package dev.gantry.bench;

import dev.gantry.GantryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The baseline: the {@code docker} command line, run as a child process (ProcessBuilder). */
final class DockerCli {
  /** The image every benchmark runs. */
  static final String IMAGE = "busybox:latest";

  private DockerCli() {}

  /** {@code docker run --rm --network none [--label L] IMAGE argv…}, the baseline. */
  static List<String> runCommand(String label, List<String> argv) {
    List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none"));
    if (label != null) {
      cmd.add("--label");
      cmd.add(label);
    }
    cmd.add(IMAGE);
    cmd.addAll(argv);
    return cmd;
  }

  /** Runs {@code command} to completion; throws when it exits non-zero. */
  static void exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    if (code != 0) {
      throw new GantryException(
          String.join(" ", command)
              + " exited with "
              + code
              + ": "
              + new String(out, StandardCharsets.UTF_8).strip());
    }
  }
}
