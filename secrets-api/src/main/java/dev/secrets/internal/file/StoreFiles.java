package dev.secrets.internal.file;

import dev.secrets.SecretFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes the encrypted file of one store, and names the files that belong to it:
 * {@code <store>.secrets} for the data and {@code <store>.lock} for the writers' lock.
 */
public final class StoreFiles {

    /** The pattern a store name must match, because it becomes part of a file name. */
    public static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final String DATA_SUFFIX = ".secrets";
    private static final String LOCK_SUFFIX = ".lock";

    private final Path file;
    private final Path lockFile;
    private final String storeName;

    private StoreFiles(Path directory, String storeName) {
        this.file = directory.resolve(storeName + DATA_SUFFIX);
        this.lockFile = directory.resolve(storeName + LOCK_SUFFIX);
        this.storeName = storeName;
    }

    /** Returns the files of store {@code storeName}, which must match {@link #STORE_NAME}. */
    public static StoreFiles of(Path directory, String storeName) {
        return new StoreFiles(directory, storeName);
    }

    /** Returns the names of the stores that have a data file in {@code directory}, sorted. */
    public static List<String> storeNames(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return names;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + DATA_SUFFIX)) {
            for (Path entry : stream) {
                String fileName = entry.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - DATA_SUFFIX.length());
                if (STORE_NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Returns the encrypted data file. */
    public Path file() {
        return file;
    }

    /** Returns whether the data file exists. */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Reads and decrypts the store; a missing file is an empty store. Each call reads the file
     * anew, so changes by other processes are seen at once.
     *
     * @throws SecretFormatException if the file is foreign, truncated, corrupt or contains another store
     * @throws dev.secrets.SecretConfigurationException if the file was written with another key
     */
    StoreContents read(StoreKey key) throws IOException {
        byte[] content;
        try {
            content = readChecked();
        } catch (NoSuchFileException e) {
            return new StoreContents(storeName);
        }
        byte[] plaintext = StoreFileFormat.open(content, key, file);
        try {
            StoreContents contents = StoreContents.decode(plaintext, file);
            if (!contents.storeName().equals(storeName)) {
                contents.wipe();
                throw new SecretFormatException("The secret store file " + file + " contains store '"
                        + contents.storeName() + "', not '" + storeName + "'. It was left untouched. Rename it back to "
                        + contents.storeName() + DATA_SUFFIX + ", or open it as store '" + contents.storeName() + "'.");
            }
            return contents;
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Encrypts {@code contents} and replaces the file atomically. Call only under {@link #lock}. */
    void write(StoreContents contents, StoreKey key) throws IOException {
        byte[] plaintext = contents.encode();
        try {
            AtomicFiles.deleteAbandonedTemporaries(file);
            AtomicFiles.replace(file, StoreFileFormat.seal(plaintext, key));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Runs {@code action} holding the exclusive writers' lock of this store. */
    <T> T lock(StoreLock.Action<T> action) throws IOException {
        return StoreLock.withLock(lockFile, action);
    }

    /** Reads the header first, so a foreign file of any size is rejected after 36 bytes. */
    private byte[] readChecked() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, StoreFileFormat.HEADER_SIZE));
            readFully(channel, header);
            int bodyLength = StoreFileFormat.checkHeader(header.array(), size, file);
            ByteBuffer content = ByteBuffer.allocate(StoreFileFormat.HEADER_SIZE + bodyLength);
            content.put(header.array());
            readFully(channel, content);
            return content.array();
        }
    }

    private void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("The secret store file " + file + " ended early while it was read");
            }
        }
    }
}
