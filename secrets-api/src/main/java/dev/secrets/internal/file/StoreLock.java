package dev.secrets.internal.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock that every writer of one store file holds for its whole read-modify-write.
 *
 * <p>Two layers are needed: a {@link ReentrantLock} per lock file serialises the threads of this
 * JVM, whatever store instance they use, because {@link FileChannel#lock()} treats a second lock
 * from the same JVM as an error instead of waiting; the file lock then serialises processes. The
 * lock file is created beside the store file and never deleted, since deleting it would let two
 * processes lock different files of the same name.
 */
final class StoreLock {

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** A step performed under the lock. */
    interface Action<T> {
        T run() throws IOException;
    }

    private StoreLock() {
    }

    /** Runs {@code action} while holding both locks for {@code lockFile}. */
    static <T> T withLock(Path lockFile, Action<T> action) throws IOException {
        ReentrantLock threadLock = LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        threadLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), AtomicFiles.ownerOnlyFile(lockFile));
                FileLock ignored = channel.lock()) {
            return action.run();
        } finally {
            threadLock.unlock();
        }
    }
}
