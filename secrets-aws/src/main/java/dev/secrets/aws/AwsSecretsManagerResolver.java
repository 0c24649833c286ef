package dev.secrets.aws;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.aws.internal.AwsErrors;
import dev.secrets.aws.internal.AwsStoreOptions;
import dev.secrets.aws.internal.SecretsManagerReader;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A read-only secret store backed by AWS Secrets Manager.
 *
 * <p>Configured stores of type {@code aws} create their own clients from options (see the
 * module's README). For programmatic use, pass a client you built yourself:
 *
 * <pre>{@code
 * SecretsManagerClient client = SecretsManagerClient.builder().region(Region.EU_WEST_1).build();
 * try (Secrets secrets = Secrets.builder()
 *         .store("aws", AwsSecretsManagerResolver.builder().client(client).storeName("aws").build())
 *         .build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Reads use {@code GetSecretValue}, and batches of up to 20 names use
 * {@code BatchGetSecretValue}. When the batch action is denied, the store falls back to one
 * {@code GetSecretValue} per name and remembers that for later batches. The name of the secret
 * AWS returns must equal the requested name exactly: AWS reads a name that ends in '-' and six
 * characters as a partial ARN, which can select another secret, and that is an error here.
 *
 * <p>The store is read-only: {@code add}, {@code update} and {@code delete} fail with
 * {@link ReadOnlySecretStoreException} before any call, and no AWS write action is ever called.
 * {@link #list()} pages through {@code ListSecrets}.
 *
 * <p>Instances are thread-safe. {@link #close()} never closes a client passed to
 * {@link Builder#client}; it closes only the clients that a configured store created.
 */
public final class AwsSecretsManagerResolver implements SecretStore {

    /** The largest number of names one {@code BatchGetSecretValue} call accepts. */
    public static final int MAX_BATCH_SIZE = 20;

    private static final StoreCapabilities CAPABILITIES = new StoreCapabilities(true, MAX_BATCH_SIZE, true);

    private final String storeName;
    private final SecretsManagerReader reader;
    private final Executor executor;
    private final AutoCloseable ownedResources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AwsSecretsManagerResolver(Builder builder) {
        this.storeName = builder.storeName;
        AwsErrors errors = new AwsErrors(builder.storeName, builder.identity, builder.apiCallTimeout);
        this.reader = new SecretsManagerReader(builder.client, builder.versionStage, errors);
        this.executor = builder.executor;
        this.ownedResources = builder.ownedResources;
    }

    /** Returns a builder for a store that reads through a caller-supplied client. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        return submit(() -> reader.read(reference)).thenApply(SecretLookup::toOptional);
    }

    /**
     * Looks references up with {@code BatchGetSecretValue}, up to {@value #MAX_BATCH_SIZE} per call.
     * References that select a version, or a store whose version stage is not AWSCURRENT, use
     * {@code GetSecretValue} per reference, because the batch action returns only AWSCURRENT.
     */
    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        List<SecretReference> ordered = List.copyOf(references);
        List<CompletableFuture<Map<SecretReference, SecretLookup>>> parts = new ArrayList<>();
        List<SecretReference> batchable = new ArrayList<>();
        for (SecretReference reference : ordered) {
            if (reader.batchable(reference)) {
                batchable.add(reference);
            } else {
                parts.add(submit(() -> Map.of(reference, reader.read(reference))));
            }
        }
        for (int start = 0; start < batchable.size(); start += MAX_BATCH_SIZE) {
            List<SecretReference> chunk = batchable.subList(start, Math.min(batchable.size(), start + MAX_BATCH_SIZE));
            parts.add(submit(() -> reader.readBatch(chunk)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<SecretReference, SecretLookup> results = new LinkedHashMap<>();
            parts.forEach(part -> results.putAll(part.join()));
            return results;
        });
    }

    /** Returns read-only capabilities with batches of {@value #MAX_BATCH_SIZE} and versions. */
    @Override
    public StoreCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** Fails with {@link SecretFormatException} over the size limit, otherwise {@link ReadOnlySecretStoreException}. */
    @Override
    public CompletableFuture<SecretMetadata> add(SecretName name, byte[] value) {
        return CompletableFuture.failedFuture(rejectWrite("add", name, value));
    }

    /** Fails with {@link SecretFormatException} over the size limit, otherwise {@link ReadOnlySecretStoreException}. */
    @Override
    public CompletableFuture<SecretMetadata> update(SecretName name, byte[] value) {
        return CompletableFuture.failedFuture(rejectWrite("update", name, value));
    }

    /** Fails with {@link ReadOnlySecretStoreException}. */
    @Override
    public CompletableFuture<Void> delete(SecretName name) {
        return CompletableFuture.failedFuture(rejectWrite("delete", name, null));
    }

    /** Lists every secret the identity can see with {@code ListSecrets}, page by page, sorted by name. */
    @Override
    public CompletableFuture<List<SecretMetadata>> list() {
        return submit(reader::list);
    }

    /** Closes the clients this store created; a client passed to {@link Builder#client} stays open. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownedResources != null) {
            try {
                ownedResources.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing the AWS clients of store '" + storeName + "' failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "AwsSecretsManagerResolver[store=" + storeName + "]";
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Store '" + storeName + "' (type aws) is closed; create a new one to read secrets."));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private RuntimeException rejectWrite(String operation, SecretName name, byte[] value) {
        Objects.requireNonNull(name, "name");
        if (value != null && value.length > SecretValue.MAX_SIZE) {
            return new SecretFormatException("Cannot " + operation + " secret '" + name + "': the value has "
                    + value.length + " bytes, over the limit of " + SecretValue.MAX_SIZE + " bytes.");
        }
        return new ReadOnlySecretStoreException("Cannot " + operation + " secret '" + name + "': store '" + storeName
                + "' (type aws) is read-only, and this SDK never writes to AWS Secrets Manager. Manage the secret "
                + "in AWS, or write to a writable store.");
    }

    /**
     * Builds an {@link AwsSecretsManagerResolver} around a client the caller owns. Not
     * thread-safe.
     */
    public static final class Builder {

        private SecretsManagerClient client;
        private String storeName = "aws";
        private String versionStage = AwsStoreOptions.DEFAULT_VERSION_STAGE;
        private Executor executor = Runnable::run;
        private String identity = "the client's identity";
        private Duration apiCallTimeout = AwsStoreOptions.DEFAULT_API_CALL_TIMEOUT;
        private AutoCloseable ownedResources;

        private Builder() {
        }

        /**
         * Sets the Secrets Manager client. Required. The store never closes it: close it yourself
         * after closing the store.
         */
        public Builder client(SecretsManagerClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /** Sets the store name shown in error messages. By default, {@code aws}. */
        public Builder storeName(String value) {
            Objects.requireNonNull(value, "storeName");
            if (value.isBlank()) {
                throw new IllegalArgumentException("storeName must not be blank");
            }
            this.storeName = value;
            return this;
        }

        /**
         * Sets the staging label read for references that select no version. The label must be on
         * the returned version exactly. By default, {@code AWSCURRENT}.
         */
        public Builder versionStage(String value) {
            Objects.requireNonNull(value, "versionStage");
            if (value.isBlank()) {
                throw new IllegalArgumentException("versionStage must not be blank");
            }
            this.versionStage = value;
            return this;
        }

        /**
         * Sets the executor that runs the blocking AWS calls. By default, the calling thread, so
         * the returned futures are already complete.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Sets who reads secrets, such as {@code role arn:aws:iam::...}, for hints in errors. */
        Builder identity(String value) {
            this.identity = Objects.requireNonNull(value, "identity");
            return this;
        }

        /** Sets the timeout the client was built with, for the timeout message. */
        Builder apiCallTimeout(Duration value) {
            this.apiCallTimeout = Objects.requireNonNull(value, "apiCallTimeout");
            return this;
        }

        /** Sets what {@link AwsSecretsManagerResolver#close()} closes: the clients a provider created. */
        Builder ownedResources(AutoCloseable value) {
            this.ownedResources = Objects.requireNonNull(value, "ownedResources");
            return this;
        }

        /**
         * Builds the store.
         *
         * @throws IllegalStateException if no client was set
         */
        public AwsSecretsManagerResolver build() {
            if (client == null) {
                throw new IllegalStateException("client is required: call client(SecretsManagerClient) before build()");
            }
            return new AwsSecretsManagerResolver(this);
        }
    }
}
