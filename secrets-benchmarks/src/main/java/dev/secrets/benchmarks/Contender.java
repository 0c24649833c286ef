package dev.secrets.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.secrets.CacheOptions;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.aws.AwsSecretsManagerResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * The libraries the benchmarks compare, each built over the same {@link SecretsManagerClient}.
 * The names are the values of the benchmarks' {@code contender} parameter.
 */
public enum Contender {

    /**
     * This SDK: {@link Secrets} with one store of type {@code aws} behind its cache, read with
     * {@link Secrets#resolve(SecretReference)}; several names are read one after another.
     */
    SECRETS,

    /** This SDK as {@link #SECRETS}, read with {@link Secrets#resolveAsync(SecretReference)} and {@code join()}. */
    SECRETS_ASYNC,

    /**
     * This SDK as {@link #SECRETS}, but several names are read with one
     * {@link Secrets#resolveAll} call, which the aws store sends as batches of up to 20.
     */
    SECRETS_BATCH,

    /**
     * AWS's client-side cache ({@code com.amazonaws.secretsmanager:aws-secretsmanager-caching-java}),
     * read with {@link SecretCache#getSecretString(String)}.
     */
    AWS_CACHING_CLIENT,

    /** No cache: every read is a {@code GetSecretValue} call. */
    NO_CACHE,

    /**
     * The floor: a {@code ConcurrentHashMap<String, byte[]>} filled on first read, and a copy of the
     * bytes on every read, as this SDK's values are copies.
     */
    FLOOR;

    /** Returns the parameter value that names this contender, such as {@code aws-caching-client}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the contender a benchmark parameter names.
     *
     * @throws IllegalArgumentException if no contender has that id
     */
    public static Contender of(String id) {
        for (Contender contender : values()) {
            if (contender.id().equals(id)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("Unknown contender '" + id + "'; expected one of secrets, secrets-async, "
                + "secrets-batch, aws-caching-client, no-cache, floor");
    }

    /** Builds this contender over {@code client}, which the reader does not close. */
    public SecretReader create(SecretsManagerClient client, CacheSettings settings) {
        switch (this) {
            case SECRETS:
            case SECRETS_ASYNC:
            case SECRETS_BATCH:
                return new SecretsReader(this, client, settings);
            case AWS_CACHING_CLIENT:
                return new AwsCachingClientReader(awsCachingClient(client, settings));
            case NO_CACHE:
                return new NoCacheReader(client);
            default:
                return new FloorReader(client);
        }
    }

    /** Returns AWS's {@link SecretCache} over {@code client}, with the TTL and size of {@code settings}. */
    public static SecretCache awsCachingClient(SecretsManagerClient client, CacheSettings settings) {
        SecretCacheConfiguration configuration = new SecretCacheConfiguration()
                .withClient(client)
                .withCacheItemTTL(settings.awsCacheItemTtl().toMillis())
                .withMaxCacheSize(settings.maxEntries());
        return new SecretCache(configuration);
    }

    /** Returns the text of secret {@code name}, read with one {@code GetSecretValue} call. */
    static String getSecretValue(SecretsManagerClient client, String name) {
        return client.getSecretValue(GetSecretValueRequest.builder().secretId(name).build()).secretString();
    }

    /**
     * This SDK over a caller-supplied client. The aws store and the chain share one cached pool of
     * daemon threads, so the batches of one {@code resolveAll} run in parallel, as they do in a
     * store created from configuration.
     */
    static final class SecretsReader implements SecretReader {

        private static final AtomicInteger POOLS = new AtomicInteger();

        private final Contender mode;
        private final ExecutorService executor;
        private final Secrets secrets;

        SecretsReader(Contender mode, SecretsManagerClient client, CacheSettings settings) {
            this.mode = mode;
            this.executor = newDaemonPool("secrets-benchmark-" + POOLS.incrementAndGet() + "-");
            AwsSecretsManagerResolver store = AwsSecretsManagerResolver.builder()
                    .client(client)
                    .storeName("aws")
                    .executor(executor)
                    .build();
            CacheOptions.Builder cache = CacheOptions.builder()
                    .ttl(settings.ttl())
                    .maxEntries(settings.maxEntries());
            if (!settings.refreshAhead().isZero()) {
                cache.refreshAhead(settings.refreshAhead());
            }
            this.secrets = Secrets.builder()
                    .store("aws", store, cache.build())
                    .timeSource(settings.timeSource())
                    .executor(executor)
                    .environment(Map.of())
                    .build();
        }

        /** Returns the facade, for benchmarks that call it directly. */
        Secrets secrets() {
            return secrets;
        }

        @Override
        public Object read(String name) {
            SecretReference reference = SecretReference.parse(name);
            return mode == SECRETS_ASYNC ? secrets.resolveAsync(reference).join() : secrets.resolve(reference);
        }

        @Override
        public void readAll(List<String> names) {
            if (mode != SECRETS_BATCH) {
                SecretReader.super.readAll(names);
                return;
            }
            List<SecretReference> references = new ArrayList<>(names.size());
            names.forEach(name -> references.add(SecretReference.parse(name)));
            secrets.resolveAll(references).values().forEach(SecretValue::close);
        }

        @Override
        public void close() {
            secrets.close();
            executor.shutdownNow();
        }

        private static ExecutorService newDaemonPool(String prefix) {
            AtomicInteger threads = new AtomicInteger();
            return Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** AWS's caching client; closing it clears its cache. */
    static final class AwsCachingClientReader implements SecretReader {

        private final SecretCache cache;

        AwsCachingClientReader(SecretCache cache) {
            this.cache = cache;
        }

        @Override
        public Object read(String name) {
            return cache.getSecretString(name);
        }

        @Override
        public void close() {
            cache.close();
        }
    }

    /** Every read goes to the backend. */
    static final class NoCacheReader implements SecretReader {

        private final SecretsManagerClient client;

        NoCacheReader(SecretsManagerClient client) {
            this.client = client;
        }

        @Override
        public Object read(String name) {
            return getSecretValue(client, name);
        }

        @Override
        public void close() {
        }
    }

    /** A map of name to bytes that loads each name once and never expires it. */
    static final class FloorReader implements SecretReader {

        private final SecretsManagerClient client;
        private final ConcurrentHashMap<String, byte[]> values = new ConcurrentHashMap<>();

        FloorReader(SecretsManagerClient client) {
            this.client = client;
        }

        @Override
        public Object read(String name) {
            byte[] value = values.get(name);
            if (value == null) {
                value = values.computeIfAbsent(name,
                        key -> getSecretValue(client, key).getBytes(StandardCharsets.UTF_8));
            }
            return value.clone();
        }

        @Override
        public void close() {
            values.clear();
        }
    }
}
