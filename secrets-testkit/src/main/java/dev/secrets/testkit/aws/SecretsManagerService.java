package dev.secrets.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets Manager side of the local server: stored secrets with versions and staging labels,
 * and the JSON 1.1 actions {@code GetSecretValue}, {@code BatchGetSecretValue},
 * {@code DescribeSecret} and {@code ListSecrets}.
 *
 * <p>Methods that touch state synchronise on this object for in-memory work only. The caller does
 * I/O and added latency outside the monitor.
 */
final class SecretsManagerService {

    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final int MAX_BATCH_IDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUFFIXED_NAME = Pattern.compile("(.+)-([A-Za-z0-9]{6})");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String NOT_FOUND = "Secrets Manager can't find the specified secret.";
    private static final String MARKED_FOR_DELETION =
            "You can't perform this operation on the secret because it was marked for deletion.";
    private static final String DECRYPTION_FAILED =
            "Secrets Manager can't decrypt the protected secret text using the provided KMS key.";

    private final String region;
    private final String accountId;
    private final Supplier<Instant> clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredSecret> secrets = new TreeMap<>();

    SecretsManagerService(String region, String accountId, Supplier<Instant> clock) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** A secret and its versions, in the order they were added. Guarded by the service's monitor. */
    private static final class StoredSecret {
        final String name;
        final String arn;
        final Instant createdAt;
        final List<StoredVersion> versions = new ArrayList<>();
        Instant lastChangedAt;
        Instant deletedAt;
        boolean denied;
        boolean decryptionFails;

        StoredSecret(String name, String arn, Instant createdAt) {
            this.name = name;
            this.arn = arn;
            this.createdAt = createdAt;
            this.lastChangedAt = createdAt;
        }
    }

    /** One version; exactly one of {@code text} and {@code binary} is set. */
    private static final class StoredVersion {
        final String id;
        final String text;
        final byte[] binary;
        final Instant createdAt;
        final Set<String> stages = new LinkedHashSet<>();

        StoredVersion(String id, String text, byte[] binary, Instant createdAt) {
            this.id = id;
            this.text = text;
            this.binary = binary;
            this.createdAt = createdAt;
        }
    }

    // ---- seeding, called by LocalAwsServer ----

    synchronized String putVersion(String name, String versionId, String text, byte[] binary, List<String> stages) {
        StoredSecret secret = secrets.computeIfAbsent(name, key -> new StoredSecret(key, newArn(key), clock.get()));
        for (StoredVersion version : secret.versions) {
            if (version.id.equals(versionId)) {
                throw new IllegalArgumentException("secret '" + name + "' already has a version '" + versionId + "'");
            }
        }
        StoredVersion added = new StoredVersion(versionId, text, binary, clock.get());
        for (String stage : stages) {
            secret.versions.forEach(version -> version.stages.remove(stage));
            added.stages.add(stage);
        }
        secret.versions.add(added);
        secret.lastChangedAt = added.createdAt;
        return versionId;
    }

    /** Adds a version labelled AWSCURRENT; the former current version becomes AWSPREVIOUS. */
    synchronized String rotate(String name, String text, byte[] binary) {
        StoredSecret secret = secrets.get(name);
        StoredVersion formerCurrent = secret == null ? null : findByStage(secret, CURRENT);
        String versionId = UUID.randomUUID().toString();
        putVersion(name, versionId, text, binary, List.of(CURRENT));
        if (formerCurrent != null) {
            secrets.get(name).versions.forEach(version -> version.stages.remove(PREVIOUS));
            formerCurrent.stages.add(PREVIOUS);
        }
        return versionId;
    }

    synchronized String arn(String name) {
        return require(name).arn;
    }

    synchronized void scheduleDeletion(String name) {
        require(name).deletedAt = clock.get();
    }

    synchronized void restore(String name) {
        require(name).deletedAt = null;
    }

    synchronized void deny(String name) {
        require(name).denied = true;
    }

    synchronized void failDecryption(String name) {
        require(name).decryptionFails = true;
    }

    synchronized void clear() {
        secrets.clear();
    }

    private StoredSecret require(String name) {
        StoredSecret secret = secrets.get(name);
        if (secret == null) {
            throw new IllegalArgumentException("no secret named '" + name + "'; seed it with putSecret first");
        }
        return secret;
    }

