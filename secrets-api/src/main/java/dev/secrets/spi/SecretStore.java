package dev.secrets.spi;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store that can also be written and listed. Read-only stores implement it too and fail every
 * write with {@link dev.secrets.ReadOnlySecretStoreException} before any I/O.
 *
 * <p>Values are limited to {@link dev.secrets.SecretValue#MAX_SIZE} bytes; a larger one fails
 * with {@link dev.secrets.SecretFormatException} naming the limit. The {@code value} arrays are
 * copied, never kept.
 */
public interface SecretStore extends SecretResolver {

    /**
     * Adds a secret.
     *
     * @return a future that fails with {@link dev.secrets.SecretAlreadyExistsException} if the name
     *     exists
     */
    CompletableFuture<SecretMetadata> add(SecretName name, byte[] value);

    /**
     * Replaces the value of an existing secret.
     *
     * @return a future that fails with {@link dev.secrets.SecretNotFoundException} if the name does
     *     not exist
     */
    CompletableFuture<SecretMetadata> update(SecretName name, byte[] value);

    /**
     * Deletes a secret.
     *
     * @return a future that fails with {@link dev.secrets.SecretNotFoundException} if the name does
     *     not exist
     */
    CompletableFuture<Void> delete(SecretName name);

    /** Lists names, ids and timestamps, sorted by name. Never values. */
    CompletableFuture<List<SecretMetadata>> list();
}
