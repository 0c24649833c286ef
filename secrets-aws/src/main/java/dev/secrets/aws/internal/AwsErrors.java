package dev.secrets.aws.internal;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.aws.AwsClockSkewException;
import dev.secrets.spi.SecretLookup;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Turns AWS SDK failures and per-secret error codes into the SDK's typed exceptions.
 *
 * <p>Messages name the reference, the store and the AWS error code, and the fix. They
 * never quote an AWS error message, because a service message can echo request content. The
 * AWS exception is kept as the cause only for service errors; client-side failures (including
 * response parsing, whose messages can quote the body) are cause as a {@link RedactedFailure}.
 */
public final class AwsErrors {

    /** Error codes that mean AWS did not accept the caller's credentials or signature. */
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException", "ExpiredToken",
            "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException",
            "IncompleteSignature", "MissingAuthenticationTokenException", "MissingAuthenticationToken",
            "AuthFailure");

    /** Error codes that always mean the request time was too far from the service's clock. */
    private static final Set<String> CLOCK_SKEW_CODES = Set.of(
            "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture");

    /** How far apart two clocks may be before AWS rejects a signature. */
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private final String storeName;
    private final String identity;
    private final Duration apiCallTimeout;

    /**
     * @param storeName the store's configured name
     * @param identity who reads secrets, such as {@code role arn:aws:iam::...}, for hints
     * @param apiCallTimeout the configured timeout, for the timeout message
     */
    public AwsErrors(String storeName, String identity, Duration apiCallTimeout) {
        this.storeName = storeName;
        this.identity = identity;
        this.apiCallTimeout = apiCallTimeout;
    }

    /**
     * Maps an error code that AWS reported for one secret, from an exception or from a
     * {@code BatchGetSecretValue} error entry, to a lookup result. {@code ResourceNotFoundException}
     * and a secret marked for deletion are "not found"; everything else is a failure.
     */
    public SecretLookup lookupForCode(String code, String awsMessage, SecretReference reference, String action,
            Throwable cause) {
        if ("ResourceNotFoundException".equals(code)) {
            return SecretLookup.notFound();
        }
        if ("InvalidRequestException".equals(code) && markedForDeletion(awsMessage)) {
            return SecretLookup.notFound("scheduled for deletion");
        }
        return SecretLookup.failed(forCode(code, 400, reference, action, cause));
    }

    /**
     * Maps any failure of an AWS call for {@code reference} to a lookup result: "not found" for the
     * codes {@link #lookupForCode} treats so, a failure for everything else.
     */
    public SecretLookup lookupForFailure(Throwable failure, SecretReference reference, String action) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException && !(cause instanceof StsException)
                && ((AwsServiceException) cause).awsErrorDetails() != null) {
            AwsServiceException service = (AwsServiceException) cause;
            String code = service.awsErrorDetails().errorCode();
            if ("ResourceNotFoundException".equals(code) || "InvalidRequestException".equals(code)) {
                return lookupForCode(code, service.awsErrorDetails().errorMessage(), reference, action, service);
            }
        }
        return SecretLookup.failed(toException(failure, reference, action));
    }

    /** Maps any failure of an AWS call to a typed exception. */
    public SecretException toException(Throwable failure, SecretReference reference, String action) {
        Throwable cause = unwrap(failure);
        StsException sts = findCause(cause, StsException.class);
        if (sts != null) {
            return forAssumeRole(sts, reference);
        }
        if (cause instanceof AwsServiceException && ((AwsServiceException) cause).awsErrorDetails() != null) {
            AwsServiceException service = (AwsServiceException) cause;
            if (isClockSkew(service)) {
                return clockSkew(service, reference, action);
            }
            return forCode(service.awsErrorDetails().errorCode(), service.statusCode(), reference, action, service);
        }
        return forClientFailure(cause, reference, action);
    }

    /** Returns an error for a value longer than {@link dev.secrets.SecretValue#MAX_SIZE}. */
    public SecretFormatException valueTooLarge(SecretReference reference, long size) {
        return new SecretFormatException(subject(reference) + " has a value of " + size + " bytes, over the limit of "
                + dev.secrets.SecretValue.MAX_SIZE + " bytes. AWS Secrets Manager does not store larger values, so "
                + "the endpoint is not behaving like AWS Secrets Manager; check the endpoint option.");
    }

    /**
     * Returns an error for a reply that names another secret than the one requested. AWS reads a
     * name that ends in '-' and six characters as a name plus ARN suffix, so such a name can select
     * a different secret.
     */
    public InvalidSecretNameException nameMismatch(SecretReference reference, String returnedName) {
        String name = reference.name().value();
        return new InvalidSecretNameException(name, "AWS Secrets Manager returned secret '" + returnedName
                + "' when " + describe(reference) + " was requested from store '" + storeName + "' (type aws), so "
                + "the value was rejected. AWS reads a name that ends in '-' and six characters as a partial ARN, "
                + "so the request matched another secret. Check the name, and avoid secret names that end in '-' "
                + "and six characters.");
    }

    /** Returns an error for a reply whose version lacks the requested version id or staging label. */
    public SecretException versionMismatch(SecretReference reference, String selector) {
        return new SecretException("AWS Secrets Manager returned a version of " + describe(reference) + " in store '"
                + storeName + "' (type aws) that does not carry " + selector + ", so the value was rejected. "
                + "Check the version-stage option and the secret's staging labels.", null, false);
    }

    /**
     * Returns an error for a reply that lacks what every AWS reply has, such as the secret's name.
     * Only another endpoint or a proxy sends such replies, so the call may work later.
     */
    public SecretStoreUnavailableException malformedReply(SecretReference reference, String problem) {
        return new SecretStoreUnavailableException(subject(reference) + " is unavailable: the reply of the endpoint "
                + problem + ", so it is not behaving like AWS Secrets Manager. Check the endpoint option.");
    }

    /** Returns an error for {@code ListSecrets} replies that would make the listing go on forever. */
    public SecretStoreUnavailableException malformedListing(String problem) {
        return new SecretStoreUnavailableException("Listing the secrets of store '" + storeName + "' (type aws) "
                + "failed: the endpoint's ListSecrets replies " + problem + ", so it is not behaving like AWS Secrets "
                + "Manager. Check the endpoint option.");
    }

    /** Returns an error for a reply that carries neither SecretString nor SecretBinary. */
    public SecretFormatException noValue(SecretReference reference) {
        return new SecretFormatException(subject(reference) + " has no value: AWS Secrets Manager returned neither "
                + "SecretString nor SecretBinary. Store a value in the secret.");
    }

    /**
     * Maps an error code to an exception. {@code code} is null when the reply carried none, which
     * AWS never does but a proxy or another endpoint can.
     */
    private SecretException forCode(String code, int status, SecretReference reference, String action,
            Throwable cause) {
        String shownCode = code == null ? "an error without a code" : code;
        String returned = " AWS Secrets Manager returned " + shownCode + " for " + action + ".";
        if ("AccessDeniedException".equals(code)) {
            return new SecretAccessDeniedException("Access to " + describe(reference) + " in store '" + storeName
                    + "' (type aws) was denied." + returned + " Allow secretsmanager:GetSecretValue on the secret for "
                    + identity + ". AWS also returns "
                    + "this error for a secret that does not exist for this identity, so check the name too.", cause);
        }
        if ("DecryptionFailure".equals(code)) {
            return new SecretAccessDeniedException(subject(reference) + " could not be decrypted." + returned
                    + " KMS denied or could not use the secret's key: allow kms:Decrypt on that key for " + identity
                    + ".", cause);
        }
        if (code != null && CREDENTIAL_CODES.contains(code)) {
            return new SecretAccessDeniedException("AWS rejected the credentials of store '" + storeName
                    + "' (type aws) while reading " + describe(reference) + "." + returned + " Check access-key-id, "
                    + "secret-access-key and session-token, or the default credential chain.", cause);
        }
        if (isThrottling(code) || status == 429) {
            return new SecretStoreUnavailableException(subject(reference) + " is unavailable: AWS Secrets Manager "
                    + "kept throttling " + action + " (" + shownCode + ", HTTP " + status + ") after " + attempts(cause)
                    + ". Retry later, or lower the request rate with a longer cache TTL.", cause);
        }
        if (status >= 500 || "InternalServiceError".equals(code)) {
            return new SecretStoreUnavailableException(subject(reference) + " is unavailable: AWS Secrets Manager "
                    + "returned " + shownCode + " (HTTP " + status + ") for " + action + " after " + attempts(cause)
                    + ". Retry later.", cause);
        }
        if ("InvalidRequestException".equals(code)) {
            return new SecretException(subject(reference) + " cannot be read now." + returned + " Check the state "
                    + "of the secret in AWS Secrets Manager, for example whether it is disabled.", cause, false);
        }
        return new SecretException("Reading " + subject(reference) + " failed." + returned
                + " Check the reference and the store's options.", cause, false);
    }

    private SecretException forAssumeRole(StsException sts, SecretReference reference) {
        String code = sts.awsErrorDetails() == null || sts.awsErrorDetails().errorCode() == null ? "unknown"
                : sts.awsErrorDetails().errorCode();
        String intro = "Store '" + storeName + "' (type aws) could not assume " + identity + " to read "
                + describe(reference) + ": STS returned " + code + " for AssumeRole.";
        if (isThrottling(code)) {
            return new SecretStoreUnavailableException(intro + " Retry later.", sts);
        }
        if (sts.statusCode() >= 500) {
            return new SecretStoreUnavailableException(intro + " STS failed (HTTP " + sts.statusCode()
                    + "); retry later.", sts);
        }
        if (isClockSkew(sts)) {
            return clockSkew(sts, reference, "AssumeRole");
        }
        if ("AccessDenied".equals(code) || CREDENTIAL_CODES.contains(code)) {
            return new SecretAccessDeniedException(intro + " Check that the role's trust policy allows the base "
                    + "credentials to assume it, that external-id matches the one the trust policy requires, and "
                    + "that the base credentials are valid.", sts);
        }
        return new SecretConfigurationException(intro + " Check assumed-role-arn, role-session-name, external-id "
                + "and session-duration.", sts);
    }

    private SecretException forClientFailure(Throwable cause, SecretReference reference, String action) {
        RedactedFailure redacted = RedactedFailure.of(cause);
        ResponseSizeLimit.ResponseTooLargeException tooLarge =
                findCause(cause, ResponseSizeLimit.ResponseTooLargeException.class);
        if (tooLarge != null) {
            return new SecretFormatException("The " + tooLarge.source() + " while reading "
                    + describe(reference) + " in store '" + storeName + "' (type aws) was longer than "
                    + ResponseSizeLimit.MAX_RESPONSE_BYTES + " bytes, so reading stopped. Check that the endpoint "
                    + "and sts-endpoint options point at AWS.", redacted);
        }
        if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
            return new SecretStoreUnavailableException(subject(reference) + " is unavailable: " + action
                    + " timed out after " + apiCallTimeout.toMillis() + " ms (api-call-timeout). Check that the "
                    + "endpoint is reachable, or raise api-call-timeout.", redacted);
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (message.startsWith("Unable to load credentials")) {
            return new SecretConfigurationException("Store '" + storeName + "' (type aws) found no AWS credentials "
                    + "to read " + describe(reference) + ". Set access-key-id and secret-access-key, or configure "
                    + "the default credential chain (environment, profile, container or instance role).", redacted);
        }
        if (findCause(cause, IOException.class) != null) {
            return new SecretStoreUnavailableException(subject(reference) + " is unavailable: " + action
                    + " could not reach AWS Secrets Manager (" + findCause(cause, IOException.class).getClass()
                    .getSimpleName() + "). Check the network and the endpoint option; retry later.", redacted);
        }
        return new SecretException(subject(reference) + " could not be read: the AWS SDK failed with "
                + cause.getClass().getName() + " before " + action + " returned. See the cause for the stack trace.",
                redacted, false);
    }

    private AwsClockSkewException clockSkew(AwsServiceException service, SecretReference reference, String action) {
        Optional<Duration> skew = serverSkew(service);
        String amount = skew.map(d -> "by about " + Math.round(d.abs().toSeconds() / 60.0) + " minutes ("
                + (d.isNegative() ? "this machine is ahead" : "this machine is behind") + ")").orElse("by more than "
                + ALLOWED_SKEW.toMinutes() + " minutes");
        return new AwsClockSkewException("AWS rejected the signature of " + action + " for " + describe(reference)
                + " in store '" + storeName + "' (type aws) with " + service.awsErrorDetails().errorCode()
                + " because this machine's clock is skewed: it differs from AWS's clock " + amount
                + ". Synchronise the clock (for example with NTP); AWS accepts at most " + ALLOWED_SKEW.toMinutes()
                + " minutes of difference.", skew.orElse(null), service);
    }

    /**
     * Decides whether a rejection was caused by clock skew: either a code that only skew causes, or
     * a signature error whose reply {@code Date} header differs from this machine's clock by more
     * than AWS allows.
     */
    private static boolean isClockSkew(AwsServiceException service) {
        if (service.awsErrorDetails() == null) {
            return false;
        }
        String code = service.awsErrorDetails().errorCode();
        if (code == null) {
            return false;
        }
        if (CLOCK_SKEW_CODES.contains(code)) {
            return true;
        }
        boolean signatureError = "InvalidSignatureException".equals(code) || "SignatureDoesNotMatch".equals(code);
        return signatureError && serverSkew(service).map(d -> d.abs().compareTo(ALLOWED_SKEW) > 0).orElse(false);
    }

    /** Returns how far the server's {@code Date} header is ahead of this machine's clock. */
    private static Optional<Duration> serverSkew(AwsServiceException service) {
        if (service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        Optional<String> date = service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Date");
        if (date.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant serverTime = DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.get(), Instant::from);
            return Optional.of(Duration.between(Instant.now(), serverTime));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isThrottling(String code) {
        return code != null && (code.startsWith("Throttl") || code.equals("TooManyRequestsException")
                || code.equals("RequestLimitExceeded") || code.equals("SlowDown"));
    }

    private static boolean markedForDeletion(String awsMessage) {
        String message = awsMessage == null ? "" : awsMessage.toLowerCase(Locale.ROOT);
        return message.contains("marked for deletion") || message.contains("scheduled for deletion");
    }

    private static String attempts(Throwable cause) {
        if (cause instanceof software.amazon.awssdk.core.exception.SdkException) {
            Integer attempts = ((software.amazon.awssdk.core.exception.SdkException) cause).numAttempts();
            if (attempts != null) {
                return attempts == 1 ? "1 attempt" : attempts + " attempts";
            }
        }
        return "the configured attempts (max-attempts)";
    }

    private String subject(SecretReference reference) {
        return (reference == null ? "A batch of secrets" : "Secret '" + reference + "'") + " in store '" + storeName
                + "' (type aws)";
    }

    private static String describe(SecretReference reference) {
        return reference == null ? "a batch of secrets" : "secret '" + reference + "'";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                return null;
            }
        }
        return null;
    }
}
