package dev.secrets.cli;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import java.util.List;
import java.util.Optional;

/**
 * The place the {@code secret} commands act on: the embedded file store, or a platform workspace
 * over HTTP. Implementations report failures as {@link dev.secrets.SecretException} subtypes or
 * {@link UsageException}.
 */
interface SecretTarget extends AutoCloseable {

    /** Returns a description for diagnostics, such as the store file or the endpoint. */
    String describe();

    SecretMetadata add(SecretName name, byte[] value);

    /** Replaces the value of the secret with this name or id. */
    SecretMetadata update(String nameOrId, byte[] value);

    /** Deletes the secret with this name or id and returns its name. */
    SecretName delete(String nameOrId);

    /** Lists the secrets of {@code store}, or of the default store when empty. */
    List<SecretMetadata> list(Optional<String> store);

    /** Adds an external AWS Secrets Manager store and returns its id. */
    String addAwsStore(AwsStoreSettings settings);

    List<StoreRow> listStores();

    void setDefaultStore(String store);

    void deleteStore(String store);

    @Override
    void close();

    /**
     * One store as {@code store list} shows it.
     *
     * @param id the store's id, which the store commands take
     * @param name the store's display name
     * @param type {@code built-in}, {@code file} or the external store type such as {@code aws}
     * @param isDefault whether {@code secret} commands and nodes use this store by default
     */
    record StoreRow(String id, String name, String type, boolean isDefault) {
    }

    /** The options of {@code store add aws}; none of them is secret. */
    record AwsStoreSettings(String region, String assumedRoleArn, Optional<String> prefix, Optional<String> name,
            Optional<String> externalId, Optional<String> endpoint) {
    }
}
