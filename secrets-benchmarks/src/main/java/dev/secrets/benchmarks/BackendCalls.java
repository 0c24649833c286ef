package dev.secrets.benchmarks;

/**
 * Numbers of Secrets Manager calls, by operation.
 *
 * @param getSecretValue {@code GetSecretValue} calls
 * @param batchGetSecretValue {@code BatchGetSecretValue} calls, each for up to 20 secrets
 * @param describeSecret {@code DescribeSecret} calls
 */
public record BackendCalls(long getSecretValue, long batchGetSecretValue, long describeSecret) {

    /** Returns the number of requests of every operation together. */
    public long total() {
        return getSecretValue + batchGetSecretValue + describeSecret;
    }
}
