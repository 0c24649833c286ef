package dev.secrets.aws.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK clients an {@code aws} store creates from its options, and closes again.
 *
 * <p>With {@code assumed-role-arn}, the base credentials sign only STS {@code AssumeRole}; Secrets
 * Manager calls are signed with the role's temporary credentials, which the SDK's
 * {@link StsAssumeRoleCredentialsProvider} renews before they expire (from five minutes before
 * expiry, and at the latest one minute before, by the SDK's defaults).
 *
 * <p>Both clients use the SDK's {@code url-connection-client}. The Apache client logs whole
 * response bodies, and so secret values and session credentials, at DEBUG level.
 */
public final class AwsClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final SecretsManagerClient secretsManager;
    private final List<SdkAutoCloseable> owned;

    private AwsClients(SecretsManagerClient secretsManager, List<SdkAutoCloseable> owned) {
        this.secretsManager = secretsManager;
        this.owned = owned;
    }

    /**
     * The AWS SDK's request signer, which logs the canonical request at DEBUG, including the
     * {@code x-amz-security-token} header of temporary credentials; the SDK has no switch to omit it.
     */
    static final String SIGNER_LOGGER = "software.amazon.awssdk.http.auth.aws.internal.signer";

    private static final java.util.concurrent.atomic.AtomicBoolean SIGNER_WARNING_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Creates the clients; on failure closes those already created. */
    public static AwsClients create(AwsStoreOptions options) {
        warnIfSignerLogsTokens();
        List<SdkAutoCloseable> created = new ArrayList<>();
        try {
            AwsCredentialsProvider credentials = baseCredentials(options, created);
            if (options.assumedRoleArn().isPresent()) {
                credentials = assumedRole(options, credentials, created);
            }
            var builder = SecretsManagerClient.builder()
                    .httpClientBuilder(httpClient(options))
                    .region(Region.of(options.region()))
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides(options));
            options.endpoint().ifPresent(builder::endpointOverride);
            SecretsManagerClient secretsManager = builder.build();
            created.add(secretsManager);
            return new AwsClients(secretsManager, List.copyOf(created));
        } catch (RuntimeException e) {
            closeInReverse(created);
            throw e;
        }
    }

    /**
     * Logs one WARN per process when the SDK's signer logs at DEBUG, because its lines then carry
     * session tokens, which this SDK cannot redact in another library's output.
     */
    private static void warnIfSignerLogsTokens() {
        if (LoggerFactory.getLogger(SIGNER_LOGGER).isDebugEnabled() && SIGNER_WARNING_LOGGED.compareAndSet(false, true)) {
            LOG.warn("Logger {} is at DEBUG: the AWS SDK then logs each request's session token. Set that logger "
                    + "to INFO or higher wherever secrets are read through the aws store.", SIGNER_LOGGER);
        }
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    /** Closes every client and credentials provider this instance created, newest first. */
    @Override
    public void close() {
        closeInReverse(owned);
    }

    private static AwsCredentialsProvider baseCredentials(AwsStoreOptions options, List<SdkAutoCloseable> created) {
        if (options.accessKeyId().isPresent()) {
            String keyId = options.accessKeyId().get();
            String secretKey = options.secretAccessKey().orElseThrow();
            return StaticCredentialsProvider.create(options.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(keyId, secretKey, token))
                    .orElseGet(() -> AwsBasicCredentials.create(keyId, secretKey)));
        }
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        created.add(chain);
        return chain;
    }

    private static AwsCredentialsProvider assumedRole(AwsStoreOptions options, AwsCredentialsProvider base,
            List<SdkAutoCloseable> created) {
        var stsBuilder = StsClient.builder()
                .httpClientBuilder(httpClient(options))
                .region(Region.of(options.region()))
                .credentialsProvider(base)
                .overrideConfiguration(overrides(options));
        options.stsEndpoint().ifPresent(stsBuilder::endpointOverride);
        StsClient sts = stsBuilder.build();
        created.add(sts);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(options.assumedRoleArn().orElseThrow())
                .roleSessionName(options.roleSessionName())
                .durationSeconds((int) options.sessionDuration().toSeconds());
        options.externalId().ifPresent(request::externalId);
        StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request.build())
                .build();
        created.add(role);
        return role;
    }

    /**
     * Returns the HTTP client of both SDK clients. The SDK's api-call-timeout does not end a call
     * whose server stops sending in the middle of a response body: the read blocks until the HTTP
     * client's socket timeout, 30 seconds by default for each attempt. Bounding each read by the
     * api-call-timeout ends such a call at most that long after the last byte arrived.
     */
    private static UrlConnectionHttpClient.Builder httpClient(AwsStoreOptions options) {
        return UrlConnectionHttpClient.builder().socketTimeout(options.apiCallTimeout());
    }

    /**
     * Returns the timeouts, retries and response size limit shared by both clients. Retries use the
     * SDK's standard strategy: exponential backoff with jitter, capped, and a bounded number of
     * attempts.
     */
    private static ClientOverrideConfiguration overrides(AwsStoreOptions options) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(options.apiCallTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(options.maxAttempts())
                        .build())
                .addExecutionInterceptor(new ResponseSizeLimit())
                .build();
    }

    private static void closeInReverse(List<SdkAutoCloseable> closeables) {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("Closing AWS client {} failed: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
