package dev.secrets;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * The bytes of a resolved secret.
 *
 * <p>Every rendering is redacted: {@link #toString()} returns {@code ***}. The accessors return
 * copies, so one caller cannot change the bytes another caller reads. {@link #close()} zeroes the
 * buffer, and any later access throws {@link IllegalStateException}. Every resolve returns a
 * fresh instance, so closing one never wipes a cached copy.
 *
 * <pre>{@code
 * try (SecretValue password = secrets.resolve("db-password")) {
 *     connect(user, password.asChars());
 * }
 * }</pre>
 *
 * <p>There is deliberately no value-based {@code equals}/{@code hashCode}: comparing secrets
 * through them would invite timing leaks and accidental use as map keys. Use
 * {@link #contentEquals(SecretValue)}, which compares in constant time.
 *
 * <p>Instances are thread-safe.
 */
public final class SecretValue implements AutoCloseable, Destroyable {

    /** Maximum size of a value that stores accept for writing, in bytes (the AWS limit). */
    public static final int MAX_SIZE = 65_536;

    private static final String REDACTED = "***";

    private final byte[] bytes;
    private final SecretReference reference;
    private final String store;
    private final String description;
    private volatile boolean destroyed;
    /**
     * A sequence lock: odd while {@link #destroy()} wipes the buffer. Readers copy without taking a
     * monitor and retry under the monitor if the sequence changed, so a copy is never half wiped.
     */
    private volatile int wipeSequence;

    private SecretValue(byte[] bytes, SecretReference reference, String store) {
        this(bytes, reference, store, null);
    }

    private SecretValue(byte[] bytes, SecretReference reference, String store, String description) {
        this.bytes = bytes;
        this.reference = reference;
        this.store = store;
        this.description = description;
    }

    /**
     * Returns a value holding {@code bytes} (not copied) that errors describe as
     * {@code description}, such as "the expression over secrets 'a', 'b'".
     */
    static SecretValue describedAs(byte[] bytes, String description) {
        return new SecretValue(bytes, null, null, description);
    }

    /** Returns a value holding a copy of {@code bytes}. */
    public static SecretValue of(byte[] bytes) {
        return new SecretValue(Objects.requireNonNull(bytes, "bytes").clone(), null, null);
    }

    /** Returns a value holding the UTF-8 encoding of {@code text}. */
    public static SecretValue ofUtf8(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return new SecretValue(encodeUtf8(text), null, null);
    }

    /** Returns a value holding the UTF-8 encoding of {@code chars}; the array is not changed. */
    public static SecretValue ofUtf8(char[] chars) {
        Objects.requireNonNull(chars, "chars");
        return new SecretValue(encodeUtf8(CharBuffer.wrap(chars)), null, null);
    }

    /**
     * Returns a fresh copy of this value that records the reference it resolves and the store it
     * came from. The resolution chain uses it, and errors and {@link #store()} show both.
     */
    public SecretValue withOrigin(SecretReference reference, String store) {
        return new SecretValue(copyOfBytes(), reference, store);
    }

    /** Returns a copy of the bytes. */
    public byte[] asBytes() {
        return copyOfBytes();
    }

    /**
     * Decodes the value as strict UTF-8.
     *
     * @throws SecretFormatException if the bytes are not valid UTF-8 (a binary secret); read them
     *     with {@link #asBytes()} instead
     * @throws IllegalStateException if the value was closed
     */
    public String asString() {
        return decodeUtf8().toString();
    }

    /**
     * Decodes the value as strict UTF-8 into a new array, which the caller can wipe after use.
     *
     * @throws SecretFormatException if the bytes are not valid UTF-8
     * @throws IllegalStateException if the value was closed
     */
    public char[] asChars() {
        CharBuffer decoded = decodeUtf8();
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    /** Returns the size in bytes. */
    public int size() {
        checkNotDestroyed();
        return bytes.length;
    }

    /** Returns whether the value is empty. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Returns the reference this value resolves, when it came through the resolution chain. */
    public Optional<SecretReference> reference() {
        return Optional.ofNullable(reference);
    }

    /** Returns the name of the store that supplied this value, when it came through the chain. */
    public Optional<String> store() {
        return Optional.ofNullable(store);
    }

    /** Compares the bytes of two values in time that does not depend on where they differ. */
    public boolean contentEquals(SecretValue other) {
        Objects.requireNonNull(other, "other");
        checkNotDestroyed();
        other.checkNotDestroyed();
        return java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Zeroes the buffer. Idempotent. */
    @Override
    public void close() {
        destroy();
    }

    /** Zeroes the buffer. Idempotent. */
    @Override
    public void destroy() {
        synchronized (bytes) {
            if (destroyed) {
                return;
            }
            wipeSequence++;
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
            wipeSequence++;
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Returns {@code ***}: a value is never rendered. */
    @Override
    public String toString() {
        return REDACTED;
    }

    private byte[] copyOfBytes() {
        int before = wipeSequence;
        if ((before & 1) == 0 && !destroyed) {
            byte[] copy = bytes.clone();
            // Keeps the copy's reads from moving after the second read of the sequence.
            VarHandle.acquireFence();
            if (wipeSequence == before && !destroyed) {
                return copy;
            }
            Arrays.fill(copy, (byte) 0);
        }
        synchronized (bytes) {
            checkNotDestroyed();
            return bytes.clone();
        }
    }

    private CharBuffer decodeUtf8() {
        byte[] copy = copyOfBytes();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(copy));
        } catch (CharacterCodingException e) {
            String what = reference != null ? "The value of secret '" + reference + "'"
                    : description != null ? "The value of " + description : "The secret value";
            throw new SecretFormatException(what + " is not valid UTF-8 text (it has " + copy.length
                    + " bytes, probably a binary secret). Read it with asBytes() instead.", e);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("The secret value was closed and its bytes were wiped; "
                    + "resolve it again to read it.");
        }
    }

    private static byte[] encodeUtf8(CharSequence text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            byte[] result = new byte[encoded.remaining()];
            encoded.get(result);
            Arrays.fill(encoded.array(), (byte) 0);
            return result;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text contains an unpaired surrogate and cannot be encoded as UTF-8", e);
        }
    }
}
