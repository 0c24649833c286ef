package dev.secrets;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store reports about a secret without its value: name, id and timestamps.
 *
 * @param name the secret's name
 * @param id the store's id for the secret; stores without ids use the name
 * @param createdAt when the secret was added, if the store records it
 * @param updatedAt when the value last changed, if the store records it
 */
public record SecretMetadata(SecretName name, String id, Optional<Instant> createdAt, Optional<Instant> updatedAt) {

    public SecretMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Returns metadata with both timestamps set. */
    public static SecretMetadata of(SecretName name, String id, Instant createdAt, Instant updatedAt) {
        return new SecretMetadata(name, id, Optional.of(createdAt), Optional.of(updatedAt));
    }
}
