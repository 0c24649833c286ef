package dev.secrets.platform.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretConfigurationException;
import dev.secrets.SecretException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.SecretValue;
import dev.secrets.platform.SealedValues;
import dev.secrets.platform.StubServer;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeResolverTest {

    private static final String TOKEN = "node-token-A";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;

    private StubServer stub;
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private NodeResolver resolver;

    @BeforeEach
    void startStub() throws IOException {
        stub = new StubServer();
        resolver = resolver(3);
    }

    @AfterEach
    void stopStub() {
        resolver.close();
        stub.close();
    }

    @Test
    void resolvesSealedValuesInOneRequest() throws Exception {
        stub.handler(sealing(Map.of("a", "alpha", "b", "beta")));

        Map<SecretReference, SecretLookup> results = await(resolver.resolveAll(refs("a", "b")));

        assertEquals("alpha", results.get(ref("a")).value().asString());
        assertEquals("beta", results.get(ref("b")).value().asString());
        assertEquals(1, stub.requests().size());
    }

    @Test
    void requestCarriesBearerTokenFreshKeyAndNames() throws Exception {
        stub.handler(sealing(Map.of("a", "alpha")));

        await(resolver.resolveAll(refs("a")));
        await(resolver.resolveAll(refs("a")));

        StubServer.RecordedRequest first = stub.requests().get(0);
        StubServer.RecordedRequest second = stub.requests().get(1);
        assertEquals("POST", first.method());
        assertEquals("/node/secrets/resolve", first.path());
        assertEquals("Bearer " + TOKEN, first.header("Authorization"));
        assertTrue(first.header("Content-Type").startsWith("application/json"));
        JsonNode body = PlatformJson.mapper().readTree(first.body());
        assertEquals(32, Base64.getDecoder().decode(body.get("public_key").asText()).length);
        assertEquals("[\"a\"]", body.get("names").toString());
        String secondKey = PlatformJson.mapper().readTree(second.body()).get("public_key").asText();
        assertFalse(secondKey.equals(body.get("public_key").asText()), "the key pair must be fresh per request");
    }

    @Test
    void resolveReturnsEmptyForNotFound() throws Exception {
        stub.handler(replying(200, "{\"results\": [{\"name\": \"a\", \"error\": {\"code\": \"not_found\", "
                + "\"message\": \"no such secret\"}}]}"));

        Optional<SecretValue> value = await(resolver.resolve(ref("a")));

        assertEquals(Optional.empty(), value);
    }

    @Test
    void perNameErrorsMapToTypedLookups() throws Exception {
        stub.handler(replying(200, "{\"results\": ["
                + "{\"name\": \"missing\", \"error\": {\"code\": \"not_found\", \"message\": \"\"}},"
                + "{\"name\": \"denied\", \"error\": {\"code\": \"access_denied\", \"message\": \"role may not read\"}},"
                + "{\"name\": \"down\", \"error\": {\"code\": \"unavailable\", \"message\": \"throttled\"}},"
                + "{\"name\": \"odd\", \"error\": {\"code\": \"exploded\", \"message\": \"\"}}]}"));

        Map<SecretReference, SecretLookup> results = await(resolver.resolveAll(refs("missing", "denied", "down", "odd")));

        assertEquals(SecretLookup.Status.NOT_FOUND, results.get(ref("missing")).status());
        SecretException denied = results.get(ref("denied")).failure();
        assertInstanceOf(SecretAccessDeniedException.class, denied);
        assertTrue(denied.getMessage().contains("denied this node access to secret 'denied' (role may not read)"),
                denied.getMessage());
        SecretException down = results.get(ref("down")).failure();
        assertInstanceOf(SecretStoreUnavailableException.class, down);
        assertTrue(down.retryable());
        SecretException odd = results.get(ref("odd")).failure();
        assertTrue(odd.getMessage().contains("unknown error code 'exploded'"), odd.getMessage());
    }

    @Test
    void missingNameInReplyFailsThatName() throws Exception {
        stub.handler(sealing(Map.of("a", "alpha")).andDrop("b"));

        Map<SecretReference, SecretLookup> results = await(resolver.resolveAll(refs("a", "b")));

        assertEquals("alpha", results.get(ref("a")).value().asString());
        SecretException failure = results.get(ref("b")).failure();
        assertInstanceOf(SecretStoreUnavailableException.class, failure);
        assertTrue(failure.getMessage().endsWith("sent no result for secret 'b', which was requested."),
                failure.getMessage());
    }

    @Test
    void duplicateResultsFailThatName() throws Exception {
        stub.handler(replying(200, "{\"results\": ["
                + "{\"name\": \"a\", \"error\": {\"code\": \"not_found\", \"message\": \"\"}},"
                + "{\"name\": \"a\", \"error\": {\"code\": \"not_found\", \"message\": \"\"}}]}"));

        SecretLookup lookup = await(resolver.resolveAll(refs("a"))).get(ref("a"));

        assertTrue(lookup.failure().getMessage().contains("sent two results for secret 'a'"));
    }

    @Test
    void valueSealedForAnotherKeyFailsThatName() throws Exception {
        SealedValues.Recipient stranger = SealedValues.newRecipient();
        String sealed = Base64.getEncoder().encodeToString(
                SealedValues.seal(stranger.publicKey(), "a", "alpha".getBytes(StandardCharsets.UTF_8)));
        stub.handler(replying(200, "{\"results\": [{\"name\": \"a\", \"value\": \"" + sealed + "\"}]}"));

        SecretLookup lookup = await(resolver.resolveAll(refs("a"))).get(ref("a"));

        assertInstanceOf(SecretFormatException.class, lookup.failure());
    }

    @Test
    void valuesSwappedBetweenNamesFailAuthentication() throws Exception {
        stub.handler(sealing(Map.of("a", "alpha", "b", "beta")).swappingValues());

        Map<SecretReference, SecretLookup> results = await(resolver.resolveAll(refs("a", "b")));

        assertInstanceOf(SecretFormatException.class, results.get(ref("a")).failure());
        assertInstanceOf(SecretFormatException.class, results.get(ref("b")).failure());
    }

    @Test
    void invalidBase64FailsThatName() throws Exception {
        stub.handler(replying(200, "{\"results\": [{\"name\": \"a\", \"value\": \"not base64!\"}]}"));

        SecretLookup lookup = await(resolver.resolveAll(refs("a"))).get(ref("a"));

        assertEquals("The sealed value of secret 'a' from the platform at " + stub.uri() + "/node/secrets/resolve "
                + "(store 'platform') is not valid base64; the reply is corrupt.", lookup.failure().getMessage());
    }

    @Test
    void malformedJsonIsUnavailable() {
        stub.handler(replying(200, "{\"results\": [{\"name\": "));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.getMessage().contains("replied with JSON that ends too early"), error.getMessage());
    }

    @Test
    void garbageJsonIsUnavailableWithoutQuotingIt() {
        stub.handler(replying(200, "{\"results\": [tops3cret]}"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.getMessage().contains("malformed JSON at line 1, column"), error.getMessage());
        assertFalse(error.getMessage().contains("tops3cret"), error.getMessage());
    }

    @Test
    void wrongTypesAreUnavailable() {
        List<String> bodies = List.of(
                "{\"results\": \"a\"}",
                "{\"results\": [{\"name\": 7, \"value\": \"AAAA\"}]}",
                "{\"results\": [{\"name\": \"a\", \"value\": true}]}",
                "{\"results\": [{\"name\": \"a\"}]}",
                "{\"results\": [{\"name\": \"a\", \"error\": \"not_found\"}]}",
                "{}",
                "[]",
                "null");
        for (String body : bodies) {
            stub.handler(replying(200, body));

            SecretException error = failure(resolver.resolveAll(refs("a")));

            assertInstanceOf(SecretStoreUnavailableException.class, error, body);
        }
    }

    @Test
    void wrongContentTypeIsUnavailable() {
        stub.handler((exchange, request) -> StubServer.reply(exchange, 200, "text/html", "<html>login</html>"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.getMessage().contains("with content type 'text/html' instead of JSON"), error.getMessage());
    }

    @Test
    void oversizedReplyWithLengthStopsAtLimit() {
        stub.handler(replying(200, "{\"results\": [], \"padding\": \"" + "x".repeat(200_000) + "\"}"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretFormatException.class, error);
        assertTrue(error.getMessage().contains("is larger than the limit of 65536 bytes"), error.getMessage());
    }

    @Test
    void oversizedChunkedReplyStopsAtLimit() {
        stub.handler((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                // About 50 MB unless the client hangs up first, which ends the loop with an IOException.
                for (int i = 0; i < 6400; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // The client closed the connection at its limit.
            }
        });

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretFormatException.class, error);
        assertTrue(error.getMessage().contains("is larger than the limit of 65536 bytes"), error.getMessage());
    }

    @Test
    void truncatedBodyIsUnavailable() {
        stub.handler((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"results\": [".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            throw new IOException("stub drops the connection mid-body");
        });

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
    }

    @Test
    void serverThatNeverAnswersTimesOut() {
        stub.handler((exchange, request) -> stub.hang());

        long start = System.nanoTime();
        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.getMessage().contains("within 2000 ms (the request timeout)"), error.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void bodyThatStallsTimesOut() {
        stub.handler((exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"results\": [".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            stub.hang();
        });

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.getMessage().contains("within 2000 ms (the request timeout)"), error.getMessage());
    }

    @Test
    void connectionResetIsUnavailable() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket socket = resetting.accept()) {
                    socket.getInputStream().read(new byte[1024]);
                    socket.setSoLinger(true, 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            NodeResolver reset = resolver(resetting.getLocalPort(), 0);

            SecretException error = failure(reset.resolveAll(refs("a")));

            assertInstanceOf(SecretStoreUnavailableException.class, error);
            assertTrue(error.getMessage().startsWith("The connection to the platform at"), error.getMessage());
            server.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NodeResolver unreachable = resolver(closedPort, 0);

        SecretException error = failure(unreachable.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
    }

    @Test
    void throttlingStormEndsAfterMaxRetries() {
        stub.handler(replying(429, "{\"detail\": \"Too many requests\"}"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertTrue(error.retryable());
        assertTrue(error.getMessage().endsWith("replied HTTP 429: Too many requests after 4 attempts; try again "
                + "later."), error.getMessage());
        assertEquals(4, stub.requests().size());
        assertEquals(List.of(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600)), delays);
    }

    @Test
    void unavailableStormHonoursRetryAfter() {
        stub.handler((exchange, request) -> {
            exchange.getResponseHeaders().set("Retry-After", "2");
            StubServer.json(exchange, 503, "{\"detail\": \"Service Unavailable\"}");
        });

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), delays);
    }

    @Test
    void retryAfterBeyondCapEndsRetriesAtOnce() {
        stub.handler((exchange, request) -> {
            exchange.getResponseHeaders().set("Retry-After", "3600");
            StubServer.json(exchange, 503, "{\"detail\": \"maintenance\"}");
        });

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertTrue(error.getMessage().endsWith("replied HTTP 503: maintenance and asked to retry after 3600 s, longer "
                + "than the maximum retry delay of 10 s; try again later."), error.getMessage());
        assertEquals(1, stub.requests().size());
        assertEquals(List.of(), delays);
    }

    @Test
    void retryThatSucceedsReturnsValues() throws Exception {
        Function<Integer, Integer> statusOfAttempt = attempt -> attempt < 2 ? 503 : 200;
        StubServer.Handler sealing = sealing(Map.of("a", "alpha"));
        stub.handler((exchange, request) -> {
            if (statusOfAttempt.apply(stub.requests().size()) == 503) {
                StubServer.json(exchange, 503, "{}");
            } else {
                sealing.handle(exchange, request);
            }
        });

        Map<SecretReference, SecretLookup> results = await(resolver.resolveAll(refs("a")));

        assertEquals("alpha", results.get(ref("a")).value().asString());
        assertEquals(1, delays.size());
    }

    @Test
    void rejectedTokenIsAccessDenied() {
        stub.handler(replying(401, "{\"detail\": \"Invalid node token\"}"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretAccessDeniedException.class, error);
        assertTrue(error.getMessage().contains("replied HTTP 401: Invalid node token. The node token was rejected"),
                error.getMessage());
        assertFalse(error.getMessage().contains(TOKEN));
    }

    @Test
    void missingEndpointIsConfigurationError() {
        stub.handler(replying(404, "{\"detail\": \"Not Found\"}"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretConfigurationException.class, error);
    }

    @Test
    void serverErrorIsUnavailableWithoutRetry() {
        stub.handler((exchange, request) -> StubServer.reply(exchange, 500, "text/plain", "boom"));

        SecretException error = failure(resolver.resolveAll(refs("a")));

        assertInstanceOf(SecretStoreUnavailableException.class, error);
        assertEquals(1, stub.requests().size());
    }

    @Test
    void largeBatchIsSplitIntoRequestsOfHundred() throws Exception {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < 250; i++) {
            values.put("s" + i, "v" + i);
        }
        stub.handler(sealing(values));
        Set<SecretReference> references = new LinkedHashSet<>();
        values.keySet().forEach(name -> references.add(ref(name)));

        // Sealing 250 values on a cold JVM can take longer than the short timeout of the other tests.
        NodeResolver patient = resolver(stub.uri().getPort(), 0, Duration.ofSeconds(20));

        Map<SecretReference, SecretLookup> results = await(patient.resolveAll(references));

        assertEquals(250, results.size());
        results.forEach((reference, lookup) -> assertTrue(lookup.isFound(), reference + ": " + lookup));
        assertEquals("v42", results.get(ref("s42")).value().asString());
        assertEquals(3, stub.requests().size());
        patient.close();
    }

    @Test
    void referenceWithVersionIsRejectedWithoutRequest() throws Exception {
        SecretReference versioned = ref("a").withVersionStage("AWSPREVIOUS");

        SecretLookup lookup = await(resolver.resolveAll(Set.of(versioned))).get(versioned);

        assertInstanceOf(InvalidSecretNameException.class, lookup.failure());
        assertEquals(0, stub.requests().size());
    }

    @Test
    void toStringHidesToken() {
        assertFalse(resolver.toString().contains(TOKEN), resolver.toString());
        assertTrue(resolver.toString().contains("nodeToken=***"), resolver.toString());
    }

    @Test
    void capabilitiesAreReadOnlyWithBatches() {
        assertTrue(resolver.capabilities().readOnly());
        assertEquals(100, resolver.capabilities().maxBatchSize());
    }

    private NodeResolver resolver(int maxRetries) {
        return resolver(stub.uri().getPort(), maxRetries);
    }

    private NodeResolver resolver(int port, int maxRetries) {
        return resolver(port, maxRetries, REQUEST_TIMEOUT);
    }

    private NodeResolver resolver(int port, int maxRetries, Duration requestTimeout) {
        PlatformHttp http = new PlatformHttp(PlatformHttp.newClient(Duration.ofSeconds(2)), true, requestTimeout,
                MAX_RESPONSE_BYTES);
        Delayer recording = delay -> {
            delays.add(delay);
            return CompletableFuture.completedFuture(null);
        };
        return new NodeResolver(new NodeResolver.Settings("platform",
                java.net.URI.create("http://127.0.0.1:" + port), TOKEN, http, maxRetries,
                new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(10)), recording, () -> 0.5,
                TimeSource.system()));
    }

    private static SecretReference ref(String name) {
        return SecretReference.of(SecretName.of(name));
    }

    private static Set<SecretReference> refs(String... names) {
        Set<SecretReference> references = new LinkedHashSet<>();
        for (String name : names) {
            references.add(ref(name));
        }
        return references;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** Waits for the future to fail, at most 10 seconds, and returns the typed exception. */
    private static SecretException failure(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> {
            try {
                future.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the call did not end within 10 seconds", e);
            }
        });
        return assertInstanceOf(SecretException.class, error.getCause());
    }

    private static StubServer.Handler replying(int status, String body) {
        return (exchange, request) -> StubServer.json(exchange, status, body);
    }

    private static SealingHandler sealing(Map<String, String> values) {
        return new SealingHandler(values, Set.of(), false);
    }

    /** Seals the requested names that it has, for the key in the request, like the platform. */
    private record SealingHandler(Map<String, String> values, Set<String> dropped, boolean swap)
            implements StubServer.Handler {

        SealingHandler andDrop(String name) {
            return new SealingHandler(values, Set.of(name), swap);
        }

        SealingHandler swappingValues() {
            return new SealingHandler(values, dropped, true);
        }

        @Override
        public void handle(HttpExchange exchange, StubServer.RecordedRequest request) throws IOException {
            JsonNode body = PlatformJson.mapper().readTree(request.body());
            byte[] publicKey = Base64.getDecoder().decode(body.get("public_key").asText());
            List<String> names = new ArrayList<>();
            body.get("names").forEach(name -> names.add(name.asText()));
            List<String> results = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (dropped.contains(name)) {
                    continue;
                }
                String sealedFor = swap ? names.get(names.size() - 1 - i) : name;
                byte[] sealed = SealedValues.seal(publicKey, sealedFor,
                        values.get(name).getBytes(StandardCharsets.UTF_8));
                results.add("{\"name\": \"" + name + "\", \"value\": \"" + Base64.getEncoder().encodeToString(sealed)
                        + "\"}");
            }
            StubServer.json(exchange, 200, "{\"results\": [" + String.join(",", results) + "]}");
        }
    }
}
