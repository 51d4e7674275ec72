package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ElfFileTest {
  /** A minimal 64-bit little-endian ELF header followed by program headers of the given types. */
  private static byte[] elf64(int... programHeaderTypes) {
    int phoff = 64;
    int phentsize = 56;
    ByteBuffer b =
        ByteBuffer.allocate(phoff + phentsize * programHeaderTypes.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(16, (short) 2); // ET_EXEC
    b.putLong(0x20, phoff);
    b.putShort(0x36, (short) phentsize);
    b.putShort(0x38, (short) programHeaderTypes.length);
    for (int i = 0; i < programHeaderTypes.length; i++) {
      b.putInt(phoff + i * phentsize, programHeaderTypes[i]);
    }
    return b.array();
  }

  @Test
  void withoutInterpreterIsStatic() {
    assertThat(ElfFile.isStaticExecutable(elf64(1, 1, 4))).isTrue();
  }

  @Test
  void withInterpreterIsDynamic() {
    assertThat(ElfFile.isStaticExecutable(elf64(6, 3, 1))).isFalse();
  }

  @Test
  void notElfIsNotAStaticExecutable() {
    assertThat(ElfFile.isStaticExecutable("#!/bin/sh\necho hi\n".repeat(10).getBytes())).isFalse();
    assertThat(ElfFile.isStaticExecutable(new byte[0])).isFalse();
  }

  @Test
  void theJavaLauncherIsDynamicallyLinked() throws IOException {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    assertThat(ElfFile.isStaticExecutable(java)).isFalse();
  }

  @Test
  void debiansBusyboxStaticIsStatic() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/usr/share/doc/busybox-static")), "busybox-static");
    assertThat(ElfFile.isStaticExecutable(LocalImages.HOST_BUSYBOX)).isTrue();
  }
}
