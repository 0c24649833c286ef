package dev.secrets.benchmarks;

import dev.secrets.testkit.aws.LocalAwsServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads {@value #SECRETS} secrets into an empty cache, as an application does at start-up: the
 * wall time and the number of requests to Secrets Manager.
 *
 * <p>The backend is the testkit's {@link LocalAwsServer} on 127.0.0.1, reached over HTTP by the
 * real AWS SDK client (url-connection-client, as the aws store uses) with SigV4 signing; by default it adds no latency of its own
 * ({@code backendLatencyMillis}). Each iteration starts with a new client and a new contender, so
 * no connection, cache entry or credential is reused; creating them is not measured. Contenders:
 * <ul>
 *   <li>{@code secrets-batch}: one {@code resolveAll} of all names;
 *   <li>{@code secrets}: one {@code resolve} per name, one after another;
 *   <li>{@code aws-caching-client}: one {@code getSecretString} per name, one after another.
 * </ul>
 * The secondary result {@code requests} is the number of requests of one start (JMH prints the
 * sum over the iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class ColdStartBenchmark {

    /** How many secrets a start reads. */
    public static final int SECRETS = 100;

    @Param({"secrets-batch", "secrets", "aws-caching-client"})
    public String contender;

    /** Latency the local server adds to every reply, in milliseconds. */
    @Param("0")
    public long backendLatencyMillis;

    private final List<String> names = names(SECRETS);
    private LocalAwsServer server;
    private SecretsManagerClient client;
    private SecretReader reader;

    /** The requests of one start. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Requests {
        public long requests;
    }

    /** Returns {@code count} secret names, {@code app/secret-000} and on. */
    static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.format("app/secret-%03d", i));
        }
        return List.copyOf(names);
    }

    @Setup(Level.Trial)
    public void startServer() {
        server = LocalAwsServer.start();
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        server.close();
    }

    @Setup(Level.Iteration)
    public void prepareStart() {
        server.reset();
        server.latency(Duration.ofMillis(backendLatencyMillis));
        for (String name : names) {
            server.putSecret(name, HitBenchmark.VALUE);
        }
        client = localClient(server.endpoint(), server.region());
        reader = Contender.of(contender).create(client, CacheSettings.noExpiry(1_000));
    }

    @TearDown(Level.Iteration)
    public void closeStart() {
        reader.close();
        client.close();
    }

    @Benchmark
    public void coldStart(Requests requests) {
        reader.readAll(names);
        requests.requests = server.requests().size();
    }

    /** Returns a client for the local server, with its region, endpoint and test keys set explicitly. */
    static SecretsManagerClient localClient(URI endpoint, String region) {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsServer.ACCESS_KEY_ID, LocalAwsServer.SECRET_ACCESS_KEY)))
                .build();
    }
}
