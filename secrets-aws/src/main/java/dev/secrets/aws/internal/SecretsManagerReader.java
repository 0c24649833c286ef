package dev.secrets.aws.internal;

import dev.secrets.SecretException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * Reads secrets with the Secrets Manager read actions only: {@code GetSecretValue},
 * {@code BatchGetSecretValue} and {@code ListSecrets}. Blocking; the store runs it on its
 * executor. Thread-safe.
 */
public final class SecretsManagerReader {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerReader.class);
    private static final String CURRENT = "AWSCURRENT";
    private static final int LIST_PAGE_SIZE = 100;

    /** Pages of {@link #LIST_PAGE_SIZE} that hold the 500,000 secrets AWS allows per account and region. */
    private static final int MAX_LIST_PAGES = 5_000;

    private final SecretsManagerClient client;
    private final String defaultStage;
    private final AwsErrors errors;
    private final AtomicBoolean batchDenied = new AtomicBoolean();

    public SecretsManagerReader(SecretsManagerClient client, String defaultStage, AwsErrors errors) {
        this.client = client;
        this.defaultStage = defaultStage;
        this.errors = errors;
    }

    /**
     * Returns whether {@code reference} can go into a {@code BatchGetSecretValue} call, which
     * returns only the AWSCURRENT version and is not used once AWS denied it.
     */
    public boolean batchable(SecretReference reference) {
        return !reference.hasVersion() && CURRENT.equals(defaultStage) && !batchDenied.get();
    }

    /** Reads one reference with {@code GetSecretValue}. */
    public SecretLookup read(SecretReference reference) {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(reference.name().value());
        reference.versionId().ifPresentOrElse(request::versionId,
                () -> request.versionStage(reference.versionStage().orElse(defaultStage)));
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request.build());
        } catch (SdkException e) {
            return errors.lookupForFailure(e, reference, "GetSecretValue");
        }
        return toLookup(reference, response.name(), response.versionId(), response.versionStages(),
                response.secretString(), response.secretBinary());
    }

    /**
     * Reads up to 20 references with one {@code BatchGetSecretValue} call. A reference that the
     * reply neither returns nor lists as an error is read again with {@code GetSecretValue}, which
     * also catches a partial-ARN match to another secret. When AWS denies the batch action, every
     * reference is read with {@code GetSecretValue}, now and for later batches.
     */
    public Map<SecretReference, SecretLookup> readBatch(List<SecretReference> references) {
        BatchGetSecretValueResponse response;
        try {
            response = client.batchGetSecretValue(request -> request.secretIdList(
                    references.stream().map(reference -> reference.name().value()).toList()));
        } catch (SdkException e) {
            if (isAccessDenied(e)) {
                return readOneByOne(references);
            }
            Map<SecretReference, SecretLookup> failed = new LinkedHashMap<>();
            references.forEach(reference ->
                    failed.put(reference, errors.lookupForFailure(e, reference, "BatchGetSecretValue")));
            return failed;
        }
        return matchBatch(references, response);
    }

    private Map<SecretReference, SecretLookup> matchBatch(List<SecretReference> references,
            BatchGetSecretValueResponse response) {
        Map<String, SecretValueEntry> valuesByName = new HashMap<>();
        response.secretValues().forEach(entry -> valuesByName.put(entry.name(), entry));
        Map<String, APIErrorType> errorsById = new HashMap<>();
        response.errors().forEach(error -> errorsById.put(error.secretId(), error));
        Map<SecretReference, SecretLookup> results = new LinkedHashMap<>();
        for (SecretReference reference : references) {
            String name = reference.name().value();
            SecretValueEntry entry = valuesByName.get(name);
            APIErrorType error = errorsById.get(name);
            if (entry != null) {
                results.put(reference, toLookup(reference, entry.name(), entry.versionId(), entry.versionStages(),
                        entry.secretString(), entry.secretBinary()));
            } else if (error != null) {
                results.put(reference, errors.lookupForCode(error.errorCode(), error.message(), reference,
                        "BatchGetSecretValue", null));
            } else {
                results.put(reference, read(reference));
            }
        }
        return results;
    }

    private Map<SecretReference, SecretLookup> readOneByOne(List<SecretReference> references) {
        if (batchDenied.compareAndSet(false, true)) {
            LOG.info("AWS denied secretsmanager:BatchGetSecretValue; this store now reads each secret with "
                    + "GetSecretValue. Allow BatchGetSecretValue to read up to 20 secrets per call.");
        }
        Map<SecretReference, SecretLookup> results = new LinkedHashMap<>();
        references.forEach(reference -> results.put(reference, read(reference)));
        return results;
    }

    /**
     * Lists every secret with {@code ListSecrets}, following {@code NextToken}, sorted by name. A
     * token that comes back a second time, or more pages than an account can fill, end the listing
     * with an error: the SDK's paginator would otherwise follow such an endpoint forever.
     */
    public List<SecretMetadata> list() {
        List<SecretMetadata> secrets = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = null;
        try {
            for (int page = 1; page == 1 || token != null; page++) {
                if (page > MAX_LIST_PAGES) {
                    throw errors.malformedListing("went on for more than " + MAX_LIST_PAGES + " pages");
                }
                String nextToken = token;
                ListSecretsResponse response = client.listSecrets(request -> request.maxResults(LIST_PAGE_SIZE)
                        .nextToken(nextToken));
                addValid(response.secretList(), secrets);
                token = response.nextToken() == null || response.nextToken().isEmpty() ? null : response.nextToken();
                if (token != null && !tokens.add(token)) {
                    throw errors.malformedListing("repeated a NextToken");
                }
            }
        } catch (SdkException e) {
            throw errors.toException(e, null, "ListSecrets");
        }
        secrets.sort(Comparator.comparing(SecretMetadata::name));
        return secrets;
    }

    private static void addValid(List<SecretListEntry> entries, List<SecretMetadata> secrets) {
        for (SecretListEntry entry : entries) {
            if (SecretName.isValid(entry.name())) {
                secrets.add(new SecretMetadata(SecretName.of(entry.name()), entry.arn(),
                        Optional.ofNullable(entry.createdDate()), lastChanged(entry)));
            }
        }
    }

    private static Optional<Instant> lastChanged(SecretListEntry entry) {
        return Optional.ofNullable(entry.lastChangedDate()).or(() -> Optional.ofNullable(entry.createdDate()));
    }

    /**
     * Checks a returned secret against the request and turns it into a value: the name must match
     * exactly, and the version must carry the requested id or staging label.
     */
    private SecretLookup toLookup(SecretReference reference, String returnedName, String versionId,
            List<String> versionStages, String text, SdkBytes binary) {
        String requested = reference.name().value();
        if (returnedName == null) {
            return SecretLookup.failed(errors.malformedReply(reference, "names no secret"));
        }
        if (!requested.equals(returnedName)) {
            return SecretLookup.failed(errors.nameMismatch(reference, returnedName));
        }
        Optional<SecretException> versionProblem = checkVersion(reference, versionId, versionStages);
        if (versionProblem.isPresent()) {
            return SecretLookup.failed(versionProblem.get());
        }
        byte[] bytes;
        if (text != null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else if (binary != null) {
            bytes = binary.asByteArray();
        } else {
            return SecretLookup.failed(errors.noValue(reference));
        }
        try {
            if (bytes.length > SecretValue.MAX_SIZE) {
                return SecretLookup.failed(errors.valueTooLarge(reference, bytes.length));
            }
            return SecretLookup.found(SecretValue.of(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Optional<SecretException> checkVersion(SecretReference reference, String versionId,
            List<String> versionStages) {
        if (reference.versionId().isPresent()) {
            return reference.versionId().get().equals(versionId) ? Optional.empty()
                    : Optional.of(errors.versionMismatch(reference, "version id " + reference.versionId().get()));
        }
        String stage = reference.versionStage().orElse(defaultStage);
        return versionStages != null && versionStages.contains(stage) ? Optional.empty()
                : Optional.of(errors.versionMismatch(reference, "staging label " + stage));
    }

    private static boolean isAccessDenied(SdkException e) {
        return e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null
                && "AccessDeniedException".equals(((AwsServiceException) e).awsErrorDetails().errorCode());
    }
}
