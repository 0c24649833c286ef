package dev.secrets.testkit.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The STS side of the local server: {@code AssumeRole} in the query protocol with the XML reply
 * AWS sends, and the temporary credentials it issued, so that requests signed with them can be
 * checked.
 */
final class StsService {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int MIN_DURATION_SECONDS = 900;
    private static final int MAX_DURATION_SECONDS = 43_200;
    private static final int DEFAULT_DURATION_SECONDS = 3600;

    /** Temporary credentials issued by {@code AssumeRole}. */
    record IssuedCredentials(String secretAccessKey, String sessionToken, Instant expiration, String callerArn) {
    }

    private final String accountId;
    private final Supplier<Instant> clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedCredentials> issued = new ConcurrentHashMap<>();
    private final Map<String, String> requiredExternalIds = new ConcurrentHashMap<>();
    private final List<AssumeRoleCall> calls = new ArrayList<>();
    private volatile Duration sessionDuration;

    StsService(String accountId, Supplier<Instant> clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    IssuedCredentials issued(String accessKeyId) {
        return issued.get(accessKeyId);
    }

    void sessionDuration(Duration duration) {
        this.sessionDuration = duration;
    }

    void requireExternalId(String roleArn, String externalId) {
        requiredExternalIds.put(roleArn, externalId);
    }

    synchronized List<AssumeRoleCall> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        issued.clear();
        requiredExternalIds.clear();
        calls.clear();
        sessionDuration = null;
    }

    /** Parses a form-encoded body into its parameters. */
    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    /** Runs {@code AssumeRole} for a caller identified by {@code signingAccessKeyId}. */
    byte[] assumeRole(Map<String, String> form, String signingAccessKeyId, String callerArn) throws AwsError {
        String roleArn = required(form, "RoleArn");
        String sessionName = required(form, "RoleSessionName");
        var roleMatch = ROLE_ARN.matcher(roleArn);
        if (!roleMatch.matches()) {
            throw new AwsError(400, "ValidationError", "Value '" + roleArn + "' at 'roleArn' failed to satisfy "
                    + "constraint: Member must be a valid IAM role ARN");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w+=,.@-]*");
        }

        OptionalInt requestedSeconds = durationSeconds(form);
        Optional<String> externalId = Optional.ofNullable(form.get("ExternalId"));
        String requiredExternalId = requiredExternalIds.get(roleArn);
        if (requiredExternalId != null && !externalId.map(requiredExternalId::equals).orElse(false)) {
            throw new AwsError(403, "AccessDenied", "User: " + callerArn + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + roleArn);
        }

        Duration lifetime = sessionDuration != null
                ? sessionDuration : Duration.ofSeconds(requestedSeconds.orElse(DEFAULT_DURATION_SECONDS));
        Instant expiration = clock.get().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        String accessKeyId = "ASIA" + randomKey(16);
        String assumedRoleArn = "arn:aws:sts::" + accountId + ":assumed-role/" + roleMatch.group(1) + "/" + sessionName;
        IssuedCredentials credentials = new IssuedCredentials(randomBase64(30), randomBase64(120), expiration,
                assumedRoleArn);
        issued.put(accessKeyId, credentials);
        synchronized (this) {
            calls.add(new AssumeRoleCall(roleArn, sessionName, externalId, requestedSeconds, signingAccessKeyId,
                    accessKeyId, expiration));
        }
        return reply(accessKeyId, credentials, assumedRoleArn, roleMatch.group(1), sessionName);
    }

    private static OptionalInt durationSeconds(Map<String, String> form) throws AwsError {
        String value = form.get("DurationSeconds");
        if (value == null) {
            return OptionalInt.empty();
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new AwsError(400, "ValidationError", "Value '" + value + "' at 'durationSeconds' is not a number");
        }
        if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (seconds < MIN_DURATION_SECONDS ? "greater than or equal to " + MIN_DURATION_SECONDS
                            : "less than or equal to " + MAX_DURATION_SECONDS));
        }
        return OptionalInt.of(seconds);
    }

    private static byte[] reply(String accessKeyId, IssuedCredentials credentials, String assumedRoleArn,
            String roleName, String sessionName) {
        String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <AssumeRoleResult>\n"
                + "    <AssumedRoleUser>\n"
                + "      <Arn>" + AwsError.Xml.escape(assumedRoleArn) + "</Arn>\n"
                + "      <AssumedRoleId>AROA" + roleName.hashCode() + ":" + AwsError.Xml.escape(sessionName)
                + "</AssumedRoleId>\n"
                + "    </AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + accessKeyId + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + credentials.secretAccessKey() + "</SecretAccessKey>\n"
                + "      <SessionToken>" + credentials.sessionToken() + "</SessionToken>\n"
                + "      <Expiration>" + DateTimeFormatter.ISO_INSTANT.format(credentials.expiration())
                + "</Expiration>\n"
                + "    </Credentials>\n"
                + "  </AssumeRoleResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + UUID.randomUUID() + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</AssumeRoleResponse>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String required(Map<String, String> form, String name) throws AwsError {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value null at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private String randomKey(int length) {
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private String randomBase64(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getEncoder().encodeToString(buffer);
    }
}
