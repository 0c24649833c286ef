package dev.secrets.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads one cached secret of 64 bytes again and again: the cost of a cache hit.
 *
 * <p>Every contender reads through the in-process {@link FakeSecretsManager}, so only the first
 * read, in the setup, reaches it; nothing expires during a run. Run it with 1 and with 2 threads
 * ({@code -t}); all threads read the same name.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HitBenchmark {

    /** The name every contender reads. */
    static final String NAME = "db-password";

    /** A 64-byte value. */
    static final String VALUE = "x".repeat(64);

    private final SecretReference reference = SecretReference.parse(NAME);
    private FakeSecretsManager backend;
    private Contender.FloorReader floor;
    private SecretCache awsCachingClient;
    private Contender.SecretsReader secretsReader;
    private Secrets secrets;

    @Setup
    public void start() {
        backend = new FakeSecretsManager();
        backend.putSecret(NAME, VALUE);
        CacheSettings settings = CacheSettings.noExpiry(1_000);
        floor = new Contender.FloorReader(backend);
        awsCachingClient = Contender.awsCachingClient(backend, settings);
        secretsReader = new Contender.SecretsReader(Contender.SECRETS, backend, settings);
        secrets = secretsReader.secrets();

        floor.read(NAME);
        awsCachingClient.getSecretString(NAME);
        secrets.resolve(reference).close();
    }

    @TearDown
    public void stop() {
        secretsReader.close();
        awsCachingClient.close();
        floor.close();
    }

    /** Looks the name up in the map and copies the bytes. */
    @Benchmark
    public byte[] floor() {
        return (byte[]) floor.read(NAME);
    }

    /** AWS's caching client; it returns the cached {@code String} without a copy. */
    @Benchmark
    public String awsCachingClient() {
        return awsCachingClient.getSecretString(NAME);
    }

    /** This SDK's blocking call with a parsed reference; it returns a fresh {@link SecretValue}. */
    @Benchmark
    public SecretValue secrets() {
        return secrets.resolve(reference);
    }

    /** This SDK's blocking call with the name as a string, parsed and checked on every call. */
    @Benchmark
    public SecretValue secretsByName() {
        return secrets.resolve(NAME);
    }

    /** This SDK's asynchronous call, joined; a hit completes the future before it is returned. */
    @Benchmark
    public SecretValue secretsAsync() {
        return secrets.resolveAsync(reference).join();
    }
}
