package dev.secrets.platform;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HTTP server on 127.0.0.1 and an ephemeral port whose replies a test scripts, for hostile
 * and malformed replies. Records every request. Handlers that must hang wait on {@link #hang()},
 * which {@link #close()} releases, so no test sleeps.
 */
public final class StubServer implements AutoCloseable {

    /** Scripts the reply to one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    /** A request as the stub received it. */
    public record RecordedRequest(String method, String path, Headers headers, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Handler handler = (exchange, request) -> reply(exchange, 500, "application/json", "{}");

    public StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            RecordedRequest request;
            try (InputStream in = exchange.getRequestBody()) {
                request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), in.readAllBytes());
            }
            requests.add(request);
            try {
                handler.handle(exchange, request);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Sets how the stub replies from now on. */
    public StubServer handler(Handler newHandler) {
        this.handler = newHandler;
        return this;
    }

    /** Returns {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Blocks the calling handler until the stub is closed. */
    public void hang() {
        try {
            released.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Sends a whole reply with a Content-Length. */
    public static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Sends a JSON reply. */
    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        reply(exchange, status, "application/json", body);
    }
}
