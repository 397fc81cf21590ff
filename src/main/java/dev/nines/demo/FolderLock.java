package dev.nines.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a demo holds on {@code OUT/demo.lock} while it runs: a second demo on the same
 * folder would rewrite the spec the first one's server reads, so it is refused instead.
 */
final class FolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code folder}.
   *
   * @param asGiven the folder as the user named it, for the message
   * @throws IllegalStateException when another demo holds it
   */
  static FolderLock take(Path folder, Path asGiven) throws IOException {
    FileChannel channel = FileChannel.open(folder.resolve("demo.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;                            // held by this JVM: another demo in-process
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException("--out " + asGiven + ": in use by a running nines demo. "
          + "Expected another folder, or that demo stopped");
    }
    return new FolderLock(channel, lock);
  }

  @Override public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
