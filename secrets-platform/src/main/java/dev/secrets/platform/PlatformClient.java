package dev.secrets.platform;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.platform.internal.Endpoints;
import dev.secrets.platform.internal.ErrorDetails;
import dev.secrets.platform.internal.ManagementErrors;
import dev.secrets.platform.internal.PlatformHttp;
import dev.secrets.platform.internal.PlatformJson;
import dev.secrets.platform.internal.TransportErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Manages the secrets and secret stores of one platform workspace through the platform's
 * {@code /user/secrets/*} API.
 *
 * <pre>{@code
 * try (PlatformClient platform = PlatformClient.builder()
 *         .endpoint("https://platform.example.com/api")
 *         .userKey(userKey)
 *         .workspaceId("t-abcd1234")
 *         .build()) {
 *     String id = platform.addSecret("db-password", SecretValue.ofUtf8(password));
 *     platform.listSecrets().forEach(secret -> System.out.println(secret.name()));
 * }
 * }</pre>
 *
 * <p>Every call is synchronous and sends the user key in the {@code X-Tenzir-UserKey} header and
 * the workspace id as {@code tenant_id}. Failures are typed:
 *
 * <ul>
 *   <li>{@link dev.secrets.SecretAccessDeniedException} for 401 and 403 (an expired user key, or
 *       one for another workspace: select the workspace again);
 *   <li>{@link dev.secrets.SecretNotFoundException} for 404;
 *   <li>{@link dev.secrets.ReadOnlySecretStoreException} for 400 "Readonly secret store";
 *   <li>{@link dev.secrets.SecretAlreadyExistsException} for 400 "Secret already exists";
 *   <li>{@link SecretFormatException} for 422, with each item's location, message and type;
 *   <li>{@link SecretStoreUnavailableException} for 429, 5xx, timeouts, connection failures and
 *       replies that are not the JSON the API defines.
 * </ul>
 *
 * <p>Values never appear in messages or logs: a 422 reply may echo the submitted value, so only
 * the location, message and type of each item are used, and any copy of the value in them is
 * replaced with {@code ***}.
 *
 * <p>Instances are immutable and thread-safe. {@link #close()} releases the HTTP client if this
 * instance created it; a client passed to {@link Builder#httpClient} is never closed.
 */
public final class PlatformClient implements AutoCloseable {

    /** The header that carries the user key. */
    public static final String USER_KEY_HEADER = "X-Tenzir-UserKey";

    private static final Set<String> RESERVED_HEADERS = Set.of(
            "x-tenzir-userkey", "content-type", "accept", "content-length", "host", "connection", "expect",
            "upgrade");

    private final URI endpoint;
    private final String workspaceId;
    private final Map<String, String> headers;
    private final PlatformHttp http;

    private PlatformClient(Builder builder, URI endpoint, PlatformHttp http) {
        this.endpoint = endpoint;
        this.workspaceId = builder.workspaceId;
        Map<String, String> allHeaders = new LinkedHashMap<>(builder.headers);
        allHeaders.put(USER_KEY_HEADER, builder.userKey);
        this.headers = Map.copyOf(allHeaders);
        this.http = http;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the API's base URL. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns the workspace id sent as {@code tenant_id}. */
    public String workspaceId() {
        return workspaceId;
    }

    /**
     * Adds a secret to the workspace's default store.
     *
     * @return the new secret's id
     * @throws InvalidSecretNameException if {@code name} is not a valid secret name
     * @throws SecretFormatException if the value is not UTF-8 text (the platform stores text) or
     *     exceeds {@value SecretValue#MAX_SIZE} bytes, or the platform replies with 422
     * @throws dev.secrets.SecretAlreadyExistsException if the store has the name
     * @throws dev.secrets.ReadOnlySecretStoreException if the default store is read-only
     */
    public String addSecret(String name, SecretValue value) {
        return addSecret(name, value, null);
    }

    /**
     * Adds a secret to the store with id {@code storeId}.
     *
     * @return the new secret's id
     * @throws InvalidSecretNameException if {@code name} is not a valid secret name
     * @throws SecretFormatException if the value is not UTF-8 text or exceeds
     *     {@value SecretValue#MAX_SIZE} bytes, or the platform replies with 422
     * @throws dev.secrets.SecretAlreadyExistsException if the store has the name
     * @throws dev.secrets.ReadOnlySecretStoreException if the store is read-only
     * @throws SecretNotFoundException if the store does not exist
     */
    public String addSecret(String name, SecretValue value, String storeId) {
        SecretName validName = SecretName.of(name);
        char[] text = toText(value, "add secret '" + validName + "'");
        try {
            AddSecretRequest request = new AddSecretRequest(workspaceId, storeId, validName.value(), text);
            return call("add", "add secret '" + validName + "'", request, text, AddSecretResponse.class).secretId();
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Replaces the value of the secret with id {@code secretId} in the workspace's default store.
     *
     * @throws SecretNotFoundException if there is no such secret
     * @throws dev.secrets.ReadOnlySecretStoreException if the default store is read-only
     */
    public void updateSecret(String secretId, SecretValue value) {
        updateSecret(secretId, value, null);
    }

    /**
     * Replaces the value of the secret with id {@code secretId} in the store with id
     * {@code storeId}.
     *
     * @throws SecretNotFoundException if there is no such secret or store
     * @throws dev.secrets.ReadOnlySecretStoreException if the store is read-only
     */
    public void updateSecret(String secretId, SecretValue value, String storeId) {
        Objects.requireNonNull(secretId, "secretId");
        String operation = "update secret '" + secretId + "'";
        char[] text = toText(value, operation);
        try {
            call("update", operation, new UpdateSecretRequest(workspaceId, storeId, secretId, text), text, null);
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /**
     * Removes the secret with id {@code secretId} from the workspace's default store.
     *
     * @throws SecretNotFoundException if there is no such secret
     * @throws dev.secrets.ReadOnlySecretStoreException if the default store is read-only
     */
    public void removeSecret(String secretId) {
        removeSecret(secretId, null);
    }

    /**
     * Removes the secret with id {@code secretId} from the store with id {@code storeId}.
     *
     * @throws SecretNotFoundException if there is no such secret or store
     * @throws dev.secrets.ReadOnlySecretStoreException if the store is read-only
     */
    public void removeSecret(String secretId, String storeId) {
        Objects.requireNonNull(secretId, "secretId");
        call("remove", "remove secret '" + secretId + "'", new RemoveSecretRequest(workspaceId, secretId, storeId),
                null, null);
    }

    /** Lists the secrets of the workspace's default store: names, ids and timestamps, never values. */
    public List<SecretDetails> listSecrets() {
        return listSecrets(null);
    }

    /**
     * Lists the secrets of the store with id {@code storeId}.
     *
     * @throws SecretNotFoundException if the store does not exist
     */
    public List<SecretDetails> listSecrets(String storeId) {
        String operation = storeId == null ? "list secrets" : "list the secrets of store '" + storeId + "'";
        return call("list", operation, new ListSecretsRequest(workspaceId, storeId), null, ListSecretsResponse.class)
                .secrets();
    }

    /** Lists the workspace's stores and names the default one. */
    public ListStoresResponse listStores() {
        return call("list-stores", "list secret stores", new ListStoresRequest(workspaceId), null,
                ListStoresResponse.class);
    }

    /**
     * Adds an external store, such as AWS Secrets Manager. External stores are read-only.
     *
     * @return the new store's id, {@code st-…}
     * @throws SecretFormatException if the platform rejects the type or options (422)
     */
    public String addExternalStore(ExternalStoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        AddExternalStoreRequest request = new AddExternalStoreRequest(workspaceId, spec.type(),
                spec.name().orElse(null), false, spec.makeDefault(), spec.options());
        return call("add-external-store", "add a '" + spec.type() + "' store", request, null,
                AddExternalStoreResponse.class).storeId();
    }

    /**
     * Makes the store with id {@code storeId} the workspace's default: nodes read from it, and
     * writes without a store id go to it.
     *
     * @throws SecretNotFoundException if the store does not exist
     */
    public void selectStore(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        call("select-store", "select store '" + storeId + "'", new SelectStoreRequest(workspaceId, storeId), null,
                null);
    }

    /**
     * Deletes the external store with id {@code storeId}. The built-in store cannot be deleted.
     *
     * @throws dev.secrets.ReadOnlySecretStoreException if the store is the built-in one
     * @throws SecretNotFoundException if the store does not exist
     */
    public void deleteExternalStore(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        call("delete-external-store", "delete store '" + storeId + "'",
                new DeleteExternalStoreRequest(workspaceId, storeId), null, null);
    }

    /**
     * Finds a secret of the default store by id or, failing that, by name, as an operator types
     * it.
     *
     * @throws SecretNotFoundException if no secret has that id or name
     * @throws InvalidSecretNameException if the name belongs to several secrets; the message lists
     *     their ids
     */
    public SecretDetails findSecret(String idOrName) {
        return findSecret(idOrName, null);
    }

    /**
     * Finds a secret of the store with id {@code storeId} by id or, failing that, by name.
     *
     * @throws SecretNotFoundException if no secret has that id or name
     * @throws InvalidSecretNameException if the name belongs to several secrets; the message lists
     *     their ids
     */
    public SecretDetails findSecret(String idOrName, String storeId) {
        Objects.requireNonNull(idOrName, "idOrName");
        List<SecretDetails> secrets = listSecrets(storeId);
        for (SecretDetails secret : secrets) {
            if (secret.id().equals(idOrName)) {
                return secret;
            }
        }
        List<SecretDetails> named = secrets.stream().filter(s -> s.name().equals(idOrName)).toList();
        String where = (storeId == null ? "the default store" : "store '" + storeId + "'") + " of workspace "
                + workspaceId;
        if (named.isEmpty()) {
            throw new SecretNotFoundException("No secret has the id or name '" + idOrName + "' in " + where
                    + ". List the secrets to see their names and ids.");
        }
        if (named.size() > 1) {
            throw new InvalidSecretNameException(idOrName, "The name '" + idOrName + "' belongs to " + named.size()
                    + " secrets in " + where + " (ids " + named.stream().map(SecretDetails::id).sorted()
                            .collect(Collectors.joining(", ")) + "); give the id instead.");
        }
        return named.get(0);
    }

    /**
     * Finds a store by id ({@code default} or {@code st-…}) or, failing that, by name.
     *
     * @throws SecretNotFoundException if no store has that id or name; the message lists the stores
     * @throws InvalidSecretNameException if the name belongs to several stores; the message lists
     *     their ids
     */
    public SecretStoreDetails findStore(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        List<SecretStoreDetails> stores = listStores().stores();
        for (SecretStoreDetails store : stores) {
            if (store.id().equals(idOrName)) {
                return store;
            }
        }
        List<SecretStoreDetails> named = stores.stream().filter(s -> s.name().equals(idOrName)).toList();
        if (named.isEmpty()) {
            Set<String> known = stores.stream().map(s -> s.id() + " (" + s.name() + ")")
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new SecretNotFoundException("No secret store has the id or name '" + idOrName + "' in workspace "
                    + workspaceId + ". Known stores: " + String.join(", ", known) + ".");
        }
        if (named.size() > 1) {
            throw new InvalidSecretNameException(idOrName, "The name '" + idOrName + "' belongs to " + named.size()
                    + " secret stores in workspace " + workspaceId + " (ids " + named.stream()
                            .map(SecretStoreDetails::id).sorted().collect(Collectors.joining(", "))
                    + "); give the id instead.");
        }
        return named.get(0);
    }

    /** Releases the HTTP client if this instance created it. */
    @Override
    public void close() {
        http.close();
    }

    /** Shows the endpoint and workspace; the user key and header values print as {@code ***}. */
    @Override
    public String toString() {
        return "PlatformClient[endpoint=" + endpoint + ", workspace=" + workspaceId + ", userKey=***, headers="
                + new TreeSet<>(headers.keySet()) + "]";
    }

    private <T> T call(String path, String operation, Object request, char[] submittedValue, Class<T> replyType) {
        URI uri = Endpoints.resolve(endpoint, "/user/secrets/" + path);
        byte[] body = PlatformJson.write(request);
        PlatformHttp.Reply reply;
        try {
            reply = http.post(uri, headers, body).join();
        } catch (CompletionException e) {
            throw TransportErrors.toException(e, "the platform at " + uri, http, submittedValue);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        if (reply.status() < 200 || reply.status() > 299) {
            throw ManagementErrors.toException(operation, workspaceId, uri, reply, submittedValue);
        }
        if (!reply.isJson()) {
            throw new SecretStoreUnavailableException("Could not " + operation + ": the platform at " + uri
                    + " replied HTTP " + reply.status() + " with content type '"
                    + ErrorDetails.clean(ErrorDetails.scrub(reply.contentType(), submittedValue))
                    + "' instead of JSON. Check that the endpoint points at the platform API, not a proxy or "
                    + "login page.");
        }
        if (replyType == null) {
            return null;
        }
        try {
            return PlatformJson.read(reply.body(), replyType);
        } catch (IOException e) {
            throw new SecretStoreUnavailableException("Could not " + operation + ": the platform at " + uri
                    + " replied with " + PlatformJson.describeFailure(e) + " where the API defines "
                    + replyType.getSimpleName() + ".", e);
        }
    }

    private static char[] toText(SecretValue value, String operation) {
        Objects.requireNonNull(value, "value");
        if (value.size() > SecretValue.MAX_SIZE) {
            throw new SecretFormatException("Cannot " + operation + ": the value has " + value.size()
                    + " bytes, more than the limit of " + SecretValue.MAX_SIZE + " bytes.");
        }
        try {
            return value.asChars();
        } catch (SecretFormatException e) {
            throw new SecretFormatException("Cannot " + operation + ": the value is not valid UTF-8 text, and the "
                    + "platform stores text only. Encode binary data, for example as base64, before storing it.", e);
        }
    }

    /** Builds a {@link PlatformClient}. Not thread-safe. */
    public static final class Builder {

        private String endpoint;
        private String userKey;
        private String workspaceId;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private long maxResponseBytes = 10L * 1024 * 1024;
        private boolean allowInsecureHttp;
        private HttpClient httpClient;

        private Builder() {
        }

        /**
         * Sets the API's base URL, such as {@code https://platform.example.com/api}; the
         * {@code /user/secrets/*} paths are appended to it. Required. Plain {@code http://} is
         * accepted only for loopback hosts unless {@link #allowInsecureHttp} is set.
         */
        public Builder endpoint(String value) {
            this.endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        /** Sets the API's base URL. Required. */
        public Builder endpoint(URI value) {
            return endpoint(Objects.requireNonNull(value, "endpoint").toString());
        }

        /** Sets the user key sent in {@code X-Tenzir-UserKey}. Required. */
        public Builder userKey(String value) {
            this.userKey = requireHeaderValue(value, "userKey");
            return this;
        }

        /** Sets the workspace id sent as {@code tenant_id}, such as {@code t-abcd1234}. Required. */
        public Builder workspaceId(String value) {
            Objects.requireNonNull(value, "workspaceId");
            if (value.isBlank() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("workspaceId must be printable ASCII without spaces, such as "
                        + "t-abcd1234, was '" + value + "'");
            }
            this.workspaceId = value;
            return this;
        }

        /**
         * Adds a header to every request, for example for a proxy in front of the platform. The
         * value is never printed. By default, none.
         *
         * @throws IllegalArgumentException for headers the client sets itself, such as
         *     {@code X-Tenzir-UserKey} and {@code Content-Type}
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' is set by the client; it cannot be added");
            }
            headers.put(name, requireHeaderValue(value, "header '" + name + "'"));
            return this;
        }

        /**
         * Sets how long to wait for a connection. By default, 10 seconds. Cannot be combined with
         * {@link #httpClient}, which has its own.
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requirePositive(value, "connectTimeout");
            return this;
        }

        /**
         * Sets how long one call may take, from sending the request to reading the last byte of
         * the reply. By default, 30 seconds.
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requirePositive(value, "requestTimeout");
            return this;
        }

        /**
         * Sets the largest reply body read, in bytes; a longer reply fails with
         * {@link SecretFormatException}. By default, 10 MiB.
         */
        public Builder maxResponseBytes(long value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + value);
            }
            this.maxResponseBytes = value;
            return this;
        }

        /**
         * Sets whether plain {@code http://} is allowed to hosts other than loopback, which sends
         * the user key and values unencrypted. By default, false.
         */
        public Builder allowInsecureHttp(boolean value) {
            this.allowInsecureHttp = value;
            return this;
        }

        /**
         * Sets the HTTP client to use. The caller keeps ownership: {@link PlatformClient#close()}
         * does not close it. By default, the platform client creates one that follows no redirects
         * and closes it on {@code close()}.
         */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException if the endpoint, user key or workspace id is missing, or
         *     both a connect timeout and an HTTP client were set
         * @throws IllegalArgumentException if the endpoint is invalid or insecure
         */
        public PlatformClient build() {
            if (endpoint == null || userKey == null || workspaceId == null) {
                throw new IllegalStateException("endpoint, userKey and workspaceId are required; missing: "
                        + missingParts());
            }
            if (httpClient != null && connectTimeout != null) {
                throw new IllegalStateException("connectTimeout cannot be combined with httpClient; set the "
                        + "connect timeout on the HttpClient instead");
            }
            URI uri = Endpoints.parse(endpoint, allowInsecureHttp, "allowInsecureHttp");
            boolean owned = httpClient == null;
            HttpClient client = owned
                    ? PlatformHttp.newClient(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout)
                    : httpClient;
            return new PlatformClient(this, uri, new PlatformHttp(client, owned, requestTimeout, maxResponseBytes));
        }

        private String missingParts() {
            StringBuilder missing = new StringBuilder();
            if (endpoint == null) {
                missing.append("endpoint ");
            }
            if (userKey == null) {
                missing.append("userKey ");
            }
            if (workspaceId == null) {
                missing.append("workspaceId ");
            }
            return missing.toString().trim().replace(" ", ", ");
        }

        private static String requireHeaderValue(String value, String parameter) {
            Objects.requireNonNull(value, parameter);
            if (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(parameter + " must be non-empty printable ASCII; the value is not "
                        + "shown because it may be secret");
            }
            return value;
        }

        private static Duration requirePositive(Duration value, String parameter) {
            Objects.requireNonNull(value, parameter);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(parameter + " must be positive, was " + value);
            }
            return value;
        }
    }
}
