package dev.secrets.internal.file;

import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The on-disk form of a store file: a 36-byte header followed by the AES-256-GCM ciphertext of
 * the {@link StoreContents} encoding and its 16-byte tag.
 *
 * <pre>
 * offset size field
 *      0    8 magic "SECRETS\0"
 *      8    2 format version, big-endian (1)
 *     10    2 reserved, zero
 *     12    8 key id (see StoreKey)
 *     20   12 GCM nonce, random for every write
 *     32    4 length of ciphertext plus tag, big-endian
 *     36    n ciphertext and tag
 * </pre>
 *
 * <p>The whole header is the GCM additional authenticated data, so changing any header byte fails
 * authentication like changing the ciphertext does.
 */
final class StoreFileFormat {

    static final int VERSION = 1;
    static final int HEADER_SIZE = 36;

    private static final byte[] MAGIC = "SECRETS\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_SIZE = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_SIZE = TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreFileFormat() {
    }

    /** Encrypts {@code plaintext} with a fresh nonce and returns the complete file content. */
    static byte[] seal(byte[] plaintext, StoreKey key) {
        byte[] nonce = new byte[NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE)
                .put(MAGIC)
                .putShort((short) VERSION)
                .putShort((short) 0)
                .put(key.id())
                .put(nonce)
                .putInt(plaintext.length + TAG_SIZE);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(header.array());
            byte[] file = Arrays.copyOf(header.array(), HEADER_SIZE + plaintext.length + TAG_SIZE);
            cipher.doFinal(plaintext, 0, plaintext.length, file, HEADER_SIZE);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed; the JDK's crypto provider is unusable", e);
        }
    }

    /**
     * Checks the header of {@code file} before the body is read, so that a foreign or huge file is
     * rejected without reading it whole.
     *
     * @return the length of ciphertext plus tag that the header declares
     * @throws SecretFormatException if the header is not one this SDK writes
     */
    static int checkHeader(byte[] header, long fileSize, Path file) {
        if (fileSize == 0) {
            throw truncated(file, "it is empty");
        }
        if (header.length < HEADER_SIZE) {
            if (header.length < MAGIC.length || !startsWithMagic(header)) {
                throw foreign(file);
            }
            throw truncated(file, "it has only " + fileSize + " bytes, less than its " + HEADER_SIZE + "-byte header");
        }
        if (!startsWithMagic(header)) {
            throw foreign(file);
        }

        ByteBuffer buffer = ByteBuffer.wrap(header);
        int version = Short.toUnsignedInt(buffer.getShort(MAGIC.length));
        if (version != VERSION || buffer.getShort(MAGIC.length + 2) != 0) {
            throw new SecretFormatException("The secret store file " + file + " has format version " + version
                    + ", but this SDK reads only version " + VERSION + ". It was left untouched. Use the version of "
                    + "the secrets SDK that wrote it.");
        }

        int declared = buffer.getInt(HEADER_SIZE - 4);
        if (declared < TAG_SIZE || declared > Integer.MAX_VALUE - HEADER_SIZE - 8) {
            throw corrupt(file, "its header declares an impossible body length of " + declared + " bytes");
        }
        long expected = HEADER_SIZE + (long) declared;
        if (fileSize < expected) {
            throw truncated(file, "its header declares " + expected + " bytes but the file has " + fileSize);
        }
        if (fileSize > expected) {
            throw corrupt(file, "its header declares " + expected + " bytes but the file has " + fileSize);
        }
        return declared;
    }

    /**
     * Decrypts a complete file whose header passed {@link #checkHeader}.
     *
     * @throws SecretConfigurationException if the file was written with another key
     * @throws SecretFormatException if authentication fails
     */
    static byte[] open(byte[] content, StoreKey key, Path file) {
        byte[] header = Arrays.copyOf(content, HEADER_SIZE);
        byte[] fileKeyId = Arrays.copyOfRange(header, 12, 12 + StoreKey.ID_SIZE);
        if (!MessageDigest.isEqual(fileKeyId, key.id())) {
            throw new SecretConfigurationException("The secret store file " + file + " was written with a different "
                    + "key (key id " + HexFormat.of().formatHex(fileKeyId) + ") than " + key.source() + " (key id "
                    + key.idHex() + "). It was left untouched. Use the key file it was written with.");
        }
        byte[] nonce = Arrays.copyOfRange(header, 20, 20 + NONCE_SIZE);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(header);
            return cipher.doFinal(content, HEADER_SIZE, content.length - HEADER_SIZE);
        } catch (AEADBadTagException e) {
            throw corrupt(file, "its authentication tag does not match, so it was changed or damaged after it was "
                    + "written");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed; the JDK's crypto provider is unusable", e);
        }
    }

    private static Cipher cipher(int mode, StoreKey key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static boolean startsWithMagic(byte[] header) {
        return Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static SecretFormatException foreign(Path file) {
        return new SecretFormatException("The file " + file + " is not a secret store file: it does not start with "
                + "the store header. It was left untouched. Move it away, or point the store at another directory "
                + "or store name.");
    }

    private static SecretFormatException truncated(Path file, String detail) {
        return new SecretFormatException("The secret store file " + file + " is truncated: " + detail + ". It was "
                + "left untouched. Restore it from a backup, or move it away to start an empty store.");
    }

    private static SecretFormatException corrupt(Path file, String detail) {
        return new SecretFormatException("The secret store file " + file + " is corrupt: " + detail + ". It was "
                + "left untouched. Restore it from a backup, or move it away to start an empty store.");
    }
}