    private String newArn(String name) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix;
    }

    // ---- actions ----

    /** Runs {@code action} with the parsed request body and returns the JSON reply body. */
    byte[] handle(String action, byte[] body, String caller) throws AwsError {
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AwsError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        if (request == null || !request.isObject()) {
            throw new AwsError(400, "SerializationException", "The request body must be a JSON object.");
        }
        ObjectNode reply;
        switch (action) {
            case "GetSecretValue":
                reply = getSecretValue(request, caller);
                break;
            case "BatchGetSecretValue":
                reply = batchGetSecretValue(request, caller);
                break;
            case "DescribeSecret":
                reply = describeSecret(request, caller);
                break;
            case "ListSecrets":
                reply = listSecrets(request);
                break;
            default:
                throw new AwsError(400, "UnknownOperationException", "Unknown operation " + action);
        }
        return reply.toString().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized ObjectNode getSecretValue(JsonNode request, String caller) throws AwsError {
        String secretId = requireText(request, "SecretId");
        StoredSecret secret = readable(secretId, "GetSecretValue", caller);
        StoredVersion version = selectVersion(secret, text(request, "VersionId"), text(request, "VersionStage"));
        return valueNode(secret, version);
    }

    private synchronized ObjectNode batchGetSecretValue(JsonNode request, String caller) throws AwsError {
        JsonNode ids = request.get("SecretIdList");
        JsonNode filters = request.get("Filters");
        if (ids != null && filters != null) {
            throw new AwsError(400, "InvalidParameterException", "Either 'SecretIdList' or 'Filters' must be provided, not both.");
        }
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode values = reply.putArray("SecretValues");
        ArrayNode errors = reply.putArray("Errors");
        if (ids == null) {
            for (StoredSecret secret : filtered(filters, false)) {
                addBatchEntry(secret.arn, values, errors, caller);
            }
            return reply;
        }
        if (!ids.isArray() || ids.size() < 1 || ids.size() > MAX_BATCH_IDS) {
            throw new AwsError(400, "InvalidParameterException",
                    "SecretIdList must contain between 1 and " + MAX_BATCH_IDS + " secret ids.");
        }
        for (JsonNode id : ids) {
            addBatchEntry(id.asText(), values, errors, caller);
        }
        return reply;
    }

    private void addBatchEntry(String secretId, ArrayNode values, ArrayNode errors, String caller) {
        try {
            StoredSecret secret = readable(secretId, "GetSecretValue", caller);
            for (JsonNode existing : values) {
                if (existing.get("ARN").asText().equals(secret.arn)) {
                    return;
                }
            }
            values.add(valueNode(secret, selectVersion(secret, null, null)));
        } catch (AwsError e) {
            errors.addObject().put("SecretId", secretId).put("ErrorCode", e.code()).put("Message", e.getMessage());
        }
    }

    private synchronized ObjectNode describeSecret(JsonNode request, String caller) throws AwsError {
        String secretId = requireText(request, "SecretId");
        StoredSecret secret = find(secretId);
        if (secret.denied) {
            throw denied("DescribeSecret", secretId, caller);
        }
        ObjectNode reply = metadataNode(secret);
        ObjectNode stages = reply.putObject("VersionIdsToStages");
        secret.versions.stream().filter(version -> !version.stages.isEmpty())
                .forEach(version -> stages.set(version.id, stagesNode(version)));
        return reply;
    }

    private synchronized ObjectNode listSecrets(JsonNode request) throws AwsError {
        int maxResults = request.has("MaxResults") ? request.get("MaxResults").asInt() : 100;
        if (maxResults < 1 || maxResults > 100) {
            throw new AwsError(400, "InvalidParameterException", "MaxResults must be between 1 and 100.");
        }
        boolean includeDeleted = request.path("IncludePlannedDeletion").asBoolean(false);
        List<StoredSecret> matching = filtered(request.get("Filters"), includeDeleted);
        int start = decodeToken(text(request, "NextToken"));
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("SecretList");
        int end = Math.min(matching.size(), start + maxResults);
        for (StoredSecret secret : matching.subList(Math.min(start, matching.size()), end)) {
            ObjectNode entry = metadataNode(secret);
            ObjectNode stages = entry.putObject("SecretVersionsToStages");
            secret.versions.stream().filter(version -> !version.stages.isEmpty())
                    .forEach(version -> stages.set(version.id, stagesNode(version)));
            list.add(entry);
        }
        if (end < matching.size()) {
            reply.put("NextToken", Base64.getEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return reply;
    }

    private List<StoredSecret> filtered(JsonNode filters, boolean includeDeleted) throws AwsError {
        List<String> namePrefixes = new ArrayList<>();
        if (filters != null) {
            for (JsonNode filter : filters) {
                if (!"name".equals(filter.path("Key").asText())) {
                    throw new AwsError(400, "InvalidParameterException",
                            "The local AWS server supports only the 'name' filter.");
                }
                filter.path("Values").forEach(value -> namePrefixes.add(value.asText()));
            }
        }
        List<StoredSecret> matching = new ArrayList<>();
        for (StoredSecret secret : secrets.values()) {
            boolean nameMatches = namePrefixes.isEmpty() || namePrefixes.stream().anyMatch(secret.name::startsWith);
            if (nameMatches && (includeDeleted || secret.deletedAt == null)) {
                matching.add(secret);
            }
        }
        matching.sort(Comparator.comparing(secret -> secret.name));
        return matching;
    }

    private static int decodeToken(String token) throws AwsError {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw new AwsError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
        }
    }

    // ---- lookup rules ----

    /**
     * Finds a secret the way the service does: by full ARN, by ARN without the random suffix, and
     * by name. Last, a name that ends in '-' and six characters is read as a name plus ARN suffix,
     * so it can match a different secret than the caller meant.
     */
    private StoredSecret find(String secretId) throws AwsError {
        String arnPrefix = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
        if (secretId.startsWith("arn:")) {
            for (StoredSecret secret : secrets.values()) {
                if (secret.arn.equals(secretId) || (arnPrefix + secret.name).equals(secretId)) {
                    return secret;
                }
            }
            throw new AwsError(400, "ResourceNotFoundException", NOT_FOUND);
        }
        StoredSecret byName = secrets.get(secretId);
        if (byName != null) {
            return byName;
        }
        Matcher suffixed = SUFFIXED_NAME.matcher(secretId);
        if (suffixed.matches()) {
            StoredSecret candidate = secrets.get(suffixed.group(1));
            if (candidate != null && candidate.arn.equals(arnPrefix + secretId)) {
                return candidate;
            }
        }
        throw new AwsError(400, "ResourceNotFoundException", NOT_FOUND);
    }

    private StoredSecret readable(String secretId, String action, String caller) throws AwsError {
        StoredSecret secret = find(secretId);
        if (secret.denied) {
            throw denied(action, secretId, caller);
        }
        if (secret.deletedAt != null) {
            throw new AwsError(400, "InvalidRequestException", MARKED_FOR_DELETION);
        }
        if (secret.decryptionFails) {
            throw new AwsError(400, "DecryptionFailure", DECRYPTION_FAILED);
        }
        return secret;
    }

    /** Selects by version id, by staging label, or both; the default is AWSCURRENT. */
    private static StoredVersion selectVersion(StoredSecret secret, String versionId, String stage) throws AwsError {
        if (versionId != null) {
            for (StoredVersion version : secret.versions) {
                if (version.id.equals(versionId) && (stage == null || version.stages.contains(stage))) {
                    return version;
                }
            }
            throw new AwsError(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
        }
        String wanted = stage == null ? CURRENT : stage;
        StoredVersion version = findByStage(secret, wanted);
        if (version == null) {
            throw new AwsError(400, "ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + wanted);
        }
        return version;
    }

    private static StoredVersion findByStage(StoredSecret secret, String stage) {
        for (StoredVersion version : secret.versions) {
            if (version.stages.contains(stage)) {
                return version;
            }
        }
        return null;
    }

    static AwsError denied(String action, String resource, String caller) {
        return new AwsError(400, "AccessDeniedException", "User: " + caller + " is not authorized to perform: "
                + "secretsmanager:" + action + " on resource: " + resource
                + " because no identity-based policy allows the secretsmanager:" + action + " action");
    }

    // ---- rendering ----

    private static ObjectNode valueNode(StoredSecret secret, StoredVersion version) {
        ObjectNode node = JSON.createObjectNode()
                .put("ARN", secret.arn)
                .put("Name", secret.name)
                .put("VersionId", version.id);
        if (version.text != null) {
            node.put("SecretString", version.text);
        } else {
            node.put("SecretBinary", Base64.getEncoder().encodeToString(version.binary));
        }
        node.set("VersionStages", stagesNode(version));
        node.put("CreatedDate", epochSeconds(version.createdAt));
        return node;
    }

    private static ObjectNode metadataNode(StoredSecret secret) {
        ObjectNode node = JSON.createObjectNode()
                .put("ARN", secret.arn)
                .put("Name", secret.name)
                .put("CreatedDate", epochSeconds(secret.createdAt))
                .put("LastChangedDate", epochSeconds(secret.lastChangedAt));
        if (secret.deletedAt != null) {
            node.put("DeletedDate", epochSeconds(secret.deletedAt));
        }
        return node;
    }

    private static ArrayNode stagesNode(StoredVersion version) {
        ArrayNode stages = JSON.createArrayNode();
        version.stages.forEach(stages::add);
        return stages;
    }

    /** Renders a timestamp as the JSON protocol does: seconds since the epoch, with milliseconds. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String requireText(JsonNode request, String field) throws AwsError {
        String value = text(request, field);
        if (value == null || value.isEmpty()) {
            throw new AwsError(400, "InvalidParameterException", "You must provide a value for " + field + ".");
        }
        return value;
    }
}
