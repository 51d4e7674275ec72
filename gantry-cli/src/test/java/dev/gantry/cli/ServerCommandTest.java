package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result gantry(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = Main.run(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  @Test
  void refusesAPublicAddressWithoutAuthentication() {
    Result r =
        gantry(
            "",
            "--store",
            "memory",
            "--data-dir",
            dir.toString(),
            "server",
            "--host",
            "0.0.0.0",
            "--port",
            "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("server.host: refusing to serve on 0.0.0.0 without authentication");
  }

  @Test
  void hashTokenReadsTheTokenFromStandardInput() {
    Result r = gantry("test\n", "server", "hash-token");
    assertThat(r.code()).isZero();
    assertThat(r.out().strip())
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }
}
