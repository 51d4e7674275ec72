package dev.gantry.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a cache directory between threads of this JVM (a lock per directory) and
 * between processes (an OS lock on {@code <dir>/.lock}): a CLI and a server may share a cache.
 */
final class WorkflowCacheLock {
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private WorkflowCacheLock() {}

  interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the directory's lock; the directory must exist. */
  static <T> T holding(Path directory, Work<T> work) throws IOException {
    Path dir = directory.toRealPath();
    ReentrantLock local = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    local.lock();
    try (FileChannel channel =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return work.run();
    } finally {
      local.unlock();
    }
  }
}
