package dev.gantry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a failed read or write of a file the user named into a one-line message. */
final class FileErrors {
  private FileErrors() {}

  /** The I/O failure behind {@code failure}, or null when it is not one. */
  static IOException ioCause(Throwable failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    if (failure instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    return null;
  }

  static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String file = fs.getFile();
      String what =
          switch (fs) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            case NotDirectoryException d -> "not a directory";
            case FileAlreadyExistsException x -> "already exists";
            default -> fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
          };
      return file + ": " + what;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
