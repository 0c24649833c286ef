package dev.secrets.platform;

import dev.secrets.SecretFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values for one recipient key and opens them again: the encryption that the node
 * resolution endpoint applies to every value, so that plaintext never crosses the wire, even where
 * TLS ends at a proxy.
 *
 * <p>The recipient (a node) makes a fresh X25519 key pair per request and sends its public key.
 * The server seals each value like this:
 *
 * <ol>
 *   <li>Make an ephemeral X25519 key pair and compute the shared secret with the recipient's
 *       public key (RFC 7748).
 *   <li>Derive a 32-byte key with HKDF-SHA256 (RFC 5869): input key material = the shared
 *       secret, salt = ephemeral public key ‖ recipient public key (64 bytes), info = the UTF-8
 *       bytes of {@value #HKDF_INFO}.
 *   <li>Encrypt with AES-256-GCM, a random 12-byte nonce, a 128-bit tag, and the UTF-8 bytes of
 *       the secret name as additional authenticated data, so a value cannot be moved to another
 *       name without failing authentication.
 *   <li>Output ephemeral public key (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
 * </ol>
 *
 * <p>Public keys are the raw 32-byte little-endian u-coordinates of RFC 7748. Only the JDK's own
 * providers are used: {@code XDH}, {@code HmacSHA256} and {@code AES/GCM/NoPadding}.
 *
 * <p>All methods are thread-safe.
 */
public final class SealedValues {

    /** The HKDF info string that binds derived keys to this format and version. */
    public static final String HKDF_INFO = "dev.secrets/v1";

    /** Length of a raw X25519 public key, in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;

    /** Length of the AES-GCM nonce, in bytes. */
    public static final int NONCE_LENGTH = 12;

    /** Length of the AES-GCM authentication tag, in bytes. */
    public static final int TAG_LENGTH = 16;

    /** Bytes a sealed value has beyond its plaintext: public key, nonce and tag. */
    public static final int OVERHEAD = PUBLIC_KEY_LENGTH + NONCE_LENGTH + TAG_LENGTH;

    private static final int KEY_LENGTH = 32;
    private static final int HASH_LENGTH = 32;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for X25519; the raw key follows it. */
    private static final byte[] X25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00
    };

    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedValues() {
    }

    /** Makes a fresh recipient key pair. Use one per request. */
    public static Recipient newRecipient() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new Recipient(pair.getPrivate(), rawPublicKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no X25519 key pair generator", e);
        }
    }

    /**
     * Returns the recipient for a raw 32-byte X25519 private key (the scalar of RFC 7748), for
     * test vectors and implementations that keep their own keys. The array is copied.
     *
     * @throws IllegalArgumentException if the key does not have 32 bytes
     */
    public static Recipient recipient(byte[] privateKey) {
        requireLength(privateKey, PUBLIC_KEY_LENGTH, "privateKey");
        PrivateKey key = decodePrivateKey(privateKey);
        return new Recipient(key, publicKeyOf(key));
    }

    /**
     * Seals {@code plaintext} for the holder of the private key that belongs to
     * {@code recipientPublicKey}.
     *
     * @param recipientPublicKey the raw 32-byte X25519 public key of the recipient
     * @param name the secret name, bound to the ciphertext as additional authenticated data
     * @param plaintext the value; not changed
     * @return ephemeral public key ‖ nonce ‖ ciphertext ‖ tag
     * @throws IllegalArgumentException if the public key does not have 32 bytes or is a point of
     *     small order (its shared secret would be all zeros)
     */
    public static byte[] seal(byte[] recipientPublicKey, String name, byte[] plaintext) {
        byte[] ephemeralPrivate = new byte[PUBLIC_KEY_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(ephemeralPrivate);
        RANDOM.nextBytes(nonce);
        try {
            return seal(recipientPublicKey, name, plaintext, ephemeralPrivate, nonce);
        } finally {
            Arrays.fill(ephemeralPrivate, (byte) 0);
        }
    }

    /** Seals with a given ephemeral private key and nonce; deterministic, for known-answer tests. */
    static byte[] seal(byte[] recipientPublicKey, String name, byte[] plaintext, byte[] ephemeralPrivate,
            byte[] nonce) {
        requireLength(recipientPublicKey, PUBLIC_KEY_LENGTH, "recipientPublicKey");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plaintext, "plaintext");
        requireLength(nonce, NONCE_LENGTH, "nonce");

        PrivateKey ephemeral = decodePrivateKey(ephemeralPrivate);
        byte[] ephemeralPublic = publicKeyOf(ephemeral);
        byte[] shared;
        try {
            shared = agree(ephemeral, decodePublicKey(recipientPublicKey));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("recipientPublicKey is not a usable X25519 public key: "
                    + e.getMessage(), e);
        }
        byte[] key = deriveKey(shared, ephemeralPublic, recipientPublicKey);
        try {
            byte[] sealed = new byte[OVERHEAD + plaintext.length];
            System.arraycopy(ephemeralPublic, 0, sealed, 0, PUBLIC_KEY_LENGTH);
            System.arraycopy(nonce, 0, sealed, PUBLIC_KEY_LENGTH, NONCE_LENGTH);
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, key, nonce, name);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, PUBLIC_KEY_LENGTH + NONCE_LENGTH);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed in the JDK provider", e);
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Derives {@code length} bytes with HKDF-SHA256 (RFC 5869): extract with {@code salt}, then
     * expand with {@code info}. An empty salt stands for 32 zero bytes, as the RFC defines.
     *
     * @throws IllegalArgumentException if {@code length} is not between 1 and 8160 (255 × 32)
     */
    public static byte[] hkdfSha256(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("length must be between 1 and " + 255 * HASH_LENGTH + ", was " + length);
        }
        byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, inputKeyMaterial);
        try {
            byte[] output = new byte[length];
            byte[] block = new byte[0];
            int written = 0;
            for (int counter = 1; written < length; counter++) {
                Mac mac = mac(pseudoRandomKey);
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int count = Math.min(block.length, length - written);
                System.arraycopy(block, 0, output, written, count);
                written += count;
            }
            Arrays.fill(block, (byte) 0);
            return output;
        } finally {
            Arrays.fill(pseudoRandomKey, (byte) 0);
        }
    }

    private static byte[] deriveKey(byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic) {
        byte[] salt = new byte[2 * PUBLIC_KEY_LENGTH];
        System.arraycopy(ephemeralPublic, 0, salt, 0, PUBLIC_KEY_LENGTH);
        System.arraycopy(recipientPublic, 0, salt, PUBLIC_KEY_LENGTH, PUBLIC_KEY_LENGTH);
        return hkdfSha256(salt, shared, HKDF_INFO.getBytes(StandardCharsets.UTF_8), KEY_LENGTH);
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = mac(key);
        return mac.doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }

    private static byte[] agree(PrivateKey privateKey, PublicKey publicKey) throws InvalidKeyException {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            return agreement.generateSecret();
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no X25519 key agreement", e);
        }
    }

    private static PrivateKey decodePrivateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable X25519 private key", e);
        }
    }

    private static PublicKey decodePublicKey(byte[] raw) {
        byte[] encoded = new byte[X25519_SPKI_PREFIX.length + PUBLIC_KEY_LENGTH];
        System.arraycopy(X25519_SPKI_PREFIX, 0, encoded, 0, X25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X25519_SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable X25519 public key", e);
        }
    }

    /** Computes the public key of {@code privateKey} as X25519(scalar, 9), the base point. */
    private static byte[] publicKeyOf(PrivateKey privateKey) {
        try {
            PublicKey basePoint = KeyFactory.getInstance("X25519").generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
            return agree(privateKey, basePoint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not compute an X25519 public key with the JDK provider", e);
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X25519_SPKI_PREFIX.length + PUBLIC_KEY_LENGTH
                || !Arrays.equals(encoded, 0, X25519_SPKI_PREFIX.length, X25519_SPKI_PREFIX, 0,
                        X25519_SPKI_PREFIX.length)) {
            throw new IllegalStateException("Unexpected X25519 public key encoding from the JDK provider");
        }
        return Arrays.copyOfRange(encoded, X25519_SPKI_PREFIX.length, encoded.length);
    }

    private static void requireLength(byte[] bytes, int length, String parameter) {
        Objects.requireNonNull(bytes, parameter);
        if (bytes.length != length) {
            throw new IllegalArgumentException(parameter + " must have " + length + " bytes, had " + bytes.length);
        }
    }

    /**
     * The receiving side: an X25519 key pair whose public key goes into a request and whose
     * private key opens the sealed values of the reply. {@link #toString()} shows only the public
     * key. Instances are immutable and thread-safe.
     */
    public static final class Recipient {

        private final PrivateKey privateKey;
        private final byte[] publicKey;

        private Recipient(PrivateKey privateKey, byte[] publicKey) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        /** Returns a copy of the raw 32-byte public key. */
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** Returns the public key in standard base64 with padding, as the request carries it. */
        public String publicKeyBase64() {
            return Base64.getEncoder().encodeToString(publicKey);
        }

        /**
         * Opens a value sealed for this recipient under {@code name}.
         *
         * @return the plaintext; the caller should wipe it after use
         * @throws SecretFormatException if the value is too short, was sealed for another key or
         *     name, or was changed in transit. The message names the secret, never the value.
         */
        public byte[] open(String name, byte[] sealed) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sealed, "sealed");
            if (sealed.length < OVERHEAD) {
                throw new SecretFormatException("The sealed value of secret '" + name + "' has " + sealed.length
                        + " bytes, fewer than the " + OVERHEAD + " that the format needs; the reply is corrupt.");
            }
            byte[] ephemeralPublic = Arrays.copyOfRange(sealed, 0, PUBLIC_KEY_LENGTH);
            byte[] nonce = Arrays.copyOfRange(sealed, PUBLIC_KEY_LENGTH, PUBLIC_KEY_LENGTH + NONCE_LENGTH);
            byte[] shared;
            try {
                shared = agree(privateKey, decodePublicKey(ephemeralPublic));
            } catch (InvalidKeyException e) {
                throw new SecretFormatException("The sealed value of secret '" + name
                        + "' carries an unusable ephemeral public key; the reply is corrupt or forged.", e);
            }
            byte[] key = deriveKey(shared, ephemeralPublic, publicKey);
            try {
                Cipher cipher = gcm(Cipher.DECRYPT_MODE, key, nonce, name);
                int offset = PUBLIC_KEY_LENGTH + NONCE_LENGTH;
                return cipher.doFinal(sealed, offset, sealed.length - offset);
            } catch (AEADBadTagException e) {
                throw new SecretFormatException("The sealed value of secret '" + name + "' failed authentication: "
                        + "it was sealed for another key or name, or changed in transit.", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM decryption failed in the JDK provider", e);
            } finally {
                Arrays.fill(shared, (byte) 0);
                Arrays.fill(key, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return "Recipient[publicKey=" + publicKeyBase64() + "]";
        }
    }
}
