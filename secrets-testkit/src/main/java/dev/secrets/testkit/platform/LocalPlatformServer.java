package dev.secrets.testkit.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.secrets.platform.PlatformClient;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.TimeSource;
import dev.secrets.testkit.MemorySecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the platform on 127.0.0.1: the {@code /user/secrets/*} management API as
 * the platform's OpenAPI description defines it, and the node endpoint
 * {@code POST /node/secrets/resolve} that the {@code platform} store type reads, for several
 * workspaces.
 *
 * <pre>{@code
 * try (LocalPlatformServer server = LocalPlatformServer.start()) {
 *     Workspace workspace = server.createWorkspace();
 *     try (PlatformClient client = workspace.client()) {
 *         client.addSecret("geheim", SecretValue.ofUtf8("value"));
 *     }
 *     try (Secrets secrets = Secrets.builder().store(workspace.nodeStore().build()).build()) {
 *         secrets.resolve("geheim");
 *     }
 * }
 * }</pre>
 *
 * <p>Each workspace has user keys (header {@code X-Tenzir-UserKey}), node tokens (header
 * {@code Authorization: Bearer}), a built-in store with id {@code default}, and external stores
 * added through {@code add-external-store}. External stores are created through the SDK's
 * provider SPI, so {@code type: aws} works when {@code dev.secrets:secrets-aws} is on the class
 * path; they are read-only, and writes to them get HTTP 400 {@code {"detail": "Readonly secret
 * store"}}. Nodes read the workspace's default store, which {@code select-store} changes. A user
 * key or node token reaches only the workspaces it was registered for.
 *
 * <p>Thread-safe. {@link #close()} stops the server and closes every store it created, the
 * built-in stores from the factory included.
 */
public final class LocalPlatformServer implements AutoCloseable {

    /** Maximum size of a request body, in bytes. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatformServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String MANAGEMENT_PREFIX = "/user/secrets/";
    private static final String NODE_PATH = "/node/secrets/resolve";

    private final Function<String, SecretStore> builtinStoreFactory;
    private final Map<String, String> environment;
    private final TimeSource timeSource;
    private final ClassLoader classLoader;
    private final HttpServer httpServer;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final ManagementApi managementApi = new ManagementApi(this);
    private final NodeApi nodeApi = new NodeApi(this);
    private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> userKeys = new ConcurrentHashMap<>();
    private final Map<String, Workspace> nodeTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final URI uri;

    private LocalPlatformServer(Builder builder) throws IOException {
        this.builtinStoreFactory = builder.builtinStoreFactory;
        this.environment = builder.environment;
        this.timeSource = builder.timeSource;
        this.classLoader = builder.classLoader;
        this.httpServer = HttpServer.create(new InetSocketAddress(loopback(), builder.port), 0);
        this.executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "local-platform-server");
            thread.setDaemon(true);
            return thread;
        });
        httpServer.setExecutor(executor);
        httpServer.createContext("/", this::serve);
        httpServer.start();
        this.uri = URI.create("http://127.0.0.1:" + httpServer.getAddress().getPort());
        LOG.info("Local platform server listening on {}", uri);
    }

    /** Starts a server with the defaults: an ephemeral port and in-memory built-in stores. */
    public static LocalPlatformServer start() {
        return builder().start();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the base URL of both APIs, such as {@code http://127.0.0.1:50123}. */
    public URI uri() {
        return uri;
    }

    /** Returns the port the server listens on. */
    public int port() {
        return uri.getPort();
    }

    /** Creates a workspace with a random id, one user key and one node token. */
    public Workspace createWorkspace() {
        String id;
        do {
            id = randomId("t-");
        } while (workspaces.containsKey(id));
        return createWorkspace(id);
    }

    /**
     * Creates a workspace with the given id, one random user key and one random node token.
     *
     * @throws IllegalArgumentException if the id is not {@code t-} and eight characters from
     *     {@code a-z0-9}, or a workspace with that id exists
     */
    public Workspace createWorkspace(String id) {
        Objects.requireNonNull(id, "id");
        if (!BodyValidator.WORKSPACE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("workspace id must be t- and eight characters from a-z0-9, was '"
                    + id + "'");
        }
        Workspace workspace = new Workspace(this, id, builtinStoreFactory.apply(id), timeSource);
        if (workspaces.putIfAbsent(id, workspace) != null) {
            workspace.builtinStore().close();
            throw new IllegalArgumentException("workspace " + id + " exists already");
        }
        workspace.newUserKey();
        workspace.newNodeToken();
        LOG.info("Created workspace {}", id);
        return workspace;
    }

    /** Returns the workspace with {@code id}, if it exists. */
    public Optional<Workspace> workspace(String id) {
        return Optional.ofNullable(workspaces.get(Objects.requireNonNull(id, "id")));
    }

    /** Returns every workspace, in no particular order. */
    public List<Workspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    /**
     * Removes a workspace and closes its stores. Its node tokens stop working; user keys that
     * covered it now get HTTP 404 {@code {"detail": "Tenant not found"}} for it.
     */
    public void removeWorkspace(String id) {
        Workspace removed = workspaces.remove(Objects.requireNonNull(id, "id"));
        if (removed == null) {
            return;
        }
        removed.nodeTokens().forEach(nodeTokens::remove);
        closeStores(removed);
        LOG.info("Removed workspace {}", id);
    }

    /**
     * Registers a user key that covers {@code workspaceIds}, which need not exist yet; a request
     * for one that does not exist gets HTTP 404 {@code {"detail": "Tenant not found"}}.
     *
     * @throws IllegalArgumentException if the key is blank or not printable ASCII
     */
    public void addUserKey(String key, String... workspaceIds) {
        for (String workspaceId : workspaceIds) {
            registerUserKey(key, workspaceId);
        }
    }

    /** Returns how many requests arrived for {@code path}, such as {@code /node/secrets/resolve}. */
    public int requestCount(String path) {
        AtomicInteger count = requestCounts.get(path);
        return count == null ? 0 : count.get();
    }

    /** Stops the server and closes every store it created. Idempotent. */
    @Override
    public void close() {
        httpServer.stop(0);
        executor.shutdownNow();
        List<Workspace> all = new ArrayList<>(workspaces.values());
        workspaces.clear();
        all.forEach(LocalPlatformServer::closeStores);
        LOG.info("Local platform server on {} stopped", uri);
    }

    @Override
    public String toString() {
        return "LocalPlatformServer[" + uri + ", " + workspaces.size() + " workspaces]";
    }

    void registerUserKey(String key, String workspaceId) {
        requireToken(key, "user key");
        userKeys.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(workspaceId);
    }

    void registerNodeToken(String token, Workspace workspace) {
        requireToken(token, "node token");
        Workspace existing = nodeTokens.putIfAbsent(token, workspace);
        if (existing != null && existing != workspace) {
            throw new IllegalArgumentException("the node token belongs to another workspace");
        }
    }

    void unregisterNodeToken(String token) {
        nodeTokens.remove(token);
    }

    /** Returns the workspace ids a user key covers, or null for an unknown key. */
    Set<String> workspacesOfUserKey(String key) {
        return userKeys.get(key);
    }

    /** Returns the workspace of a node token, or null for an unknown token. */
    Workspace workspaceOfNodeToken(String token) {
        Workspace workspace = nodeTokens.get(token);
        return workspace != null && workspaces.get(workspace.id()) == workspace ? workspace : null;
    }

    ExternalStore createExternalStore(String storeId, String type, String name, Map<String, String> options) {
        return ExternalStore.create(storeId, type, name, options, environment, timeSource, classLoader);
    }

    /** Returns {@code prefix} and eight random characters from {@code a-z0-9}. */
    static String randomId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Returns {@code prefix} and 32 random characters from {@code a-z0-9}, about 165 bits. */
    static String randomToken(String prefix) {
        StringBuilder token = new StringBuilder(prefix);
        for (int i = 0; i < 32; i++) {
            token.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return token.toString();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requestCounts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            Object reply;
            int status = 200;
            try {
                reply = dispatch(exchange, path);
            } catch (ApiError e) {
                status = e.status();
                reply = e.body();
            } catch (RuntimeException e) {
                LOG.error("Request {} {} failed with {}", exchange.getRequestMethod(), path,
                        e.getClass().getName(), e);
                status = 500;
                reply = Map.of("detail", "Internal Server Error");
            }
            send(exchange, status, reply);
        }
    }

    private Object dispatch(HttpExchange exchange, String path) throws IOException {
        boolean management = path.startsWith(MANAGEMENT_PREFIX)
                && ManagementApi.OPERATIONS.contains(path.substring(MANAGEMENT_PREFIX.length()));
        if (!management && !path.equals(NODE_PATH)) {
            throw ApiError.of(404, "Not Found");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw ApiError.of(405, "Method Not Allowed");
        }
        JsonNode body = readBody(exchange);
        if (management) {
            String userKey = exchange.getRequestHeaders().getFirst(PlatformClient.USER_KEY_HEADER);
            return managementApi.handle(path.substring(MANAGEMENT_PREFIX.length()), userKey, body);
        }
        return nodeApi.handle(exchange.getRequestHeaders().getFirst("Authorization"), body);
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw ApiError.of(413, "Request body larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            Map<String, Object> error = new LinkedHashMap<>(BodyValidator.error("json_invalid",
                    List.of("body", offset), "JSON decode error", Map.of()));
            error.put("ctx", Map.of("error", "Expecting value"));
            throw ApiError.validation(List.of(error));
        }
    }

    private void send(HttpExchange exchange, int status, Object reply) throws IOException {
        byte[] body = json.writeValueAsBytes(reply);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void closeStores(Workspace workspace) {
        workspace.closeExternalStores();
        workspace.builtinStore().close();
    }

    private static void requireToken(String token, String kind) {
        Objects.requireNonNull(token, kind);
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a " + kind + " must be printable ASCII without spaces; the value "
                    + "is not shown because it is a credential");
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures and starts a {@link LocalPlatformServer}. Not thread-safe. */
    public static final class Builder {

        private int port;
        private Function<String, SecretStore> builtinStoreFactory =
                id -> MemorySecretStore.builder().name("workspace " + id).build();
        private Map<String, String> environment = System.getenv();
        private TimeSource timeSource = TimeSource.system();
        private ClassLoader classLoader = LocalPlatformServer.class.getClassLoader();

        private Builder() {
        }

        /** Sets the port on 127.0.0.1. By default, 0: an ephemeral port the system picks. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Sets how the built-in store of each workspace is made, from the workspace id; the server
         * closes the stores it made. By default, an empty writable {@link MemorySecretStore}.
         */
        public Builder builtinStoreFactory(Function<String, SecretStore> value) {
            this.builtinStoreFactory = Objects.requireNonNull(value, "builtinStoreFactory");
            return this;
        }

        /**
         * Sets the environment variables external stores may read. By default, the process
         * environment. Tests pass a map, and give external stores explicit endpoints and
         * credentials.
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** Sets the clock for timestamps. By default, {@link TimeSource#system()}. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /** Sets the class loader that finds store providers. By default, this library's. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws UncheckedIOException if the port cannot be bound
         */
        public LocalPlatformServer start() {
            try {
                return new LocalPlatformServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the local platform server on 127.0.0.1:" + port, e);
            }
        }
    }
}
