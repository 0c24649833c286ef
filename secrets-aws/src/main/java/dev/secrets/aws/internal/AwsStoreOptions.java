package dev.secrets.aws.internal;

import dev.secrets.spi.StoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The options of an {@code aws} store, read and checked from a {@link StoreConfig}.
 *
 * <p>{@link #toString()} prints the secret access key and session token as {@code ***}.
 */
public final class AwsStoreOptions {

    /** The staging label read when neither the store nor the reference selects a version. */
    public static final String DEFAULT_VERSION_STAGE = "AWSCURRENT";
    public static final String DEFAULT_ROLE_SESSION_NAME = "dev-secrets";
    public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(1);
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    static final String REGION = "region";
    static final String ENDPOINT = "endpoint";
    static final String STS_ENDPOINT = "sts-endpoint";
    static final String ASSUMED_ROLE_ARN = "assumed-role-arn";
    static final String EXTERNAL_ID = "external-id";
    static final String ROLE_SESSION_NAME = "role-session-name";
    static final String SESSION_DURATION = "session-duration";
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";
    static final String SESSION_TOKEN = "session-token";
    static final String VERSION_STAGE = "version-stage";
    static final String API_CALL_TIMEOUT = "api-call-timeout";
    static final String MAX_ATTEMPTS = "max-attempts";

    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");
    private static final Pattern ROLE_ARN_PATTERN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern SESSION_NAME_PATTERN = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID_PATTERN = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private final String region;
    private final Optional<URI> endpoint;
    private final Optional<URI> stsEndpoint;
    private final Optional<String> assumedRoleArn;
    private final Optional<String> externalId;
    private final String roleSessionName;
    private final Duration sessionDuration;
    private final Optional<String> accessKeyId;
    private final Optional<String> secretAccessKey;
    private final Optional<String> sessionToken;
    private final String versionStage;
    private final Duration apiCallTimeout;
    private final int maxAttempts;

    private AwsStoreOptions(StoreConfig config) {
        this.region = region(config);
        this.endpoint = uri(config, ENDPOINT);
        this.stsEndpoint = uri(config, STS_ENDPOINT);
        this.assumedRoleArn = matching(config, ASSUMED_ROLE_ARN, ROLE_ARN_PATTERN,
                "an IAM role ARN such as arn:aws:iam::123456789012:role/secrets-read");
        this.externalId = matching(config, EXTERNAL_ID, EXTERNAL_ID_PATTERN,
                "2 to 1224 characters from A-Z a-z 0-9 and +=,.@:/-_");
        this.roleSessionName = matching(config, ROLE_SESSION_NAME, SESSION_NAME_PATTERN,
                "2 to 64 characters from A-Z a-z 0-9 and +=,.@-_").orElse(DEFAULT_ROLE_SESSION_NAME);
        this.sessionDuration = config.duration(SESSION_DURATION, Duration.ofMinutes(15), Duration.ofHours(12))
                .orElse(DEFAULT_SESSION_DURATION);
        this.accessKeyId = config.string(ACCESS_KEY_ID);
        this.secretAccessKey = config.string(SECRET_ACCESS_KEY);
        this.sessionToken = config.string(SESSION_TOKEN);
        this.versionStage = config.string(VERSION_STAGE).orElse(DEFAULT_VERSION_STAGE);
        this.apiCallTimeout = config.duration(API_CALL_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5))
                .orElse(DEFAULT_API_CALL_TIMEOUT);
        this.maxAttempts = (int) config.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 10);
        checkCombinations(config);
    }

    /**
     * Reads and checks the options of {@code config}.
     *
     * @throws dev.secrets.SecretConfigurationException naming the option's path when an option is
     *     missing, invalid, or set without the option it depends on
     */
    public static AwsStoreOptions read(StoreConfig config) {
        return new AwsStoreOptions(config);
    }

    private void checkCombinations(StoreConfig config) {
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            String missing = accessKeyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
            throw config.invalid(missing, "is missing: set both access-key-id and secret-access-key, or neither "
                    + "to use the AWS SDK's default credential chain");
        }
        if (sessionToken.isPresent() && accessKeyId.isEmpty()) {
            throw config.invalid(SESSION_TOKEN, "needs access-key-id and secret-access-key");
        }
        if (assumedRoleArn.isEmpty()) {
            for (String roleOption : new String[] {EXTERNAL_ID, ROLE_SESSION_NAME, SESSION_DURATION}) {
                if (config.has(roleOption)) {
                    throw config.invalid(roleOption, "applies only to an assumed role; set assumed-role-arn or "
                            + "remove " + roleOption);
                }
            }
        }
        if (versionStage.isBlank() || versionStage.length() > 256) {
            throw config.invalid(VERSION_STAGE, "must be 1 to 256 characters, such as AWSCURRENT or AWSPREVIOUS");
        }
    }

    private static String region(StoreConfig config) {
        String value = config.requireString(REGION);
        if (!REGION_PATTERN.matcher(value).matches()) {
            throw config.invalid(REGION, "'" + value + "' is not an AWS region name such as eu-west-1");
        }
        return value;
    }

    private static Optional<URI> uri(StoreConfig config, String key) {
        Optional<String> value = config.string(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw config.invalid(key, "'" + value.get() + "' is not an absolute http or https URL such as "
                        + "https://secretsmanager.eu-west-1.amazonaws.com");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw config.invalid(key, "'" + value.get() + "' is not a valid URL: " + e.getReason());
        }
    }

    private static Optional<String> matching(StoreConfig config, String key, Pattern pattern, String expected) {
        Optional<String> value = config.string(key);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            // The external id is a shared secret of the role's trust policy: never quote it.
            String shown = key.equals(EXTERNAL_ID) ? "the value (not shown)" : "'" + value.get() + "'";
            throw config.invalid(key, shown + " is invalid; expected " + expected);
        }
        return value;
    }

    public String region() {
        return region;
    }

    /** Returns the Secrets Manager endpoint override; empty means the SDK's regional endpoint. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** Returns the STS endpoint override; empty means the SDK's regional STS endpoint. */
    public Optional<URI> stsEndpoint() {
        return stsEndpoint;
    }

    public Optional<String> assumedRoleArn() {
        return assumedRoleArn;
    }

    public Optional<String> externalId() {
        return externalId;
    }

    public String roleSessionName() {
        return roleSessionName;
    }

    public Duration sessionDuration() {
        return sessionDuration;
    }

    public Optional<String> accessKeyId() {
        return accessKeyId;
    }

    public Optional<String> secretAccessKey() {
        return secretAccessKey;
    }

    public Optional<String> sessionToken() {
        return sessionToken;
    }

    public String versionStage() {
        return versionStage;
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Describes the identity that reads secrets, for error messages: the role, or the base credentials. */
    public String identity() {
        if (assumedRoleArn.isPresent()) {
            return "role " + assumedRoleArn.get();
        }
        return accessKeyId.map(id -> "access key " + id).orElse("the default AWS credential chain's identity");
    }

    @Override
    public String toString() {
        return "AwsStoreOptions[region=" + region
                + endpoint.map(uri -> ", endpoint=" + uri).orElse("")
                + stsEndpoint.map(uri -> ", sts-endpoint=" + uri).orElse("")
                + assumedRoleArn.map(arn -> ", assumed-role-arn=" + arn).orElse("")
                + externalId.map(id -> ", external-id=***").orElse("")
                + (assumedRoleArn.isPresent() ? ", role-session-name=" + roleSessionName
                        + ", session-duration=" + sessionDuration : "")
                + accessKeyId.map(id -> ", access-key-id=" + id + ", secret-access-key=***").orElse("")
                + sessionToken.map(token -> ", session-token=***").orElse("")
                + ", version-stage=" + versionStage
                + ", api-call-timeout=" + apiCallTimeout
                + ", max-attempts=" + maxAttempts + "]";
    }
}
