package dev.secrets.internal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Crash-safe file replacement: write a temporary file in the target's directory, fsync it, rename
 * it over the target atomically, then fsync the directory. A reader therefore sees either the old
 * or the new file, never a mix, even when the writer is killed. Files are created with POSIX mode
 * 0600 where the file system supports POSIX permissions, and directories with 0700.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content} atomically and durably. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temporary = writeTemporary(target, content);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Writes {@code content} to a new file beside {@code target}, named
     * {@code .<target name>.<random hex>.tmp}, with mode 0600, and fsyncs it. The caller moves or
     * deletes it.
     */
    static Path writeTemporary(Path target, byte[] content) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temporary = target.resolveSibling(temporaryPrefix(target) + HexFormat.of().formatHex(random)
                + TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), ownerOnlyFile(target))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /**
     * Deletes temporary files that a killed writer left beside {@code target}. Call it only while
     * holding the lock that every writer of {@code target} holds, because only then is each such
     * file abandoned.
     */
    static void deleteAbandonedTemporaries(Path target) throws IOException {
        String prefix = temporaryPrefix(target);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(target.toAbsolutePath().getParent(),
                entry -> {
                    String name = entry.getFileName().toString();
                    return name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX);
                })) {
            for (Path abandoned : stream) {
                Files.deleteIfExists(abandoned);
            }
        }
    }

    /**
     * Fsyncs a directory so that a rename in it survives a crash. File systems that cannot open a
     * directory as a channel (Windows) make the rename durable by themselves.
     */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Not supported on this platform: nothing more can be done.
        }
    }

    /** Creates {@code directory} and its missing parents, the new ones with mode 0700. */
    public static void createDirectories(Path directory) throws IOException {
        if (isPosix(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Returns whether the file system of {@code path} supports POSIX permissions. */
    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static FileAttribute<?>[] ownerOnlyFile(Path path) {
        if (!isPosix(path)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }
}
