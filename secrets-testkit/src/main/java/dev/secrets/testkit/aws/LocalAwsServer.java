package dev.secrets.testkit.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for AWS Secrets Manager and STS, for tests: an HTTP server on 127.0.0.1 and an
 * ephemeral port that the real AWS SDK reaches through endpoint overrides.
 *
 * <p>It speaks the Secrets Manager JSON 1.1 protocol ({@code GetSecretValue},
 * {@code BatchGetSecretValue}, {@code DescribeSecret}, {@code ListSecrets}) and STS
 * {@code AssumeRole} in the query protocol, with the error codes, HTTP statuses and reply shapes
 * of the real services. Every request must carry a valid Signature Version 4 {@code Authorization}
 * header: signed with {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY}, with credentials added by
 * {@link #addCredentials}, or with temporary credentials this server issued and that have not
 * expired.
 *
 * <pre>{@code
 * try (LocalAwsServer aws = LocalAwsServer.start()) {
 *     aws.putSecret("tenzir/geheim", "s3cr3t");
 *     SecretsManagerClient client = SecretsManagerClient.builder()
 *             .endpointOverride(aws.endpoint())
 *             .region(Region.of(aws.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create(LocalAwsServer.ACCESS_KEY_ID, LocalAwsServer.SECRET_ACCESS_KEY)))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Faults are set from Java: access denial per action or per secret, throttling and server
 * errors for the next calls, added latency and a skewed server clock. Requests run on a thread
 * pool, and added latency holds no lock, so a slow request never delays another. Instances are
 * thread-safe.
 */
public final class LocalAwsServer implements AutoCloseable {

    /** The region this server uses by default. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** The account id in every ARN this server returns. */
    public static final String ACCOUNT_ID = "123456789012";

    /** The access key id of the base identity the server accepts from the start. */
    public static final String ACCESS_KEY_ID = "AKIALOCALTESTBASE001";

    /** The secret access key that belongs to {@link #ACCESS_KEY_ID}. Not a real AWS key. */
    public static final String SECRET_ACCESS_KEY = "local-aws-server-test-secret-key-0001";

    /** How far the X-Amz-Date of a request may be from the server's clock, as AWS allows. */
    public static final Duration MAX_SIGNATURE_SKEW = Duration.ofMinutes(5);

    private static final String SECRETS_MANAGER = "secretsmanager";
    private static final String STS = "sts";
    private static final String BASE_USER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":user/local-test-user";

    private final String region;
    private final SecretsManagerService secretsManager;
    private final StsService sts;
    private final HttpTransport transport;
    private final Map<String, String> baseCredentials = new ConcurrentHashMap<>();
    private final Set<String> deniedActions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttledCalls = new AtomicInteger();
    private final AtomicInteger failingCalls = new AtomicInteger();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration clockSkew = Duration.ZERO;

    private LocalAwsServer(String region) throws IOException {
        this.region = region;
        this.secretsManager = new SecretsManagerService(region, ACCOUNT_ID, this::now);
        this.sts = new StsService(ACCOUNT_ID, this::now);
        this.baseCredentials.put(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
        this.transport = new HttpTransport(this::handle, this::now);
    }

    /**
     * Starts a server in {@link #DEFAULT_REGION} on 127.0.0.1 and an ephemeral port.
     *
     * @throws UncheckedIOException if no port could be bound
     */
    public static LocalAwsServer start() {
        return start(DEFAULT_REGION);
    }

    /** Starts a server whose ARNs and signature scope use {@code region}. */
    public static LocalAwsServer start(String region) {
        Objects.requireNonNull(region, "region");
        try {
            return new LocalAwsServer(region);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind the local AWS server to 127.0.0.1", e);
        }
    }

    /** Returns the base URI, such as {@code http://127.0.0.1:50123}, for both services. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + transport.port());
    }

    /** Returns the region that requests must be signed for. */
    public String region() {
        return region;
    }

    /** Stops the server, closes open connections and interrupts requests still waiting on latency. */
    @Override
    public void close() {
        transport.close();
    }

    // ---- secrets ----

    /**
     * Stores a text secret. When the name exists, adds a version labelled AWSCURRENT and moves
     * AWSPREVIOUS to the former current version, as a rotation does.
     *
     * @return the id of the new version
     */
    public String putSecret(String name, String value) {
        return secretsManager.rotate(requireName(name), Objects.requireNonNull(value, "value"), null);
    }

    /** Stores a binary secret ({@code SecretBinary}); otherwise like {@link #putSecret(String, String)}. */
    public String putSecret(String name, byte[] value) {
        return secretsManager.rotate(requireName(name), null, Objects.requireNonNull(value, "value").clone());
    }

    /**
     * Adds a text version with exactly the given staging labels, taking each label away from the
     * version that had it. Versions keep the order they were added in, so a test can list
     * AWSCURRENT before AWSPREVIOUS.
     *
     * @throws IllegalArgumentException if the secret already has a version with that id
     */
    public String putSecretVersion(String name, String versionId, String value, String... stages) {
        Objects.requireNonNull(value, "value");
        return secretsManager.putVersion(requireName(name), Objects.requireNonNull(versionId, "versionId"), value,
                null, Arrays.asList(stages));
    }

    /**
     * Rotates a secret: adds a version labelled AWSCURRENT and gives AWSPREVIOUS to the version
     * that was current.
     *
     * @return the id of the new version
     * @throws IllegalArgumentException if the secret does not exist
     */
    public String rotateSecret(String name, String newValue) {
        secretsManager.arn(requireName(name));
        return putSecret(name, newValue);
    }

    /** Returns the full ARN of a secret, which ends in '-' and a random six-character suffix. */
    public String arn(String name) {
        return secretsManager.arn(requireName(name));
    }

    /**
     * Schedules a secret for deletion: reads then fail with {@code InvalidRequestException}, and
     * {@code ListSecrets} leaves it out unless asked to include planned deletions.
     */
    public void scheduleDeletion(String name) {
        secretsManager.scheduleDeletion(requireName(name));
    }

    /** Cancels a scheduled deletion. */
    public void restoreSecret(String name) {
        secretsManager.restore(requireName(name));
    }

    /** Makes every read of this secret fail with {@code DecryptionFailure}, as when KMS denies the key. */
    public void failDecryption(String name) {
        secretsManager.failDecryption(requireName(name));
    }

    /** Rejects every read of this secret with {@code AccessDeniedException}. */
    public void denySecret(String name) {
        secretsManager.deny(requireName(name));
    }

    // ---- identities and faults ----

    /** Accepts requests signed with another base identity. */
    public void addCredentials(String accessKeyId, String secretAccessKey) {
        baseCredentials.put(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
    }

    /**
     * Denies an action to every caller: {@code AccessDeniedException} for a Secrets Manager action
     * such as {@code BatchGetSecretValue} or {@code DescribeSecret}, {@code AccessDenied} for
     * {@code AssumeRole}.
     */
    public void denyAction(String action) {
        deniedActions.add(Objects.requireNonNull(action, "action"));
    }

    /** Rejects the next {@code calls} Secrets Manager requests with {@code ThrottlingException}. */
    public void throttleNextCalls(int calls) {
        throttledCalls.set(requireCount(calls));
    }

    /** Fails the next {@code calls} Secrets Manager requests with {@code InternalServiceError} (HTTP 500). */
    public void failNextCalls(int calls) {
        failingCalls.set(requireCount(calls));
    }

    /** Delays every reply by {@code delay}. By default, zero. */
    public void latency(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + delay);
        }
        this.latency = delay;
    }

    /**
     * Sets the server's clock ahead of the machine's by {@code skew} (behind when negative).
     * Requests whose X-Amz-Date differs from the server's clock by more than
     * {@link #MAX_SIGNATURE_SKEW} are rejected, and the {@code Date} header of every reply carries
     * the server's clock, as AWS does. By default, zero.
     */
    public void clockSkew(Duration skew) {
        this.clockSkew = Objects.requireNonNull(skew, "skew");
    }

    /**
     * Sets how long credentials issued by {@code AssumeRole} stay valid, whatever the request's
     * {@code DurationSeconds}. By default, the requested duration, or one hour when none is sent.
     */
    public void sessionDuration(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("session duration must not be negative, was " + duration);
        }
        sts.sessionDuration(duration);
    }

    /** Makes {@code AssumeRole} of {@code roleArn} fail with {@code AccessDenied} unless it carries {@code externalId}. */
    public void requireExternalId(String roleArn, String externalId) {
        sts.requireExternalId(Objects.requireNonNull(roleArn, "roleArn"), Objects.requireNonNull(externalId, "externalId"));
    }

    // ---- records ----

    /** Returns how many requests for {@code action} arrived, whatever their outcome. */
    public int callCount(String action) {
        synchronized (requests) {
            return (int) requests.stream().filter(request -> request.action().equals(action)).count();
        }
    }

    /** Returns every request received so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Returns the {@code AssumeRole} calls that issued credentials, in order. */
    public List<AssumeRoleCall> assumeRoleCalls() {
        return sts.calls();
    }

    /** Forgets every secret, fault, record and added identity, and issued credentials. */
    public void reset() {
        secretsManager.clear();
        sts.clear();
        baseCredentials.keySet().removeIf(key -> !key.equals(ACCESS_KEY_ID));
        deniedActions.clear();
        throttledCalls.set(0);
        failingCalls.set(0);
        latency = Duration.ZERO;
        clockSkew = Duration.ZERO;
        synchronized (requests) {
            requests.clear();
        }
    }

    // ---- request handling ----

    private Instant now() {
        return Instant.now().plus(clockSkew);
    }

    private HttpTransport.Reply handle(HttpTransport.Request request) throws InterruptedException {
        Instant receivedAt = now();
        Duration delay = latency;
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        String target = request.header("x-amz-target");
        if (target != null) {
            String action = target.startsWith("secretsmanager.") ? target.substring("secretsmanager.".length()) : target;
            return handleSecretsManager(request, action, receivedAt);
        }
        Map<String, String> form = StsService.parseForm(request.body());
        return handleSts(request, form, receivedAt);
    }

    private HttpTransport.Reply handleSecretsManager(HttpTransport.Request request, String action, Instant receivedAt) {
        Optional<String> keyId = Optional.empty();
        try {
            Identity caller = authenticate(request, SECRETS_MANAGER);
            keyId = Optional.of(caller.accessKeyId());
            takeFault();
            if (deniedActions.contains(action)) {
                throw SecretsManagerService.denied(action, "*", caller.arn());
            }
            byte[] body = secretsManager.handle(action, request.body(), caller.arn());
            record(SECRETS_MANAGER, action, keyId, 200, null, receivedAt);
            return new HttpTransport.Reply(200, "application/x-amz-json-1.1", body);
        } catch (AwsError e) {
            record(SECRETS_MANAGER, action, keyId, e.status(), e.code(), receivedAt);
            return e.toJsonReply();
        }
    }

    private HttpTransport.Reply handleSts(HttpTransport.Request request, Map<String, String> form, Instant receivedAt) {
        String action = form.getOrDefault("Action", "");
        Optional<String> keyId = Optional.empty();
        try {
            Identity caller = authenticate(request, STS);
            keyId = Optional.of(caller.accessKeyId());
            if (!"AssumeRole".equals(action)) {
                throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version "
                        + form.getOrDefault("Version", "NO_VERSION_SPECIFIED"));
            }
            if (deniedActions.contains(action)) {
                throw new AwsError(403, "AccessDenied", "User: " + caller.arn()
                        + " is not authorized to perform: sts:AssumeRole on resource: " + form.get("RoleArn"));
            }
            byte[] body = sts.assumeRole(form, caller.accessKeyId(), caller.arn());
            record(STS, action, keyId, 200, null, receivedAt);
            return new HttpTransport.Reply(200, "text/xml", body);
        } catch (AwsError e) {
            record(STS, action, keyId, e.status(), e.code(), receivedAt);
            return e.toXmlReply();
        }
    }

    private void takeFault() throws AwsError {
        if (throttledCalls.getAndUpdate(remaining -> Math.max(0, remaining - 1)) > 0) {
            throw new AwsError(400, "ThrottlingException", "Rate exceeded");
        }
        if (failingCalls.getAndUpdate(remaining -> Math.max(0, remaining - 1)) > 0) {
            throw new AwsError(500, "InternalServiceError", "An error occurred on the server side.");
        }
    }

    private void record(String service, String action, Optional<String> keyId, int status, String errorCode,
            Instant receivedAt) {
        synchronized (requests) {
            requests.add(new RecordedRequest(service, action, keyId, status, Optional.ofNullable(errorCode), receivedAt));
        }
    }

    /** The caller a valid signature identifies. */
    private record Identity(String accessKeyId, String arn) {
    }

    /**
     * Checks the Signature Version 4 signature of a request, in the order AWS reports problems:
     * missing or malformed header, request time outside the allowed skew, scope, unknown or
     * expired credentials, and finally the signature itself.
     */
    private Identity authenticate(HttpTransport.Request request, String service) throws AwsError {
        boolean json = SECRETS_MANAGER.equals(service);
        String header = request.header("authorization");
        if (header == null) {
            throw json ? new AwsError(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
                    : new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        SigV4.Authorization authorization;
        Instant signedAt;
        String amzDate = request.header("x-amz-date");
        try {
            authorization = SigV4.parse(header);
            if (amzDate == null) {
                throw new IllegalArgumentException("Authorization header requires existence of a 'X-Amz-Date' header");
            }
            signedAt = SigV4.parseAmzDate(amzDate);
        } catch (IllegalArgumentException e) {
            throw new AwsError(400, json ? "IncompleteSignatureException" : "IncompleteSignature", e.getMessage());
        }

        checkSkew(amzDate, signedAt, json);
        if (!authorization.region().equals(region) || !authorization.service().equals(service)) {
            throw signatureError(json, "Credential should be scoped to a valid region and to service '"
                    + service + "'.");
        }

        String secretKey = baseCredentials.get(authorization.accessKeyId());
        String arn = BASE_USER_ARN;
        if (secretKey == null) {
            StsService.IssuedCredentials issued = sts.issued(authorization.accessKeyId());
            if (issued == null || !issued.sessionToken().equals(request.header("x-amz-security-token"))) {
                throw json ? new AwsError(400, "UnrecognizedClientException",
                        "The security token included in the request is invalid.")
                        : new AwsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            }
            if (!now().isBefore(issued.expiration())) {
                throw new AwsError(400, json ? "ExpiredTokenException" : "ExpiredToken",
                        "The security token included in the request is expired");
            }
            secretKey = issued.secretAccessKey();
            arn = issued.callerArn();
        }

        String expected = SigV4.expectedSignature(request, authorization, amzDate, secretKey);
        if (!SigV4.matches(expected, authorization.signature())) {
            throw signatureError(json, "The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return new Identity(authorization.accessKeyId(), arn);
    }

    private void checkSkew(String amzDate, Instant signedAt, boolean json) throws AwsError {
        Instant serverNow = now();
        if (signedAt.isBefore(serverNow.minus(MAX_SIGNATURE_SKEW))) {
            throw signatureError(json, "Signature expired: " + amzDate + " is now earlier than "
                    + SigV4.AMZ_DATE.format(serverNow.minus(MAX_SIGNATURE_SKEW)) + " ("
                    + SigV4.AMZ_DATE.format(serverNow) + " - 5 min.)");
        }
        if (signedAt.isAfter(serverNow.plus(MAX_SIGNATURE_SKEW))) {
            throw signatureError(json, "Signature not yet current: " + amzDate + " is still later than "
                    + SigV4.AMZ_DATE.format(serverNow.plus(MAX_SIGNATURE_SKEW)) + " ("
                    + SigV4.AMZ_DATE.format(serverNow) + " + 5 min.)");
        }
    }

    private static AwsError signatureError(boolean json, String message) {
        return json ? new AwsError(400, "InvalidSignatureException", message)
                : new AwsError(403, "SignatureDoesNotMatch", message);
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("secret name must not be empty");
        }
        return name;
    }

    private static int requireCount(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be zero or more, was " + calls);
        }
        return calls;
    }

    @Override
    public String toString() {
        return "LocalAwsServer[" + endpoint() + ", region=" + region + "]";
    }
}
