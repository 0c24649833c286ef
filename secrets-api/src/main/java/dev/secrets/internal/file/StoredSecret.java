package dev.secrets.internal.file;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import java.time.Instant;
import java.util.Arrays;

/**
 * One secret as the file store keeps it. The value array is owned by this object and zeroed by
 * {@link #wipe()}; {@link #toString()} never shows it.
 */
final class StoredSecret {

    private final SecretName name;
    private final String id;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final byte[] value;

    StoredSecret(SecretName name, String id, Instant createdAt, Instant updatedAt, byte[] value) {
        this.name = name;
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.value = value;
    }

    SecretName name() {
        return name;
    }

    String id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** Returns the stored array itself, not a copy: callers copy before it leaves the package. */
    byte[] value() {
        return value;
    }

    SecretMetadata metadata() {
        return SecretMetadata.of(name, id, createdAt, updatedAt);
    }

    /** Returns a copy with another value and update time; the id and creation time stay. */
    StoredSecret withValue(byte[] newValue, Instant now) {
        return new StoredSecret(name, id, createdAt, now, newValue);
    }

    void wipe() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "StoredSecret[name=" + name + ", id=" + id + ", value=***]";
    }
}
