package dev.secrets.platform.internal;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.platform.NodeResolveError;
import dev.secrets.platform.NodeResolveRequest;
import dev.secrets.platform.NodeResolveResponse;
import dev.secrets.platform.NodeResolveResult;
import dev.secrets.platform.SealedValues;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreCapabilities;
import dev.secrets.spi.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves names through the node endpoint {@code POST {endpoint}/node/secrets/resolve}: one
 * request per batch of up to {@value #MAX_BATCH_SIZE} names, each with a fresh X25519 key pair,
 * and every value sealed for that key. Read-only.
 *
 * <p>Throttled (429) and unavailable (503) replies are retried up to {@code maxRetries} times
 * after the delays of a {@link RetrySchedule}. Thread-safe; no monitor is held during I/O.
 */
public final class NodeResolver implements SecretResolver {

    /** Most names sent in one request. */
    public static final int MAX_BATCH_SIZE = 100;

    /** Path of the node endpoint below the configured endpoint. */
    public static final String RESOLVE_PATH = "/node/secrets/resolve";

    private static final Logger LOG = LoggerFactory.getLogger(NodeResolver.class);

    private final Settings settings;
    private final URI resolveUri;
    private final Map<String, String> headers;
    private final String target;

    /** Creates a resolver; it owns {@code settings.http()} and closes it in {@link #close()}. */
    public NodeResolver(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolveUri = Endpoints.resolve(settings.endpoint(), RESOLVE_PATH);
        this.headers = Map.of("Authorization", "Bearer " + settings.nodeToken());
        this.target = "the platform at " + resolveUri + " (store '" + settings.storeName() + "')";
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        Objects.requireNonNull(reference, "reference");
        return resolveAll(Set.of(reference)).thenApply(results -> results.get(reference).toOptional());
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        Map<SecretReference, SecretLookup> results = new HashMap<>();
        Map<String, List<SecretReference>> byName = new LinkedHashMap<>();
        for (SecretReference reference : references) {
            if (reference.hasVersion()) {
                results.put(reference, SecretLookup.failed(new InvalidSecretNameException(reference.toString(),
                        "Secret reference '" + reference + "' selects a version, but store '" + settings.storeName()
                                + "' (type 'platform') keeps no versions. Remove the version.")));
            } else {
                byName.computeIfAbsent(reference.name().value(), name -> new ArrayList<>()).add(reference);
            }
        }
        List<String> names = List.copyOf(byName.keySet());
        List<CompletableFuture<Map<String, SecretLookup>>> batches = new ArrayList<>();
        for (int start = 0; start < names.size(); start += MAX_BATCH_SIZE) {
            batches.add(resolveBatch(names.subList(start, Math.min(names.size(), start + MAX_BATCH_SIZE))));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new))
                .handle((ignored, anyFailure) -> combine(batches, byName, results));
    }

    /**
     * Merges the batches into one lookup per reference. A failed batch fails its own references;
     * only when every batch failed does the whole call fail, as the SPI requires.
     */
    private Map<SecretReference, SecretLookup> combine(List<CompletableFuture<Map<String, SecretLookup>>> batches,
            Map<String, List<SecretReference>> byName, Map<SecretReference, SecretLookup> results) {
        List<String> names = List.copyOf(byName.keySet());
        SecretException firstFailure = null;
        int failedBatches = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<String> batchNames = names.subList(i * MAX_BATCH_SIZE,
                    Math.min(names.size(), (i + 1) * MAX_BATCH_SIZE));
            CompletableFuture<Map<String, SecretLookup>> batch = batches.get(i);
            if (batch.isCompletedExceptionally()) {
                SecretException failure = TransportErrors.toException(batch.handle((r, e) -> e).join(), target,
                        settings.http());
                firstFailure = firstFailure == null ? failure : firstFailure;
                failedBatches++;
                batchNames.forEach(name -> byName.get(name).forEach(ref -> results.put(ref,
                        SecretLookup.failed(failure))));
            } else {
                Map<String, SecretLookup> lookups = batch.join();
                batchNames.forEach(name -> distribute(lookups.get(name), byName.get(name), results));
            }
        }
        if (failedBatches > 0 && failedBatches == batches.size()) {
            throw firstFailure;
        }
        return results;
    }

    /** Gives every reference of one name its own lookup, each found value its own copy. */
    private static void distribute(SecretLookup lookup, List<SecretReference> references,
            Map<SecretReference, SecretLookup> results) {
        for (int i = 0; i < references.size(); i++) {
            boolean copy = lookup.isFound() && i > 0;
            results.put(references.get(i), copy ? SecretLookup.found(SecretValue.of(lookup.value().asBytes())) : lookup);
        }
    }

    private CompletableFuture<Map<String, SecretLookup>> resolveBatch(List<String> names) {
        SealedValues.Recipient recipient = SealedValues.newRecipient();
        byte[] body = PlatformJson.write(new NodeResolveRequest(recipient.publicKeyBase64(), names));
        return send(body, 0).thenApply(outcome -> readOutcome(outcome, names, recipient));
    }

    /** Sends the request, retrying 429 and 503 replies as the schedule allows. */
    private CompletableFuture<Outcome> send(byte[] body, int retriesDone) {
        return settings.http().post(resolveUri, headers, body).thenCompose(reply -> {
            if (reply.status() != 429 && reply.status() != 503) {
                return CompletableFuture.completedFuture(new Outcome(reply, retriesDone + 1, Optional.empty()));
            }
            Optional<Duration> retryAfter = reply.headers().firstValue("Retry-After")
                    .flatMap(header -> RetrySchedule.parseRetryAfter(header, settings.timeSource().now()));
            if (retriesDone >= settings.maxRetries()) {
                return CompletableFuture.completedFuture(new Outcome(reply, retriesDone + 1, Optional.empty()));
            }
            Optional<Duration> delay = settings.schedule().delayBefore(retriesDone + 1, retryAfter,
                    settings.random().getAsDouble());
            if (delay.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(reply, retriesDone + 1, retryAfter));
            }
            LOG.debug("Store '{}': {} replied HTTP {}, retry {} of {} in {} ms", settings.storeName(), resolveUri,
                    reply.status(), retriesDone + 1, settings.maxRetries(), delay.get().toMillis());
            return settings.delayer().after(delay.get()).thenCompose(ignored -> send(body, retriesDone + 1));
        });
    }

    private Map<String, SecretLookup> readOutcome(Outcome outcome, List<String> names,
            SealedValues.Recipient recipient) {
        PlatformHttp.Reply reply = outcome.reply();
        if (reply.status() != 200) {
            throw statusError(outcome);
        }
        if (!reply.isJson()) {
            throw new SecretStoreUnavailableException(capitalizedTarget() + " replied HTTP 200 with content type '"
                    + reply.contentType() + "' instead of JSON. Check that the endpoint points at the platform, "
                    + "not a proxy or login page.");
        }
        NodeResolveResponse response;
        try {
            response = PlatformJson.read(reply.body(), NodeResolveResponse.class);
        } catch (IOException e) {
            throw new SecretStoreUnavailableException(capitalizedTarget() + " replied with "
                    + PlatformJson.describeFailure(e) + " instead of a resolve reply.", e);
        }
        return readResults(response, names, recipient);
    }

    private Map<String, SecretLookup> readResults(NodeResolveResponse response, List<String> names,
            SealedValues.Recipient recipient) {
        Map<String, SecretLookup> lookups = new HashMap<>();
        Set<String> requested = Set.copyOf(names);
        for (NodeResolveResult result : response.results()) {
            String name = result.name();
            if (!requested.contains(name)) {
                LOG.debug("Store '{}': ignoring a result for '{}', which was not requested", settings.storeName(),
                        name);
            } else if (lookups.containsKey(name)) {
                lookups.put(name, SecretLookup.failed(new SecretStoreUnavailableException(capitalizedTarget()
                        + " sent two results for secret '" + name + "'; neither is used.")));
            } else {
                lookups.put(name, toLookup(result, recipient));
            }
        }
        for (String name : names) {
            lookups.computeIfAbsent(name, missing -> SecretLookup.failed(new SecretStoreUnavailableException(
                    capitalizedTarget() + " sent no result for secret '" + missing + "', which was requested.")));
        }
        return lookups;
    }

    private SecretLookup toLookup(NodeResolveResult result, SealedValues.Recipient recipient) {
        String name = result.name();
        if (result.error() != null) {
            return toLookup(name, result.error());
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(result.value());
        } catch (IllegalArgumentException e) {
            return SecretLookup.failed(new SecretFormatException("The sealed value of secret '" + name + "' from "
                    + target + " is not valid base64; the reply is corrupt."));
        }
        try {
            byte[] plaintext = recipient.open(name, sealed);
            try {
                return SecretLookup.found(SecretValue.of(plaintext));
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (SecretException e) {
            return SecretLookup.failed(e);
        }
    }

    private SecretLookup toLookup(String name, NodeResolveError error) {
        String message = error.message().isBlank() ? "" : " (" + ErrorDetails.clean(error.message()) + ")";
        switch (error.code()) {
            case NodeResolveError.NOT_FOUND:
                return message.isEmpty() ? SecretLookup.notFound()
                        : SecretLookup.notFound(ErrorDetails.clean(error.message()));
            case NodeResolveError.ACCESS_DENIED:
                return SecretLookup.failed(new SecretAccessDeniedException(capitalizedTarget()
                        + " denied this node access to secret '" + name + "'" + message + ". The workspace's default "
                        + "store may not allow the read, or the name may not exist for its credentials."));
            case NodeResolveError.UNAVAILABLE:
                return SecretLookup.failed(new SecretStoreUnavailableException(capitalizedTarget()
                        + " could not read secret '" + name + "' now" + message + "; try again later."));
            case NodeResolveError.INVALID:
                return SecretLookup.failed(new SecretFormatException(capitalizedTarget() + " rejected the request "
                        + "for secret '" + name + "'" + message + ". Retrying will not help; check the name and the "
                        + "workspace's default store."));
            default:
                return SecretLookup.failed(new SecretException(capitalizedTarget() + " failed to resolve secret '"
                        + name + "' with the unknown error code '" + ErrorDetails.clean(error.code()) + "'"
                        + message + "."));
        }
    }

    private SecretException statusError(Outcome outcome) {
        PlatformHttp.Reply reply = outcome.reply();
        int status = reply.status();
        String detail = ErrorDetails.detail(reply.body(), null).map(text -> ": " + text).orElse("");
        String replied = capitalizedTarget() + " replied HTTP " + status + detail;
        if (status == 401 || status == 403) {
            return new SecretAccessDeniedException(replied + ". The node token was rejected; check node-token or "
                    + "node-token-file, as the token may be revoked or belong to another platform.");
        }
        if (status == 404) {
            return new SecretConfigurationException(replied + ". The endpoint has no node resolution API; check the "
                    + "endpoint option of store '" + settings.storeName() + "'.");
        }
        if (outcome.excessiveRetryAfter().isPresent()) {
            return new SecretStoreUnavailableException(replied + " and asked to retry after "
                    + outcome.excessiveRetryAfter().get().toSeconds() + " s, longer than the maximum retry delay of "
                    + settings.schedule().maxDelay().toSeconds() + " s; try again later.");
        }
        if (status == 429 || status == 503) {
            return new SecretStoreUnavailableException(replied + " after " + outcome.attempts() + " attempt"
                    + (outcome.attempts() == 1 ? "" : "s") + "; try again later.");
        }
        if (status >= 500) {
            return new SecretStoreUnavailableException(replied + "; try again later.");
        }
        return new SecretException(replied + ".");
    }

    private String capitalizedTarget() {
        return "The" + target.substring(3);
    }

    @Override
    public StoreCapabilities capabilities() {
        return StoreCapabilities.READ_ONLY.withMaxBatchSize(MAX_BATCH_SIZE);
    }

    @Override
    public void close() {
        settings.http().close();
    }

    /** Shows the store and endpoint; the node token prints as {@code ***}. */
    @Override
    public String toString() {
        return "PlatformResolver[store=" + settings.storeName() + ", endpoint=" + settings.endpoint()
                + ", nodeToken=***]";
    }

    /** The final reply of a request, how many attempts it took, and a Retry-After beyond the maximum delay. */
    private record Outcome(PlatformHttp.Reply reply, int attempts, Optional<Duration> excessiveRetryAfter) {
    }

    /**
     * Settings of a {@link NodeResolver}.
     *
     * @param storeName the configured store name, for messages
     * @param endpoint the platform's base URL, already checked
     * @param nodeToken the bearer token that identifies the node and its workspace
     * @param http the transport, owned by the resolver
     * @param maxRetries how many times a 429 or 503 reply is retried
     * @param schedule the delays between retries
     * @param delayer waits out each delay
     * @param random a source of numbers in [0, 1) for jitter
     * @param timeSource the clock for HTTP-date {@code Retry-After} values
     */
    public record Settings(String storeName, URI endpoint, String nodeToken, PlatformHttp http, int maxRetries,
            RetrySchedule schedule, Delayer delayer, DoubleSupplier random, TimeSource timeSource) {

        public Settings {
            Objects.requireNonNull(storeName, "storeName");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(nodeToken, "nodeToken");
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(delayer, "delayer");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(timeSource, "timeSource");
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
            }
        }

        @Override
        public String toString() {
            return "Settings[store=" + storeName + ", endpoint=" + endpoint + ", nodeToken=***, maxRetries="
                    + maxRetries + "]";
        }
    }
}
