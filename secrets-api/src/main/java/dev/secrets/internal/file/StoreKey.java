package dev.secrets.internal.file;

import dev.secrets.SecretConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key of a file store, and the key file that contains it.
 *
 * <p>A key file contains the key in base64 followed by a newline, and has POSIX mode 0600. Its
 * key id, the first 8 bytes of HMAC-SHA256 over a fixed label, goes into every store file header
 * so that a wrong key is reported as such instead of as corruption. The id reveals nothing
 * useful about the key.
 *
 * <p>{@link #toString()} shows only the key id. {@link #wipe()} zeroes the key.
 */
public final class StoreKey {

    /** Key size in bytes. */
    public static final int SIZE = 32;

    static final int ID_SIZE = 8;

    private static final byte[] ID_LABEL = "dev.secrets file store key id".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] key;
    private final byte[] id;
    private final String source;

    private StoreKey(byte[] key, String source) {
        this.key = key;
        this.id = computeId(key);
        this.source = source;
    }

    /**
     * Wraps a caller-supplied key; the array is copied.
     *
     * @throws IllegalArgumentException if the key is not {@value #SIZE} bytes long
     */
    public static StoreKey of(byte[] key) {
        if (key.length != SIZE) {
            throw new IllegalArgumentException("The file store key must be " + SIZE + " bytes (AES-256), but has "
                    + key.length + " bytes.");
        }
        return new StoreKey(key.clone(), "the supplied key");
    }

    /**
     * Reads the key from {@code keyFile}, creating the file with a new random key when it does not
     * exist and {@code mayCreate} is true.
     *
     * @throws SecretConfigurationException if the file is missing and may not be created, is
     *     readable by other users, or does not contain a key
     */
    public static StoreKey loadOrCreate(Path keyFile, boolean mayCreate, String missingHint) {
        try {
            if (!Files.exists(keyFile)) {
                if (!mayCreate) {
                    throw new SecretConfigurationException("The key file " + keyFile + " does not exist. "
                            + missingHint);
                }
                create(keyFile);
            }
            return read(keyFile);
        } catch (NoSuchFileException e) {
            throw new SecretConfigurationException("The key file " + keyFile + " disappeared while it was read. "
                    + "Check whether another program removes it.", e);
        } catch (AccessDeniedException e) {
            throw new SecretConfigurationException("Access to the key file " + keyFile + " was denied. Run as the "
                    + "user who owns it.", e);
        } catch (IOException e) {
            throw new SecretConfigurationException("The key file " + keyFile + " could not be read or created: " + e
                    + ". Check that its directory exists and is writable.", e);
        }
    }

    /**
     * Creates a key file without ever exposing it to other users or to readers of a partial file:
     * the key goes into a temporary file created with mode 0600, which is fsynced and then
     * hard-linked to the final name. The link fails when the name exists, so two processes racing
     * to create the key both end up using the one that won.
     */
    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[SIZE];
        new SecureRandom().nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(key, (byte) 0);
        Path temporary = AtomicFiles.writeTemporary(keyFile, text);
        Arrays.fill(text, (byte) 0);
        try {
            Files.createLink(keyFile, temporary);
            AtomicFiles.syncDirectory(keyFile.toAbsolutePath().getParent());
        } catch (FileAlreadyExistsException e) {
            // Another process created the key first; read theirs.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static StoreKey read(Path keyFile) throws IOException {
        if (AtomicFiles.isPosix(keyFile)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new SecretConfigurationException("The key file " + keyFile + " is accessible by other users "
                        + "(mode " + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "). Run "
                        + "'chmod 600 " + keyFile + "', and replace the key if others may have read it.");
            }
        }
        byte[] text = Files.readAllBytes(keyFile);
        try {
            byte[] key = Base64.getDecoder().decode(trimNewline(text));
            if (key.length != SIZE) {
                Arrays.fill(key, (byte) 0);
                throw invalidKeyFile(keyFile, null);
            }
            return new StoreKey(key, keyFile.toString());
        } catch (IllegalArgumentException e) {
            throw invalidKeyFile(keyFile, e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    private static byte[] trimNewline(byte[] text) {
        int end = text.length;
        while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(text, end);
    }

    private static SecretConfigurationException invalidKeyFile(Path keyFile, Throwable cause) {
        return new SecretConfigurationException("The key file " + keyFile + " does not contain a " + SIZE
                + "-byte key in base64. Restore the key file the store was written with.", cause);
    }

    private static byte[] computeId(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(ID_LABEL), ID_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Returns the key itself; callers must not change or keep the array. */
    byte[] bytes() {
        return key;
    }

    byte[] id() {
        return id.clone();
    }

    /** Returns the key id in hex, safe to print. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    /** Returns where the key came from: the key file path, or "the supplied key". */
    public String source() {
        return source;
    }

    /** Zeroes the key. */
    public void wipe() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "StoreKey[id=" + idHex() + ", source=" + source + "]";
    }
}
