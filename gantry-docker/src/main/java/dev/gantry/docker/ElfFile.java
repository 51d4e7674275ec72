package dev.gantry.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads just enough of an ELF file to tell a statically linked executable from others. */
final class ElfFile {
  private static final int PT_INTERP = 3;
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private ElfFile() {}

  /**
   * True when {@code file} is an ELF executable without a program interpreter ({@code PT_INTERP}),
   * i.e. it needs no dynamic loader or shared libraries and runs in an empty root filesystem.
   */
  static boolean isStaticExecutable(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(MAX_HEADER_BYTES);
    }
    return isStaticExecutable(head);
  }

  static boolean isStaticExecutable(byte[] head) {
    if (head.length < 52 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
      return false;
    }
    boolean is64 = head[4] == 2;
    ByteBuffer b =
        ByteBuffer.wrap(head).order(head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int type = Short.toUnsignedInt(b.getShort(16));
    if (type != 2 && type != 3) { // ET_EXEC or ET_DYN (static-pie)
      return false;
    }
    long phoff = is64 ? b.getLong(0x20) : Integer.toUnsignedLong(b.getInt(0x1C));
    int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x36 : 0x2A));
    int phnum = Short.toUnsignedInt(b.getShort(is64 ? 0x38 : 0x2C));
    if (phnum == 0 || phentsize < 4 || phoff + (long) phnum * phentsize > head.length) {
      return false;
    }
    for (int i = 0; i < phnum; i++) {
      if (b.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
        return false;
      }
    }
    return true;
  }
}
