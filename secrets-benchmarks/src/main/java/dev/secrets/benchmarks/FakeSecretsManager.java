package dev.secrets.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * An in-process Secrets Manager for benchmarks: a {@link SecretsManagerClient} that serves
 * {@code GetSecretValue}, {@code BatchGetSecretValue} and {@code DescribeSecret} from a map and
 * counts every call. Each call can wait a fixed time, in place of the network and the service.
 *
 * <p>It has no HTTP, signing or JSON, so a measurement over it shows the cost of the client-side
 * code alone. Each secret has one version, {@link #VERSION_ID}, labelled {@code AWSCURRENT}. Other
 * operations throw {@link UnsupportedOperationException}, as the SDK interface's defaults do.
 *
 * <p>Thread-safe; the added latency holds no lock.
 */
public final class FakeSecretsManager implements SecretsManagerClient {

    /** The version id of every secret. */
    public static final String VERSION_ID = "00000000-0000-0000-0000-000000000001";

    private static final String CURRENT = "AWSCURRENT";
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:123456789012:secret:";

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final LongAdder getSecretValueCalls = new LongAdder();
    private final LongAdder batchGetSecretValueCalls = new LongAdder();
    private final LongAdder describeSecretCalls = new LongAdder();
    private volatile long latencyNanos;

    /** Adds or replaces the text value of secret {@code name}. */
    public void putSecret(String name, String value) {
        values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /** Sets how long every call waits before it returns. By default, zero. */
    public void latency(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + value);
        }
        this.latencyNanos = value.toNanos();
    }

    /** Returns a snapshot of the call counters. */
    public BackendCalls calls() {
        return new BackendCalls(getSecretValueCalls.sum(), batchGetSecretValueCalls.sum(), describeSecretCalls.sum());
    }

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        getSecretValueCalls.increment();
        awaitLatency();
        String name = request.secretId();
        String value = valueOf(name);
        return GetSecretValueResponse.builder()
                .name(name)
                .arn(ARN_PREFIX + name)
                .versionId(VERSION_ID)
                .versionStages(CURRENT)
                .secretString(value)
                .build();
    }

    /** Returns up to 20 secrets. Unknown ids go into the reply's error list, as AWS puts them. */
    @Override
    public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
        batchGetSecretValueCalls.increment();
        awaitLatency();
        if (request.secretIdList().size() > 20) {
            throw new IllegalArgumentException("BatchGetSecretValue accepts at most 20 ids, got "
                    + request.secretIdList().size());
        }
        List<SecretValueEntry> entries = new ArrayList<>();
        List<APIErrorType> errors = new ArrayList<>();
        for (String name : request.secretIdList()) {
            String value = values.get(name);
            if (value == null) {
                errors.add(APIErrorType.builder().secretId(name).errorCode("ResourceNotFoundException")
                        .message("Secrets Manager can't find the specified secret.").build());
            } else {
                entries.add(SecretValueEntry.builder().name(name).arn(ARN_PREFIX + name).versionId(VERSION_ID)
                        .versionStages(CURRENT).secretString(value).build());
            }
        }
        return BatchGetSecretValueResponse.builder().secretValues(entries).errors(errors).build();
    }

    @Override
    public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        describeSecretCalls.increment();
        awaitLatency();
        String name = request.secretId();
        valueOf(name);
        return DescribeSecretResponse.builder()
                .name(name)
                .arn(ARN_PREFIX + name)
                .versionIdsToStages(Map.of(VERSION_ID, List.of(CURRENT)))
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FakeSecretsManager[secrets=" + values.size() + ", latency=" + Duration.ofNanos(latencyNanos) + "]";
    }

    private String valueOf(String name) {
        String value = values.get(name);
        if (value == null) {
            throw ResourceNotFoundException.builder()
                    .message("Secrets Manager can't find the specified secret: " + name)
                    .build();
        }
        return value;
    }

    /** Waits the configured latency; parks in a loop because a park can return early. */
    private void awaitLatency() {
        long latency = latencyNanos;
        if (latency == 0) {
            return;
        }
        long deadline = System.nanoTime() + latency;
        long remaining = latency;
        while (remaining > 0) {
            LockSupport.parkNanos(remaining);
            remaining = deadline - System.nanoTime();
        }
    }
}
